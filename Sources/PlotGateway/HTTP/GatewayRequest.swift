/// One HTTP request as the gateway sees it, copied out of FastCGI params or the CGI
/// environment into plain Swift values (libfcgi's strings die at `FCGX_Finish_r`).
public struct GatewayRequest: Sendable {
    public var method: String
    /// The path without the query, e.g. `/chart.png` (nginx's `DOCUMENT_URI`).
    public var path: String
    /// The raw query string, without `?`.
    public var query: String
    /// The request body when one was sent and fits the limit (POSTed form data).
    public var body: [UInt8]
    /// The declared body length exceeded the limit; the body was not read.
    public var bodyTooLarge: Bool
    /// Fewer body bytes arrived than CONTENT_LENGTH announced (the peer went away mid-body).
    public var bodyIncomplete = false
    public var contentType: String?
    public var ifNoneMatch: String?
    public var accept: String?
    /// An id to correlate log lines: the web server's (`REQUEST_ID`) when it sends one.
    public var requestID: String?

    public init(method: String = "GET", path: String, query: String = "", body: [UInt8] = [],
                bodyTooLarge: Bool = false, contentType: String? = nil, ifNoneMatch: String? = nil,
                accept: String? = nil, requestID: String? = nil) {
        self.method = method
        self.path = path
        self.query = query
        self.body = body
        self.bodyTooLarge = bodyTooLarge
        self.contentType = contentType
        self.ifNoneMatch = ifNoneMatch
        self.accept = accept
        self.requestID = requestID
    }

    /// Builds a request from CGI-style variables (the same names FastCGI params use), so both
    /// adapters share one mapping. `lookup` returns a variable or nil.
    public static func fromCGIVariables(_ lookup: (String) -> String?, body: [UInt8], bodyTooLarge: Bool)
        -> GatewayRequest {
        let documentURI = lookup("DOCUMENT_URI").flatMap { $0.isEmpty ? nil : $0 }
        let path = documentURI
            ?? nonEmpty((lookup("SCRIPT_NAME") ?? "") + (lookup("PATH_INFO") ?? ""))
            ?? lookup("REQUEST_URI").map { String($0.prefix { $0 != "?" }) }
            ?? "/"
        return GatewayRequest(
            method: (lookup("REQUEST_METHOD") ?? "GET").uppercased(),
            path: path,
            query: lookup("QUERY_STRING") ?? "",
            body: body,
            bodyTooLarge: bodyTooLarge,
            contentType: lookup("CONTENT_TYPE"),
            ifNoneMatch: lookup("HTTP_IF_NONE_MATCH"),
            accept: lookup("HTTP_ACCEPT"),
            requestID: lookup("REQUEST_ID") ?? lookup("HTTP_X_REQUEST_ID"))
    }

    /// The CGI variables an adapter must copy for `fromCGIVariables`.
    public static let cgiVariables = [
        "REQUEST_METHOD", "DOCUMENT_URI", "SCRIPT_NAME", "PATH_INFO", "REQUEST_URI", "QUERY_STRING",
        "CONTENT_TYPE", "CONTENT_LENGTH", "HTTP_IF_NONE_MATCH", "HTTP_ACCEPT", "REQUEST_ID", "HTTP_X_REQUEST_ID",
    ]
}

private func nonEmpty(_ s: String) -> String? { s.isEmpty ? nil : s }

/// Parses `CONTENT_LENGTH`: nil when absent or not a plain non-negative integer.
public func parseContentLength(_ text: String?) -> Int? {
    guard let text, !text.isEmpty, text.utf8.count <= 18, text.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) else {
        return nil
    }
    return Int(text)
}
