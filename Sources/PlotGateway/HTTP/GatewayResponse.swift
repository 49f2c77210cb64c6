/// A complete response, built in memory before a single byte is written: a failure can never
/// follow the headers, so a client never sees a truncated 200.
public struct GatewayResponse: Sendable {
    public var status: Int
    public var headers: [(name: String, value: String)]
    public var body: [UInt8]
    /// HEAD: headers (with the real Content-Length) but no body.
    public var omitBody = false
    /// What happened, for the access log: `rendered`, `not_modified`, an error code...
    public var outcome: String
    public var timing = Timing()
    /// Test hook (`test.crash=write`, only with PLOTGATE_TEST_HOOKS=1): the worker crashes
    /// half-way through writing this response.
    public var testCrashMidWrite = false

    public init(status: Int, headers: [(name: String, value: String)], body: [UInt8], outcome: String) {
        self.status = status
        self.headers = headers
        self.body = body
        self.outcome = outcome
    }

    public func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }

    /// The CGI/FastCGI form: `Status:` line, headers, blank line, body. One buffer, one write.
    public func serialized() -> [UInt8] {
        var head = "Status: \(status) \(StatusText.reason(status))\r\n"
        for (name, value) in headers { head += "\(name): \(value)\r\n" }
        head += "\r\n"
        var out = Array(head.utf8)
        if !omitBody { out += body }
        return out
    }
}

/// Where a request's time went, in nanoseconds (sent as `Server-Timing`, logged).
public struct Timing: Sendable {
    public var parse: Int64 = 0
    public var layout: Int64 = 0
    public var draw: Int64 = 0
    public var encode: Int64 = 0
    public var total: Int64 = 0

    /// `parse;dur=0.041, layout;dur=0.210, ...` in milliseconds.
    var serverTimingHeader: String {
        [("parse", parse), ("layout", layout), ("draw", draw), ("encode", encode)]
            .map { "\($0.0);dur=\(milliseconds($0.1))" }.joined(separator: ", ")
    }
}

/// Milliseconds with three decimals, without Foundation's formatter.
func milliseconds(_ ns: Int64) -> String {
    let micros = max(0, ns) / 1000
    let whole = micros / 1000, frac = micros % 1000
    let fracText = String(frac)
    return "\(whole)." + String(repeating: "0", count: 3 - fracText.count) + fracText
}

enum StatusText {
    static func reason(_ status: Int) -> String {
        switch status {
        case 200: "OK"
        case 304: "Not Modified"
        case 400: "Bad Request"
        case 404: "Not Found"
        case 405: "Method Not Allowed"
        case 413: "Content Too Large"
        case 414: "URI Too Long"
        case 415: "Unsupported Media Type"
        case 500: "Internal Server Error"
        case 503: "Service Unavailable"
        default: "Status"
        }
    }
}
