import PlotSpec

/// Every way a request can fail, with its HTTP status and a stable machine-readable code
/// (sent as `X-Plotgate-Error`). Spec errors carry their own code and status.
public struct GatewayError: Error, Sendable {
    public var code: String
    public var status: Int
    public var message: String
    public var parameter: String?

    public init(code: String, status: Int, message: String, parameter: String? = nil) {
        self.code = code
        self.status = status
        self.message = message
        self.parameter = parameter
    }

    public init(_ error: SpecError) {
        self.init(code: error.code.rawValue, status: error.status, message: error.message, parameter: error.parameter)
    }

    static func notFound(_ path: String) -> GatewayError {
        GatewayError(code: "not_found", status: 404, message: Messages.notFound(path: path))
    }
    static func methodNotAllowed(_ method: String) -> GatewayError {
        GatewayError(code: "method_not_allowed", status: 405, message: Messages.methodNotAllowed(method))
    }
    static func bodyTooLarge(limit: Int) -> GatewayError {
        GatewayError(code: "body_too_large", status: 413, message: Messages.bodyTooLarge(limit: limit))
    }
    static func unsupportedMediaType(_ type: String) -> GatewayError {
        GatewayError(code: "unsupported_media_type", status: 415, message: Messages.unsupportedMediaType(type))
    }
    static let incompleteBody = GatewayError(code: "incomplete_body", status: 400, message: Messages.incompleteBody())
    static let renderFailed = GatewayError(code: "render_failed", status: 500, message: Messages.renderFailed())
    public static func renderTimedOut(seconds: Int) -> GatewayError {
        GatewayError(code: "render_timeout", status: 503, message: Messages.renderTimedOut(seconds: seconds))
    }
}
