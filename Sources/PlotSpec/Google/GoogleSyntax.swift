/// Small lexical helpers of the Google dialect: lists split by `|` and `,`, numbers with
/// stray spaces, integers, colours.
enum GoogleSyntax {
    static func trim(_ v: Bytes) -> Bytes {
        var s = v
        while let f = s.first, f == ASCII.space || f == UInt8(ascii: "\t") { s = s.dropFirst() }
        while let l = s.last, l == ASCII.space || l == UInt8(ascii: "\t") { s = s.dropLast() }
        return s
    }

    static func split(_ v: Bytes, _ separator: UInt8) -> [Bytes] {
        v.split(separator: separator, omittingEmptySubsequences: false)
    }

    /// A decimal number (spaces around it allowed), or nil.
    static func number(_ v: Bytes) -> Double? {
        if case .value(let x) = NumberSyntax.parse(trim(v)) { return x }
        return nil
    }

    /// A number or an error naming the parameter.
    static func number(_ v: Bytes, _ name: GoogleParameter) throws(SpecError) -> Double {
        guard let x = number(v) else {
            throw SpecError(.invalidValue, parameter: name.rawValue,
                            message: Messages.notANumber(name.rawValue, value: Values.text(v)))
        }
        return x
    }

    /// A colour: `RRGGBB` or `RRGGBBAA` (also `RGB`, and with `#`); nil when not one.
    static func color(_ v: Bytes) -> RGBA? { ColorSyntax.parse(trim(v)) }

    static func color(_ v: Bytes, _ name: GoogleParameter) throws(SpecError) -> RGBA {
        guard let c = color(v) else {
            throw SpecError(.invalidValue, parameter: name.rawValue,
                            message: Messages.googleBadColor(name.rawValue, value: Values.text(v)))
        }
        return c
    }

    static func text(_ v: Bytes) -> String { ASCII.string(v) }
}
