import CFastCGI
import CShims
#if canImport(Glibc)
import Glibc
#endif

/// A FastCGI worker: accepts on the listening socket it inherited (fd 0, as spawn-fcgi hands
/// it over), one request at a time, through libfcgi's re-entrant `FCGX_*_r` API.
///
/// Each request's params are copied into a `GatewayRequest` at once (they die at
/// `FCGX_Finish_r`), the response is built whole in memory and written in one go. SIGPIPE is
/// ignored, so a client that went away costs one log line, not the worker. SIGTERM while idle
/// exits at once; while busy, the request in flight is finished first.
public struct FastCGIWorker {
    public let service: ChartService
    /// Stop after this many requests (0: never). The supervisor uses it to recycle workers.
    public var maxRequests = 0
    public var accessLog = true

    public init(service: ChartService) { self.service = service }

    /// True when fd 0 is a listening socket, i.e. the process was started by spawn-fcgi or a
    /// FastCGI-aware server rather than by hand or as CGI.
    public static var hasListeningSocket: Bool { FCGX_IsCGI() == 0 }

    /// Serves until told to stop. Returns the process exit status.
    public func run() -> Int32 {
        guard FCGX_Init() == 0 else {
            writeStderr("plotgate: libfcgi failed to initialise\n")
            return 70
        }
        // After FCGX_Init, which installs handlers of its own.
        pg_ignore_sigpipe()
        pg_install_termination_handler()

        var request = FCGX_Request()
        guard FCGX_InitRequest(&request, 0, 0) == 0 else {
            writeStderr("plotgate: cannot set up a FastCGI request on fd 0\n")
            return 70
        }
        var served = 0
        while pg_termination_requested() == 0 {
            pg_set_busy(0)
            if FCGX_Accept_r(&request) < 0 {
                if pg_termination_requested() != 0 { break }
                writeStderr("plotgate: accept failed: \(String(cString: strerror(errno)))\n")
                return 71
            }
            pg_set_busy(1)
            served += 1
            let gatewayRequest = FastCGIWorker.copyRequest(&request, limit: service.configuration.limits.maxQueryBytes)
            let response = service.respond(to: gatewayRequest)
            let written = FastCGIWorker.write(response.serialized(), to: request.out)
            FCGX_Finish_r(&request)
            if accessLog {
                writeStderr(AccessLog.line(request: gatewayRequest, response: response, written: written,
                                           sequence: served))
            }
            if maxRequests > 0 && served >= maxRequests { break }
        }
        pg_set_busy(0)
        FCGX_Free(&request, 1)
        return 0
    }

    /// Copies the params and body of the accepted request into Swift values.
    static func copyRequest(_ request: inout FCGX_Request, limit: Int) -> GatewayRequest {
        let envp = request.envp
        var params: [String: String] = [:]
        for name in GatewayRequest.cgiVariables {
            if let value = FCGX_GetParam(name, envp) { params[name] = String(cString: value) }
        }
        var body: [UInt8] = []
        var tooLarge = false
        if let length = parseContentLength(params["CONTENT_LENGTH"]), length > 0 {
            if length > limit {
                tooLarge = true
            } else {
                body = [UInt8](repeating: 0, count: length)
                let read = body.withUnsafeMutableBytes { buf in
                    FCGX_GetStr(buf.baseAddress!.assumingMemoryBound(to: CChar.self), Int32(length), request.in)
                }
                body.removeSubrange(Int(max(0, read))...)
            }
        }
        return GatewayRequest.fromCGIVariables({ params[$0] }, body: body, bodyTooLarge: tooLarge)
    }

    /// One write of the whole response; false when the client (or nginx) went away.
    static func write(_ bytes: [UInt8], to stream: UnsafeMutablePointer<FCGX_Stream>?) -> Bool {
        guard let stream else { return false }
        let n = bytes.withUnsafeBytes { buf in
            FCGX_PutStr(buf.baseAddress!.assumingMemoryBound(to: CChar.self), Int32(buf.count), stream)
        }
        return n == Int32(bytes.count) && FCGX_FFlush(stream) == 0 && FCGX_GetError(stream) == 0
    }
}

func writeStderr(_ text: String) {
    var bytes = Array(text.utf8)
    var offset = 0
    while offset < bytes.count {
        let n = bytes.withUnsafeMutableBytes { Glibc.write(2, $0.baseAddress! + offset, $0.count - offset) }
        if n < 0 && errno == EINTR { continue }
        if n <= 0 { return }
        offset += n
    }
}
