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

// MARK: - Google Image Charts dialect

extension Messages {
    public static func googleMissingType() -> String {
        "cht is empty; give a chart type such as cht=bvg, cht=lc or cht=p."
    }
    public static func googleMissingData() -> String {
        "No data: add chd=, e.g. chd=t:10,20,30 (series separated by |)."
    }
    public static func googleMissingSize(width: Int, height: Int) -> String {
        "chs is missing (Google required it); drawn at \(width)x\(height)."
    }
    public static func googleUnknownType(_ value: Substring) -> String {
        "cht: \(quote(value)) is not a chart type; use bhs, bvs, bhg, bvg, bvo, lc, ls, lxy, p, p3, pc, s, gom, r, rs, v or qr."
    }
    public static func googleUnsupportedType(_ type: String, feature: String) -> String {
        "cht=\(type): \(feature) are not supported by plotgate; see docs/GOOGLE.md for the chart types it draws."
    }
    public static func googleBadSize(_ value: Substring) -> String {
        "chs: \(quote(value)) is not a size; use WIDTHxHEIGHT in pixels, e.g. chs=300x150."
    }
    public static func googleSideOutOfRange(_ value: Substring, min: Int, max: Int) -> String {
        "chs: \(quote(value)) is out of range; each side must be \(min) to \(max) pixels."
    }
    public static func googleTooManyPixels(width: Int, height: Int, limit: Int) -> String {
        "chs: \(width)x\(height) is \(width * height) pixels; at most \(limit) are allowed."
    }
    public static func googleDataPrefix(value: Substring) -> String {
        "chd: \(quote(value)) does not start with an encoding; use t: (text), s: (simple) or e: (extended)."
    }
    public static func googleExtendedOdd(value: Substring) -> String {
        "chd: extended data \(quote(value)) has an odd number of characters; each value takes two."
    }
    public static func googleBadEncodedValue(_ encoding: String, value: Substring) -> String {
        "chd: \(quote(value)) is not \(encoding == "e" ? "extended" : "simple") data; use A-Z, a-z, 0-9\(encoding == "e" ? ", - and ." : "") and _ for missing values."
    }
    public static func googleBadColor(_ parameter: String, value: Substring) -> String {
        "\(parameter): \(quote(value)) is not a colour; use hex RRGGBB or RRGGBBAA, e.g. FF9900."
    }
    public static func googleBadAxis(_ value: Substring) -> String {
        "chxt: \(quote(value)) is not an axis; use x, y, r or t."
    }
    public static func googleIgnoredParameter(_ name: String) -> String {
        "The parameter \(quote(name)) is not part of the Google chart API; ignored."
    }
    public static func googleRepeatedParameter(_ name: String) -> String {
        "The parameter \(name) is given more than once; the last one is used."
    }
    public static func googleScaleIgnored() -> String {
        "chds applies to text data (chd=t:) only; ignored for simple and extended data."
    }
    public static func googleScaleOdd() -> String {
        "chds has an odd number of values; give a min and a max for each series. The last one is ignored."
    }
    public static func googleEmptyEntry(_ parameter: String) -> String {
        "\(parameter) has an empty entry; ignored."
    }
    public static func googleIgnoredEntry(_ parameter: String, _ value: Substring) -> String {
        "\(parameter): \(quote(value)) is not supported or not understood; ignored."
    }
    public static func googleAxisParameterWithoutAxes(_ parameter: String) -> String {
        "\(parameter) is given but chxt names no axes; ignored."
    }
    public static func googleNoSuchAxis(_ parameter: String, index: Int?) -> String {
        if let index { return "\(parameter): there is no axis \(index) in chxt; ignored." }
        return "\(parameter): an entry does not start with an axis index; ignored."
    }
    public static func googleLabelWithoutAxis(_ value: Substring) -> String {
        "chxl: the label \(quote(value)) comes before any axis index (such as 0:); ignored."
    }
    public static func googleTooManyMarkers() -> String {
        "chm: more than 64 markers; the rest are ignored."
    }
    public static func googleMarkerSeries(_ value: Substring, series: Int) -> String {
        "chm: \(quote(value)) refers to series \(series), which chd does not have; ignored."
    }
    public static func googleFormatFallback(_ value: String) -> String {
        "chof: \(quote(value)) is not available; drawn as PNG."
    }
    public static func googleScatterExtraSeries() -> String {
        "cht=s: chd has more than three series (x, y, point sizes); the rest are ignored."
    }
    public static func googleUnpairedSeries() -> String {
        "cht=lxy: chd has an odd number of series; the last x series has no y series and is ignored."
    }
    public static func googleMissingQRText() -> String {
        "No text for the QR code: add chl=, e.g. chl=https%3A%2F%2Fexample.org."
    }
    public static func googleQRTooLong(bytes: Int, level: String, limit: Int) -> String {
        "chl: \(bytes) bytes do not fit a QR code at error-correction level \(level); at most \(limit) do (level L holds the most)."
    }
    public static func googleQRLevel(_ value: Substring) -> String {
        "chld: \(quote(value)) is not an error-correction level; use L, M, Q or H, then |margin, e.g. chld=M|2."
    }
    public static func googleQRMargin(_ value: Substring) -> String {
        "chld: the margin \(quote(value)) is not a whole number of modules from 0 to 40."
    }
    public static func googleQREncodingFallback(_ value: String) -> String {
        "choe: \(quote(value)) is not available; the text is encoded as UTF-8."
    }
    public static func googleQRNotLatin1() -> String {
        "choe=ISO-8859-1: the text has characters outside Latin-1; it is encoded as UTF-8."
    }
    public static func googleVennExtraValues() -> String {
        "cht=v: chd has more than seven values (A, B, C, AB, AC, BC, ABC); the rest are ignored."
    }
    public static func googleIgnoredForType(_ parameter: String, type: String) -> String {
        "\(parameter) has no meaning for cht=\(type); ignored."
    }
}
