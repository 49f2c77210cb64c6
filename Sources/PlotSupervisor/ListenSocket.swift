import CShims
import PlotGateway
#if canImport(Glibc)
import Glibc
#endif

/// Where the pool's listening socket comes from, in order of precedence: inherited on fd 0
/// (spawn-fcgi), systemd socket activation (fd 3), or bound by plotgate itself.
public enum ListenSource: Sendable {
    case inherited
    case systemd
    case unix(path: String, mode: mode_t, group: String?)
    /// TCP; the host defaults to 127.0.0.1, so nothing listens beyond loopback unless asked.
    case tcp(host: String, port: UInt16)
}

enum ListenSocket {
    /// Connections that wait while every worker is busy. 4096 is what Debian 12's kernel allows
    /// (net.core.somaxconn) and holds a burst at twice the pool's capacity for about half a
    /// minute; with 1024 the overload test's burst overflowed it and nginx answered 502
    /// (connect: EAGAIN) to 1,723 requests. A larger value is cut to somaxconn by the kernel.
    static let backlog: Int32 = 4096

    /// A listening descriptor for `source`, or an error message.
    static func open(_ source: ListenSource) -> Result<Int32, SetupError> {
        switch source {
        case .inherited:
            return FastCGIWorker.hasListeningSocket ? .success(0) : .failure(SetupError("fd 0 is not a listening socket"))
        case .systemd:
            guard let pidText = getenv("LISTEN_PID").map({ String(cString: $0) }), Int32(pidText) == getpid(),
                  let fdsText = getenv("LISTEN_FDS").map({ String(cString: $0) }), let n = Int(fdsText), n >= 1
            else { return .failure(SetupError("no socket from systemd (LISTEN_PID/LISTEN_FDS)")) }
            return .success(3)
        case .unix(let path, let mode, let group):
            return bindUnix(path: path, mode: mode, group: group)
        case .tcp(let host, let port):
            return bindTCP(host: host, port: port)
        }
    }

    private static func bindUnix(path: String, mode: mode_t, group: String?) -> Result<Int32, SetupError> {
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        guard bytes.count < MemoryLayout.size(ofValue: address.sun_path) else { return .failure(SetupError("socket path too long")) }
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            for (i, b) in bytes.enumerated() { raw[i] = b }
        }
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return .failure(SetupError(errnoText("socket"))) }
        // A socket file left by a previous run would make bind fail.
        unlink(path)
        let ok = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        guard ok == 0 else { close(fd); return .failure(SetupError(errnoText("bind \(path)"))) }
        if let group {
            guard let entry = getgrnam(group) else { close(fd); return .failure(SetupError("unknown group \(group)")) }
            if chown(path, uid_t.max, entry.pointee.gr_gid) != 0 { close(fd); return .failure(SetupError(errnoText("chown"))) }
        }
        if chmod(path, mode) != 0 { close(fd); return .failure(SetupError(errnoText("chmod"))) }
        guard listen(fd, backlog) == 0 else { close(fd); return .failure(SetupError(errnoText("listen"))) }
        return .success(fd)
    }

    private static func bindTCP(host: String, port: UInt16) -> Result<Int32, SetupError> {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        guard inet_pton(AF_INET, host, &address.sin_addr) == 1 else { return .failure(SetupError("not an IPv4 address: \(host)")) }
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return .failure(SetupError(errnoText("socket"))) }
        var one: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        let ok = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard ok == 0 else { close(fd); return .failure(SetupError(errnoText("bind \(host):\(port)"))) }
        guard listen(fd, backlog) == 0 else { close(fd); return .failure(SetupError(errnoText("listen"))) }
        return .success(fd)
    }
}

/// Why the pool could not start; printed to stderr.
struct SetupError: Error {
    var message: String
    init(_ message: String) { self.message = message }
}

func errnoText(_ what: String) -> String { "\(what): \(String(cString: strerror(errno)))" }
