/// How a number is written as a label: Google's value formats (`chm=N*f2*`, `chxs=1N*cEUR*`),
/// a picture property like the others in ExplicitFrame.swift.
///
///     <prefix>*<kind><decimals>[z][s][x|y]*<suffix>
///
/// `kind` is `f` (fixed decimals), `p` (percent: times 100, `%` appended), `e` (scientific) or
/// `c<CODE>` (currency, `cUSD`, `cEUR`); `z` keeps trailing zeros, `s` groups thousands, `x`/`y`
/// label a point with its x or y value (scatter and `lxy` markers).
public struct NumberStyle: Hashable, Sendable {
    public enum Kind: Hashable, Sendable {
        /// As short as exact (a bare `N`).
        case plain
        case fixed
        case percent
        case scientific
        /// An ISO 4217 code (`USD`), written as its symbol where one is well known.
        case currency(String)
    }
    public var kind: Kind
    /// Digits after the point; nil: the kind's default (0, or 2 for currency).
    public var decimals: Int?
    public var trailingZeros: Bool
    public var groupSeparators: Bool
    /// Label a point with its x value instead of its y value.
    public var useX: Bool
    public var prefix: String
    public var suffix: String

    public init(kind: Kind = .plain, decimals: Int? = nil, trailingZeros: Bool = false, groupSeparators: Bool = false,
                useX: Bool = false, prefix: String = "", suffix: String = "") {
        self.kind = kind; self.decimals = decimals; self.trailingZeros = trailingZeros
        self.groupSeparators = groupSeparators; self.useX = useX; self.prefix = prefix; self.suffix = suffix
    }

    public static let plain = NumberStyle()
}

/// Reads the format after `N` in `chm` and `chxs`.
enum GoogleNumberStyle {
    /// `*f2zs*`, `$*f0*k`, `*cEUR*`, `*p1*`, `*e*`; fewer than two `*`: the value as written.
    static func parse(_ v: Bytes) -> NumberStyle {
        let star = UInt8(ascii: "*")
        let parts = GoogleSyntax.split(v, star)
        guard parts.count >= 3 else { return .plain }
        var style = NumberStyle(prefix: GoogleText.label(parts[0]),
                                suffix: GoogleText.label(Array(parts[2...].joined(separator: [star]))[...]))
        var spec = Array(parts[1])[...]
        switch spec.first {
        case UInt8(ascii: "f"): style.kind = .fixed
        case UInt8(ascii: "p"): style.kind = .percent
        case UInt8(ascii: "e"): style.kind = .scientific
        case UInt8(ascii: "c"):
            let code = spec.dropFirst().prefix { $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") }.prefix(3)
            style.kind = .currency(String(decoding: code, as: UTF8.self))
            spec = spec.dropFirst(code.count)
        default: return style  // an unknown kind: the value as written, with its texts
        }
        spec = spec.dropFirst()
        let digits = spec.prefix { ASCII.isDigit($0) }
        if !digits.isEmpty { style.decimals = Swift.min(10, digits.prefix(3).reduce(0) { $0 * 10 + Int($1 - 0x30) }) }
        for flag in spec.dropFirst(digits.count) {
            switch flag {
            case UInt8(ascii: "z"): style.trailingZeros = true
            case UInt8(ascii: "s"): style.groupSeparators = true
            case UInt8(ascii: "x"): style.useX = true
            case UInt8(ascii: "y"): style.useX = false
            default: break
            }
        }
        return style
    }
}
