#if canImport(Glibc)
import Glibc
#endif

/// Writing to stdout, stderr and files with plain system calls: no Foundation in the binary,
/// which halves start-up time and memory for one-shot uses (DESIGN.md §3).
enum Console {
    static func out(_ text: String) { writeAll(1, Array(text.utf8)) }
    static func err(_ text: String) { writeAll(2, Array(text.utf8)) }

    /// Writes every byte, retrying on short writes and EINTR. Returns false on failure.
    @discardableResult
    static func writeAll(_ fd: Int32, _ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBytes { buf in
            var offset = 0
            while offset < buf.count {
                let n = write(fd, buf.baseAddress! + offset, buf.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    return false
                }
                offset += n
            }
            return true
        }
    }

    /// Writes `bytes` to `path` through a temporary file and a rename, so a reader never sees
    /// half an image. Returns an error text on failure.
    static func writeFile(_ path: String, _ bytes: [UInt8]) -> String? {
        let temp = path + ".tmp\(getpid())"
        let fd = open(temp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        if fd < 0 { return "cannot write \(path): \(String(cString: strerror(errno)))" }
        let ok = writeAll(fd, bytes)
        let closed = close(fd) == 0
        if !ok || !closed {
            unlink(temp)
            return "cannot write \(path): \(String(cString: strerror(errno)))"
        }
        if rename(temp, path) != 0 {
            unlink(temp)
            return "cannot write \(path): \(String(cString: strerror(errno)))"
        }
        return nil
    }
}
