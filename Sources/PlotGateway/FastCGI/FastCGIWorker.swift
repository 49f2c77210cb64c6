import CFastCGI
import CShims
#if canImport(Glibc)
import Glibc
#endif

/// Why a worker's loop ended; the exit status tells the supervisor.
public enum WorkerExit: Int32, Sendable {
    case stopped = 0
    case maxRenders = 10
    case rssSoft = 11
    /// Set by the deadline handler itself, which exits from inside the signal handler.
    case renderTimeout = 12
}

/// Lets a supervisor watch and steer a worker: publish its state, decide when it should leave.
public protocol WorkerObserver {
    mutating func accepted(_ request: GatewayRequest)
    /// After a response went out. A non-nil reason ends the loop (recycling).
    mutating func finished(_ request: GatewayRequest, _ response: GatewayResponse) -> WorkerExit?
}

/// A FastCGI worker: accepts on the listening socket it inherited (fd 0, as spawn-fcgi hands
/// it over), one request at a time, through libfcgi's re-entrant `FCGX_*_r` API.
///
/// Each request's params are copied into a `GatewayRequest` at once (they die at
/// `FCGX_Finish_r`), the response is built whole in memory and written in one go. SIGPIPE is
/// ignored, so a client that went away costs one log line, not the worker. SIGTERM while idle
/// exits at once; while busy, the request in flight is finished first.
public struct FastCGIWorker {
    public let service: ChartService
    /// Stop after this many requests (0: never).
    public var maxRequests = 0
    public var accessLog = true
    /// The worker's own render deadline in milliseconds (0: none): past it, the client gets a
    /// 503 error image and the worker exits, because Cairo cannot be interrupted.
    public var renderTimeoutMilliseconds: UInt32 = 0
    public var observer: (any WorkerObserver)? = nil

    public init(service: ChartService) { self.service = service }

    /// True when fd 0 is a listening socket, i.e. the process was started by spawn-fcgi or a
    /// FastCGI-aware server rather than by hand or as CGI.
    public static var hasListeningSocket: Bool { FCGX_IsCGI() == 0 }

    /// Serves until told to stop. Returns the process exit status.
    public mutating func run() -> Int32 {
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
        // The render deadline answers with pre-framed records from a signal handler (libfcgi's
        // buffers cannot be used there).
        let deadline = renderTimeoutMilliseconds == 0 ? nil : RenderDeadline(
            milliseconds: renderTimeoutMilliseconds, exitCode: WorkerExit.renderTimeout.rawValue,
            frame: { FastCGIRecords.response($0, requestID: $1) })
        while pg_termination_requested() == 0 {
            pg_set_busy(0)
            let accepted = FCGX_Accept_r(&request)
            // accept() (CShims/accept.c) held SIGTERM back while libfcgi read the request;
            // from here a SIGTERM means "finish this one, then leave".
            pg_unblock_termination()
            if accepted < 0 {
                if pg_termination_requested() != 0 { break }
                writeStderr("plotgate: accept failed: \(String(cString: strerror(errno)))\n")
                return 71
            }
            pg_set_busy(1)
            served += 1
            let gatewayRequest = FastCGIWorker.copyRequest(&request, limit: service.configuration.limits.maxQueryBytes)
            observer?.accepted(gatewayRequest)
            // ipcFd is the connection to nginx. fcgiapp.h calls the field private; it is the
            // only way to answer from a signal handler, and to write a response in one call.
            deadline?.target(fd: request.ipcFd, requestID: request.requestId)
            let response = service.respond(to: gatewayRequest, deadline: deadline)
            let written = FastCGIWorker.send(response, request: &request)
            if accessLog {
                writeStderr(AccessLog.line(request: gatewayRequest, response: response, written: written,
                                           sequence: served))
            }
            if let exit = observer?.finished(gatewayRequest, response) { return exit.rawValue }
            if maxRequests > 0 && served >= maxRequests { return WorkerExit.maxRenders.rawValue }
        }
        return WorkerExit.stopped.rawValue
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
        var request = GatewayRequest.fromCGIVariables({ params[$0] }, body: body, bodyTooLarge: tooLarge)
        request.bodyIncomplete = !tooLarge && body.count < (parseContentLength(params["CONTENT_LENGTH"]) ?? 0)
        return request
    }

    /// Sends the whole response as one `write()` of ready-framed FastCGI records (STDOUT
    /// records, the empty one that ends the stream, END_REQUEST), then closes the connection.
    ///
    /// Not `FCGX_PutStr`: libfcgi flushes its 8 KB buffer in pieces, and a worker killed
    /// between two pieces (hard timeout, RSS ceiling, OOM) leaves nginx holding half a 200
    /// whose headers are already on their way to the client. Bytes handed to the kernel in
    /// one call survive the process, so with a send buffer large enough for the response the
    /// answer is all or nothing. Returns false when nginx (or the client) went away.
    static func send(_ response: GatewayResponse, request: inout FCGX_Request) -> Bool {
        let records = FastCGIRecords.response(response.serialized(), requestID: request.requestId)
        let fd = request.ipcFd  // see run() on why the private field is used
        var wanted = Int32(clamping: records.count + 4096)
        _ = setsockopt(fd, SOL_SOCKET, SO_SNDBUF, &wanted, socklen_t(MemoryLayout<Int32>.size))
        let length = response.testCrashMidWrite ? records.count / 2 : records.count
        let ok = records.withUnsafeBytes { writeAll(fd, $0.baseAddress!, length) }
        if response.testCrashMidWrite {
            // Test hook: half the response, then a crash, as a bug during the write would.
            abort()
        }
        // Frees libfcgi's streams without flushing them (nothing was written through them)
        // and closes the connection: the request is complete.
        FCGX_Free(&request, 1)
        return ok
    }

    private static func writeAll(_ fd: Int32, _ base: UnsafeRawPointer, _ count: Int) -> Bool {
        var offset = 0
        while offset < count {
            let n = Glibc.write(fd, base + offset, count - offset)
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { return false }
            offset += n
        }
        return true
    }
}

func writeStderr(_ text: String) {
    let bytes = Array(text.utf8)
    var offset = 0
    while offset < bytes.count {
        let n = bytes.withUnsafeBytes { Glibc.write(2, $0.baseAddress! + offset, $0.count - offset) }
        if n < 0 && errno == EINTR { continue }
        if n <= 0 { return }
        offset += n
    }
}
