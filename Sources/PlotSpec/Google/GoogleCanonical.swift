/// The canonical form of a Google-dialect query: the known parameters in a fixed order, each
/// once (the one that won), trimmed, names in lower case, values percent-encoded except
/// `A-Za-z0-9-._~` and the dialect's separators `,|:*`; unknown and empty parameters and
/// `chof` dropped (the format is appended from the spec).
///
/// The picture is a function of exactly these values, so equal canonical forms draw equal
/// charts (the ETag is sound), and decoding the canonical form gives it back unchanged.
enum GoogleCanonical {
    static func query(_ q: GoogleQuery) -> String {
        var out: [UInt8] = []
        for (parameter, value) in q.given where parameter != .chof {
            if !out.isEmpty { out.append(ASCII.amp) }
            out += parameter.rawValue.utf8
            out.append(ASCII.equals)
            var v = parameter == .cht ? Array(value.map(ASCII.lower)) : Array(value)
            // Spaces mean nothing inside numbers and codes; only texts keep them.
            if GoogleCanonical.numeric.contains(parameter) { v.removeAll { $0 == ASCII.space } }
            for b in v {
                if PercentEncoding.isUnreserved(b) || b == ASCII.comma || b == ASCII.bar || b == ASCII.colon
                    || b == UInt8(ascii: "*") {
                    out.append(b)
                } else {
                    out.append(ASCII.percent)
                    out.append(hex[Int(b >> 4)])
                    out.append(hex[Int(b & 15)])
                }
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    static let numeric: Set<GoogleParameter> = [.cht, .chs, .chd, .chds, .chco, .chbh, .chg, .chma, .chxr, .chxp,
                                                 .chls, .chxtc, .chp, .chxt, .chdlp]

    private static let hex = Array("0123456789ABCDEF".utf8)
}
