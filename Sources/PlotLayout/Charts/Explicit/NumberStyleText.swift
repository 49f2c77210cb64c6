import PlotSpec

/// Writes numbers in a `NumberStyle` (Google's `N*f2zs*` formats): plain ASCII digits, `-`
/// for negatives, `,` between thousands when asked, as Google wrote them (not the native
/// look's `k` suffixes and typographic minus).
extension NumberStyle {
    func text(_ v: Double) -> String {
        guard v.isFinite else { return prefix + (v.isNaN ? "" : (v < 0 ? "-∞" : "∞")) + suffix }
        let body: String
        switch kind {
        case .plain:
            body = NumberStyleText.plain(v)
        case .fixed:
            body = NumberStyleText.fixed(v, decimals: decimals ?? 0, zeros: trailingZeros, group: groupSeparators)
        case .percent:
            body = NumberStyleText.fixed(v * 100, decimals: decimals ?? 0, zeros: trailingZeros, group: groupSeparators) + "%"
        case .scientific:
            body = NumberStyleText.scientific(v, decimals: decimals ?? 0, zeros: trailingZeros)
        case .currency(let code):
            // Money is written with its cents: two decimals and their zeros unless told otherwise.
            let amount = NumberStyleText.fixed(abs(v), decimals: decimals ?? 2, zeros: trailingZeros || decimals == nil,
                                               group: groupSeparators)
            let symbol = NumberStyleText.currencySymbols[code] ?? (code.isEmpty ? "" : code + " ")
            body = (v < 0 && amount.contains(where: { $0 != "0" && $0 != "." && $0 != "," }) ? "-" : "") + symbol + amount
        }
        return prefix + body + suffix
    }
}

enum NumberStyleText {
    static let currencySymbols: [String: String] = ["USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥", "CNY": "¥",
                                                    "INR": "₹", "KRW": "₩", "RUB": "₽", "ILS": "₪", "BRL": "R$"]

    /// As short as exact, to 10 significant digits.
    static func plain(_ v: Double) -> String {
        if v == 0 { return "0" }
        let q = AxisMath.decimalExponent(abs(v)) - 9
        return decimal(AxisMath.int(AxisMath.scale(v, byPowerOfTen: -q), .toNearestOrAwayFromZero), exponent: q,
                       minDecimals: 0, maxDecimals: Swift.max(0, -q), group: false)
    }

    /// Rounded to `decimals` places; trailing zeros kept only when `zeros`.
    static func fixed(_ v: Double, decimals: Int, zeros: Bool, group: Bool) -> String {
        guard v.isFinite else { return v.isNaN ? "" : (v < 0 ? "-∞" : "∞") }  // a percent of 1e307
        // Sixteen digits and more say nothing a label can: such values are written scientific.
        if abs(v) >= 1e15 { return scientific(v, decimals: Swift.max(decimals, 2), zeros: false) }
        var q = -decimals
        // Past 2^52 the integer would carry more digits than the double has: coarsen.
        while abs(AxisMath.scale(v, byPowerOfTen: -q)) >= 4e15 && q < 15 { q += 1 }
        let n = AxisMath.int(AxisMath.scale(v, byPowerOfTen: -q), .toNearestOrAwayFromZero)
        return decimal(n, exponent: q, minDecimals: zeros ? decimals : 0, maxDecimals: decimals, group: group)
    }

    /// `1.5e+3`, `-2e-4`: the mantissa to `decimals` places.
    static func scientific(_ v: Double, decimals: Int, zeros: Bool) -> String {
        if v == 0 { return fixed(0, decimals: decimals, zeros: zeros, group: false) + "e+0" }
        var e = AxisMath.decimalExponent(abs(v))
        var mantissa = fixed(AxisMath.scale(v, byPowerOfTen: -e), decimals: decimals, zeros: zeros, group: false)
        if mantissa.hasPrefix("10") || mantissa.hasPrefix("-10") {
            // 9.96 to one place is 10.0: one more in the exponent instead.
            e += 1
            mantissa = fixed(AxisMath.scale(v, byPowerOfTen: -e), decimals: decimals, zeros: zeros, group: false)
        }
        return mantissa + "e" + (e < 0 ? "-" : "+") + String(abs(e))
    }

    /// n × 10^q in positional notation with between `minDecimals` and `maxDecimals` places.
    static func decimal(_ n: Int, exponent q: Int, minDecimals: Int, maxDecimals: Int, group: Bool) -> String {
        var digits = Array(String(n.magnitude).utf8)
        var places = 0
        if q > 0 { digits += Array(repeating: UInt8(ascii: "0"), count: q) } else { places = -q }
        while digits.count <= places { digits.insert(UInt8(ascii: "0"), at: 0) }
        // Drop zeros past the wanted minimum.
        while places > minDecimals, digits.last == UInt8(ascii: "0") { digits.removeLast(); places -= 1 }
        while places > maxDecimals { digits.removeLast(); places -= 1 }
        let whole = digits.prefix(digits.count - places), fraction = digits.suffix(places)
        var text = ""
        for (i, d) in whole.enumerated() {
            if group, i > 0, (whole.count - i) % 3 == 0 { text.append(",") }
            text.append(Character(Unicode.Scalar(d)))
        }
        if !fraction.isEmpty { text += "." + String(decoding: fraction, as: UTF8.self) }
        let zero = !digits.contains { $0 != UInt8(ascii: "0") }
        return (n < 0 && !zero ? "-" : "") + text
    }
}
