/// Why a query cannot become a chart. Carries everything a response needs: a stable
/// machine-readable code (sent as `X-Plotgate-Error`), the HTTP status, the parameter at fault
/// and a message for people that names the bad value and what is allowed.
public struct SpecError: Error, Hashable, Sendable, CustomStringConvertible {
    public var code: Code
    /// The query parameter at fault, when there is one.
    public var parameter: String?
    /// A one-sentence explanation for people (see `Messages`).
    public var message: String

    public init(_ code: Code, parameter: String? = nil, message: String) {
        self.code = code
        self.parameter = parameter
        self.message = message
    }

    public var status: Int { code.status }
    public var description: String { message }

    /// Error kinds; the raw value is the wire name.
    public enum Code: String, CaseIterable, Hashable, Sendable {
        case queryTooLong = "query_too_long"
        case tooManyParameters = "too_many_parameters"
        case invalidEncoding = "invalid_encoding"
        case unknownParameter = "unknown_parameter"
        case duplicateParameter = "duplicate_parameter"
        case missingParameter = "missing_parameter"
        case invalidValue = "invalid_value"
        case outOfRange = "out_of_range"
        case imageTooLarge = "image_too_large"
        case tooMuchData = "too_much_data"
        case lengthMismatch = "length_mismatch"
        case textTooLong = "text_too_long"
        case nonPositiveLog = "non_positive_log"
        /// A Google Image Charts type plotgate does not draw (maps, TeX, GraphViz, ...).
        case unsupportedChartType = "unsupported_chart_type"

        /// The HTTP status a gateway answers with.
        public var status: Int {
            switch self {
            case .queryTooLong: 414
            case .imageTooLarge: 413
            default: 400
            }
        }
    }
}
