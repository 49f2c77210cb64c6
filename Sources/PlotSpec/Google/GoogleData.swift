/// `chd`: the data in one of Google's three encodings.
///
/// - `t:1,2.5,_|3,4` text: decimals, series by `|`; `_` or empty is missing.
/// - `s:Ab9_,xy` simple: one character per value, `A`-`Z` `a`-`z` `0`-`9` = 0...61, `_`
///   missing, series by `,`.
/// - `e:AAB.__,..` extended: two characters per value from the same alphabet plus `-` `.`
///   (0...4095), `__` missing, series by `,`.
/// A digit after the letter (`t1:`) says how many series are drawn; the rest only feed markers.
struct GoogleData {
    enum Encoding: Equatable { case text, simple, extended }
    var encoding: Encoding
    var series: [[Double]]
    var visibleSeries: Int?

    /// The scale an encoded value belongs to (text is scaled by `chds`).
    var encodedRange: ValueRange? {
        switch encoding {
        case .text: nil
        case .simple: ValueRange(0, 61)
        case .extended: ValueRange(0, 4095)
        }
    }

    static func parse(_ v: Bytes, limits: Limits) throws(SpecError) -> GoogleData {
        let name = GoogleParameter.chd.rawValue
        guard let colon = v.firstIndex(of: ASCII.colon) else {
            throw SpecError(.invalidValue, parameter: name, message: Messages.googleDataPrefix(value: Values.text(v)))
        }
        let prefix = Array(GoogleSyntax.trim(v[..<colon]).map(ASCII.lower))
        let body = GoogleSyntax.trim(v[(colon + 1)...])
        guard let letter = prefix.first, prefix.dropFirst().allSatisfy(ASCII.isDigit), prefix.count <= 3 else {
            throw SpecError(.invalidValue, parameter: name, message: Messages.googleDataPrefix(value: Values.text(v)))
        }
        let visible = prefix.count > 1 ? prefix.dropFirst().reduce(0) { $0 * 10 + Int($1 - 0x30) } : nil
        var data: GoogleData
        switch letter {
        case UInt8(ascii: "t"):
            try checkSize(body, seriesSeparator: ASCII.bar, valueSeparator: ASCII.comma, width: 0, limits: limits)
            data = GoogleData(encoding: .text, series: try text(body))
        case UInt8(ascii: "s"):
            try checkSize(body, seriesSeparator: ASCII.comma, valueSeparator: nil, width: 1, limits: limits)
            data = GoogleData(encoding: .simple, series: try encoded(body, width: 1))
        case UInt8(ascii: "e"):
            try checkSize(body, seriesSeparator: ASCII.comma, valueSeparator: nil, width: 2, limits: limits)
            data = GoogleData(encoding: .extended, series: try encoded(body, width: 2))
        default:
            throw SpecError(.invalidValue, parameter: name, message: Messages.googleDataPrefix(value: Values.text(v)))
        }
        data.visibleSeries = visible
        return data
    }

    /// Series and point counts against the limits before any value is stored.
    private static func checkSize(_ body: Bytes, seriesSeparator: UInt8, valueSeparator: UInt8?, width: Int,
                                  limits: Limits) throws(SpecError) {
        // Simple and extended data may also separate series by `|` (a common slip).
        let seriesCount = ASCII.count(seriesSeparator, in: body) + ASCII.count(ASCII.bar, in: body)
            * (seriesSeparator == ASCII.bar ? 0 : 1) + 1
        guard seriesCount <= limits.maxSeries else {
            throw SpecError(.tooMuchData, parameter: "chd",
                            message: Messages.tooManySeries(count: seriesCount, limit: limits.maxSeries))
        }
        let points = valueSeparator.map { ASCII.count($0, in: body) + seriesCount } ?? body.count / Swift.max(1, width)
        guard points <= limits.maxPoints else {
            throw SpecError(.tooMuchData, parameter: "chd", message: Messages.tooManyPoints(count: points, limit: limits.maxPoints))
        }
    }

    private static func text(_ body: Bytes) throws(SpecError) -> [[Double]] {
        var all: [[Double]] = []
        for list in GoogleSyntax.split(body, ASCII.bar) {
            var values: [Double] = []
            values.reserveCapacity(ASCII.count(ASCII.comma, in: list) + 1)
            for item in GoogleSyntax.split(list, ASCII.comma) {
                let t = GoogleSyntax.trim(item)
                if t.isEmpty || (t.count == 1 && t.first == ASCII.underscore) {
                    values.append(.nan)
                } else {
                    values.append(try GoogleSyntax.number(t, .chd))
                }
            }
            all.append(values)
        }
        return all
    }

    private static func encoded(_ body: Bytes, width: Int) throws(SpecError) -> [[Double]] {
        var all: [[Double]] = []
        for list in body.split(whereSeparator: { $0 == ASCII.comma || $0 == ASCII.bar }) {
            let chars = Array(GoogleSyntax.trim(list))
            // A list of only spaces is as empty as `,,` (which split drops): the canonical form
            // strips the spaces, and both spellings must give the same chart (fuzz finding).
            if chars.isEmpty { continue }
            guard chars.count % width == 0 else {
                throw SpecError(.invalidValue, parameter: "chd",
                                message: Messages.googleExtendedOdd(value: Values.text(list)))
            }
            var values: [Double] = []
            values.reserveCapacity(chars.count / width)
            var i = 0
            while i < chars.count {
                if chars[i] == ASCII.underscore {
                    // `__` in extended; a lone `_` there is as clearly meant to be missing.
                    values.append(.nan)
                } else {
                    var v = 0
                    for k in 0..<width {
                        guard let d = digit(chars[i + k], extended: width == 2) else {
                            throw SpecError(.invalidValue, parameter: "chd",
                                            message: Messages.googleBadEncodedValue(width == 2 ? "e" : "s",
                                                                                   value: Values.text(list[...])))
                        }
                        v = v * 64 + d
                    }
                    values.append(Double(v))
                }
                i += width
            }
            all.append(values)
        }
        return all.isEmpty ? [[]] : all
    }

    /// A-Z 0-25, a-z 26-51, 0-9 52-61, then (extended only) - 62 and . 63.
    static func digit(_ c: UInt8, extended: Bool) -> Int? {
        switch c {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): Int(c - UInt8(ascii: "A"))
        case UInt8(ascii: "a")...UInt8(ascii: "z"): Int(c - UInt8(ascii: "a")) + 26
        case UInt8(ascii: "0")...UInt8(ascii: "9"): Int(c - UInt8(ascii: "0")) + 52
        case UInt8(ascii: "-") where extended: 62
        case UInt8(ascii: ".") where extended: 63
        default: nil
        }
    }
}
