/// Every user-facing message of the spec stage, in one place so wording stays consistent and
/// can be reviewed (or translated) without reading the decoder.
///
/// Rules: name the parameter, quote the bad value (shortened), say what is allowed.
public enum Messages {
    /// Longest excerpt of a user value quoted back in a message.
    static let excerptLength = 24

    static func quote(_ value: Substring) -> String { quote(String(value)) }
    static func quote(_ value: String) -> String {
        var scalars = String.UnicodeScalarView()
        var count = 0
        for s in value.unicodeScalars {
            if count == excerptLength { scalars.append(contentsOf: "…".unicodeScalars); break }
            // Control characters would garble a log line or an error image.
            scalars.append(s.value < 0x20 || s.value == 0x7F ? "?" : s)
            count += 1
        }
        return "\"" + String(scalars) + "\""
    }

    public static func queryTooLong(bytes: Int, limit: Int) -> String {
        "The query is \(bytes) bytes long; at most \(limit) are allowed."
    }
    public static func tooManyParameters(count: Int, limit: Int) -> String {
        "The query has \(count) parameters; at most \(limit) are allowed."
    }
    public static func badPercentEscape(near: Substring) -> String {
        "The query has a broken percent-escape near \(quote(near)); use %XX with two hex digits."
    }
    public static func invalidUTF8(parameter: String) -> String {
        "The value of \(parameter) is not valid UTF-8 once percent-escapes are decoded."
    }
    public static func unknownParameter(_ name: Substring, suggestion: String?) -> String {
        if let suggestion {
            return "Unknown parameter \(quote(name)); did you mean \(suggestion)?"
        }
        return "Unknown parameter \(quote(name)). See docs/API.md for the parameters plotgate knows."
    }
    public static func duplicateParameter(_ name: String) -> String {
        "The parameter \(name) is given more than once; give it once."
    }
    public static func missingData() -> String {
        "No data: add d=, e.g. d=3,5,4,8 (series separated by |)."
    }
    public static func notANumber(_ parameter: String, value: Substring) -> String {
        "\(parameter): \(quote(value)) is not a number."
    }
    public static func notFinite(_ parameter: String, value: Substring) -> String {
        "\(parameter): \(quote(value)) is not a finite number."
    }
    public static func notAnInteger(_ parameter: String, value: Substring) -> String {
        "\(parameter): \(quote(value)) is not a whole number."
    }
    public static func notInChoices(_ parameter: String, value: Substring, choices: [String]) -> String {
        "\(parameter): \(quote(value)) is not allowed; use one of \(choices.joined(separator: ", "))."
    }
    public static func outOfRange(_ parameter: String, value: Substring, range: String) -> String {
        "\(parameter): \(quote(value)) is out of range; allowed: \(range)."
    }
    public static func badColor(_ parameter: String, value: Substring) -> String {
        "\(parameter): \(quote(value)) is not a colour; use hex RRGGBB, RRGGBBAA or RGB, e.g. 1f77b4."
    }
    public static func badBackground(value: Substring) -> String {
        "bg: \(quote(value)) is not a colour; use hex RRGGBB, RRGGBBAA or transparent."
    }
    public static func badXValue(value: Substring) -> String {
        "x: \(quote(value)) is not a number, an ISO-8601 date (2024-05-01, 2024-05-01T12:30:00Z) or @unix-seconds."
    }
    public static func mixedXKinds() -> String {
        "x: mixes numbers and dates; use one kind for all x values."
    }
    public static func imageTooLarge(width: Int, height: Int, dpr: Double, limit: Int) -> String {
        "The image would be \(width)x\(height) at dpr \(Format.number(dpr)), over the limit of \(limit) pixels."
    }
    public static func tooManySeries(count: Int, limit: Int) -> String {
        "d: \(count) series; at most \(limit) are allowed."
    }
    public static func tooManyPoints(count: Int, limit: Int) -> String {
        "The data has \(count) values; at most \(limit) are allowed."
    }
    public static func tooManyLabels(_ parameter: String, count: Int, limit: Int) -> String {
        "\(parameter): \(count) entries; at most \(limit) are allowed."
    }
    public static func textTooLong(_ parameter: String, length: Int, limit: Int) -> String {
        "\(parameter): the text is \(length) characters long; at most \(limit) are allowed."
    }
    public static func xLengthMismatch(xCount: Int, series: Int, count: Int) -> String {
        "x has \(xCount) values but series \(series + 1) of d has \(count); give one x per value."
    }
    public static func xListCountMismatch(lists: Int, series: Int) -> String {
        "x has \(lists) lists for \(series) series; give one shared list or one per series."
    }
    public static func nonPositiveLog(series: Int, index: Int, value: Double) -> String {
        "ylog=1 needs values above zero, but series \(series + 1) has \(Format.number(value)) at position \(index + 1)."
    }
    public static func nonPositiveLogBound(_ parameter: String, value: Double) -> String {
        "ylog=1 needs \(parameter) above zero, not \(Format.number(value))."
    }

    // Finer-grained messages of the query decoder.

    public static func invalidUTF8Name() -> String {
        "A parameter name is not valid UTF-8 once percent-escapes are decoded."
    }
    public static func duplicateAlias(_ first: String, _ second: String) -> String {
        "The parameters \(first) and \(second) mean the same; give one of them."
    }
    public static func badDate(_ parameter: String, value: Substring) -> String {
        "\(parameter): \(quote(value)) is not a real date or time; months run 01-12, days must exist in their month, times run 00:00-23:59:59."
    }
    public static func plusBecameSpace(_ parameter: String, value: Substring) -> String {
        "\(parameter): \(quote(value)) has a space before the time-zone offset; send + as %2B (a + in a query means a space)."
    }
    public static func badTimeValue(_ parameter: String, value: Substring) -> String {
        "\(parameter): \(quote(value)) is not a number, an ISO-8601 date (2024-05-01, 2024-05-01T12:30:00Z) or @unix-seconds."
    }
    public static func dateNeedsTimeAxis(_ parameter: String, value: Substring) -> String {
        "\(parameter): \(quote(value)) is a date, but the x axis holds numbers; give a number, or give dates in x."
    }
    public static func xListsNeedScatter(lists: Int, type: String) -> String {
        "x has \(lists) lists separated by |; type=\(type) takes one shared list (only type=scatter takes one per series)."
    }
    public static func rangeInverted(_ low: String, _ lowValue: Substring, _ high: String, _ highValue: Substring) -> String {
        "\(low) (\(quote(lowValue))) must be less than \(high) (\(quote(highValue)))."
    }
}

/// Minimal number text for messages (no Foundation): integers without ".0".
enum Format {
    static func number(_ v: Double) -> String {
        if v == v.rounded(), abs(v) < 1e15 { return String(Int64(v)) }
        return String(v)
    }
}

// MARK: - Gateway (HTTP) messages

extension Messages {
    public static func notFound(path: String) -> String {
        "No chart lives at \(quote(path)); use /chart.png, /chart.svg or /chart.pdf with a query such as ?d=3,5,4,8."
    }
    public static func methodNotAllowed(_ method: String) -> String {
        "The method \(quote(method)) is not allowed; use GET, HEAD or POST."
    }
    public static func bodyTooLarge(limit: Int) -> String {
        "The request body is larger than \(limit) bytes."
    }
    public static func incompleteBody() -> String {
        "The request body ended before its announced length; nothing was drawn from it."
    }
    public static func unsupportedMediaType(_ type: String) -> String {
        "POST bodies must be application/x-www-form-urlencoded, not \(quote(type))."
    }
    public static func renderFailed() -> String {
        "The chart could not be drawn; this is a bug in plotgate, please report the URL."
    }
    public static func renderTimedOut(seconds: Int) -> String {
        "Drawing this chart took longer than \(seconds) s; try fewer points or a smaller size."
    }
}
