#if canImport(Glibc)
import Glibc
#endif

/// Resident memory of a process, from /proc/PID/statm (pages), without Foundation.
enum ProcessMemory {
    static let pageKB = Int64(sysconf(Int32(_SC_PAGESIZE))) / 1024

    /// Resident set size in KiB, or nil when the process is gone.
    static func residentKB(pid: Int32) -> Int64? {
        residentKB(path: pid == 0 ? "/proc/self/statm" : "/proc/\(pid)/statm")
    }

    private static func residentKB(path: String) -> Int64? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var buffer = [UInt8](repeating: 0, count: 128)
        let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
        guard n > 0 else { return nil }
        // "size resident shared text lib data dt": the second field.
        let fields = buffer[0..<n].split(separator: UInt8(ascii: " "))
        guard fields.count > 1, let pages = Int64(String(decoding: fields[1], as: UTF8.self)) else { return nil }
        return pages * pageKB
    }
}
