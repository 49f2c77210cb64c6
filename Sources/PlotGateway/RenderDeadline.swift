import CShims
import PlotSpec

/// The worker's own render deadline. Cairo cannot be interrupted, so a render past it ends
/// the process, but never silently: a signal handler writes a complete 503 (an error image)
/// to the client first. A handler can only write bytes that already exist, so the response
/// is prepared before drawing starts.
///
/// Preparing it means rendering an error image, which costs about as much as a small chart;
/// doing that per request doubled the cost of cheap ones. The prepared bytes therefore depend
/// only on the look (format, size, dpr, theme) and are kept per look; a site's charts come in
/// a handful of sizes, so nearly every request finds its 503 ready.
public final class RenderDeadline {
    public let milliseconds: UInt32
    /// Turns a serialized HTTP response into what goes on the wire (FastCGI records for a
    /// worker, the bytes themselves for CGI).
    private let frame: (_ response: [UInt8], _ requestID: Int32) -> [UInt8]
    private let exitCode: Int32
    private var fd: Int32 = -1
    private var requestID: Int32 = 0
    private var prepared: [Key: [UInt8]] = [:]
    /// The bytes the armed handler points at: kept alive until `disarm`.
    private var armed: [UInt8] = []

    private struct Key: Hashable {
        var look: ErrorLook
        var head: Bool
    }

    /// Keeps memory bounded when requests come in many sizes.
    private static let maxPrepared = 32

    public init(milliseconds: UInt32, exitCode: Int32,
                frame: @escaping (_ response: [UInt8], _ requestID: Int32) -> [UInt8]) {
        self.milliseconds = milliseconds
        self.exitCode = exitCode
        self.frame = frame
    }

    /// Where the next request's answer goes: its connection (or stdout) and FastCGI request id.
    public func target(fd: Int32, requestID: Int32) {
        self.fd = fd
        self.requestID = requestID
    }

    func arm(for spec: ChartSpec, request: GatewayRequest, service: ChartService) {
        let key = Key(look: ErrorLook(spec: spec), head: request.method == "HEAD")
        let response: [UInt8]
        if let ready = prepared[key] {
            response = ready
        } else {
            let seconds = Int((milliseconds + 999) / 1000)
            response = service.deadlineResponse(for: spec, head: key.head, seconds: seconds).serialized()
            if prepared.count >= RenderDeadline.maxPrepared { prepared.removeAll() }
            prepared[key] = response
        }
        armed = frame(response, requestID)
        armed.withUnsafeBufferPointer { bytes in
            pg_arm_deadline(milliseconds, bytes.baseAddress, bytes.count, fd, exitCode)
        }
    }

    func disarm() {
        pg_disarm_deadline()
    }
}
