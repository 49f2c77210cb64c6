import CShims
#if canImport(Glibc)
import Glibc
#endif

/// CGI mode: one request from the environment and stdin, one response on stdout, through the
/// same `ChartService` as FastCGI (same headers, `Status:` line included).
///
/// A CGI process is started per request by a web server that may not police it, so it limits
/// itself: CPU seconds and address space by rlimit, and a wall-clock render deadline that
/// answers 503 with an error image and exits if drawing runs long.
public struct CGIServer {
    public let service: ChartService
    public var renderTimeoutSeconds: UInt32 = 10
    public var cpuLimitSeconds: UInt = 20
    public var addressSpaceBytes: UInt64 = 1 << 30
    public var accessLog = true

    public init(service: ChartService) { self.service = service }

    /// True when a web server started this process as a CGI program.
    public static var isCGIEnvironment: Bool { getenv("GATEWAY_INTERFACE") != nil }

    public func run() -> Int32 {
        pg_ignore_sigpipe()
        _ = pg_limit_resources(cpuLimitSeconds, addressSpaceBytes)

        let limit = service.configuration.limits.maxQueryBytes
        var body: [UInt8] = []
        var tooLarge = false
        if let length = parseContentLength(env("CONTENT_LENGTH")), length > 0 {
            if length > limit { tooLarge = true } else { body = readStdin(length) }
        }
        var request = GatewayRequest.fromCGIVariables(env, body: body, bodyTooLarge: tooLarge)
        request.bodyIncomplete = !tooLarge && body.count < (parseContentLength(env("CONTENT_LENGTH")) ?? 0)

        // Past the deadline the answer (a 503 image on stdout) comes from a signal handler.
        let deadline = RenderDeadline(milliseconds: renderTimeoutSeconds * 1000, exitCode: 3,
                                      frame: { response, _ in response })
        deadline.target(fd: 1, requestID: 0)
        let response = service.respond(to: request, deadline: deadline)
        let written = writeAll(response.serialized())
        if accessLog {
            writeStderr(AccessLog.line(request: request, response: response, written: written, sequence: 1))
        }
        return 0
    }

    private func env(_ name: String) -> String? { getenv(name).map { String(cString: $0) } }

    private func readStdin(_ length: Int) -> [UInt8] {
        var buffer = [UInt8](repeating: 0, count: length)
        var got = 0
        while got < length {
            let n = buffer.withUnsafeMutableBytes { read(0, $0.baseAddress! + got, length - got) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { break }
            got += n
        }
        buffer.removeSubrange(got...)
        return buffer
    }

    private func writeAll(_ bytes: [UInt8]) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { write(1, $0.baseAddress! + offset, $0.count - offset) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { return false }
            offset += n
        }
        return true
    }
}
