/// Numeric helpers the axis code needs and that Foundation would normally supply (powers of ten,
/// floor(log10), log10) — Foundation is banned from the per-request path, so they live here.
/// Namespaced so that no module-level `log10` or `pow` can clash with a libc import elsewhere.
enum AxisMath {
    /// The smallest and largest decimal exponents with a finite, nonzero `Double` power of ten.
    static let minExponent = -323
    static let maxExponent = 308

    /// 10^e for every e in minExponent...maxExponent, each the correctly rounded `Double`.
    /// Parsed once from text because repeated multiplication would drift by an ulp per step,
    /// and an axis end at 1e24 must compare equal to the data value 1e24.
    private static let powersOfTen: [Double] = (minExponent...maxExponent).map { Double("1e\($0)")! }

    /// The powers of ten that are exact in binary64; multiplying or dividing by one of these
    /// rounds once, so `3 / 10` gives the same double as the literal `0.3`.
    private static let exactPowers: [Double] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ]

    /// 10^e as a `Double`; 0 below the subnormal range, +inf above the finite range.
    static func pow10(_ e: Int) -> Double {
        if e < minExponent { return 0 }
        if e > maxExponent { return .infinity }
        return powersOfTen[e - minExponent]
    }

    /// x × 10^p, rounding once when 10^p is exact and otherwise in steps that avoid a premature
    /// overflow or underflow of the power itself (1e-330 is not a `Double`, x × 1e-330 may be).
    static func scale(_ x: Double, byPowerOfTen p: Int) -> Double {
        if p >= 0 && p <= 22 { return x * exactPowers[p] }
        if p < 0 && p >= -22 { return x / exactPowers[-p] }
        var value = x
        var rest = p
        while rest > 22 { value *= 1e22; rest -= 22; if !value.isFinite || value == 0 { return value } }
        while rest < -22 { value /= 1e22; rest += 22; if value == 0 || !value.isFinite { return value } }
        return rest >= 0 ? value * exactPowers[rest] : value / exactPowers[-rest]
    }

    /// The `Double` nearest to the decimal n × 10^q, correctly rounded: one exact-power multiply
    /// or divide for the common case (|n| ≤ 2^53, |q| ≤ 22, every tick a real chart has), else
    /// the standard library's decimal parser — a product with a rounded 1e307 would give
    /// 9.999999999999998e307 for 1e308, and an axis end must equal the tick at it.
    static func decimal(_ n: Int, exponent q: Int) -> Double {
        if n == 0 { return 0 }
        var m = n
        var e = q
        while m % 10 == 0 { m /= 10; e += 1 }
        if m.magnitude <= 1 << 53 && e >= -22 && e <= 22 { return scale(Double(m), byPowerOfTen: e) }
        return Double("\(m)e\(e)") ?? scale(Double(m), byPowerOfTen: e)
    }

    /// floor(log10(x)) for finite x > 0, exact at powers of ten (no rounding of a logarithm).
    static func decimalExponent(_ x: Double) -> Int {
        guard x > 0, x.isFinite else { return 0 }
        if x < pow10(minExponent) { return minExponent - 1 }  // 4.9e-324, the one double below 1e-323
        // log10(2) × binary exponent is within one of the answer; the table settles it.
        var e = Int((Double(Int(x.exponent)) * 0.301029995663981195).rounded(.down))
        e = Swift.min(Swift.max(e, minExponent), maxExponent)
        while e < maxExponent && pow10(e + 1) <= x { e += 1 }
        while e > minExponent && pow10(e) > x { e -= 1 }
        return e
    }

    /// `Int(x.rounded(rule))` that cannot trap: NaN gives 0 and magnitudes are clamped to ±2^52,
    /// far beyond any tick index a sane axis produces (callers treat the clamp as degenerate).
    static func int(_ x: Double, _ rule: FloatingPointRoundingRule) -> Int {
        if x.isNaN { return 0 }
        let limit = 4503599627370496.0  // 2^52
        let r = x.rounded(rule)
        if r >= limit { return Int(limit) }
        if r <= -limit { return -Int(limit) }
        return Int(r)
    }

    /// floor and ceil of a ratio that is "really" an integer but arrived with a few ulps of
    /// binary noise (0.3 / 0.1 = 2.9999999999999996): within the noise, the integer wins, so a
    /// data value sitting on a tick keeps that tick instead of skipping to the next one.
    static func snappedFloor(_ r: Double) -> Int {
        let n = r.rounded()
        return int(abs(r - n) <= tolerance(r) ? n : r, .down)
    }

    static func snappedCeil(_ r: Double) -> Int {
        let n = r.rounded()
        return int(abs(r - n) <= tolerance(r) ? n : r, .up)
    }

    private static func tolerance(_ r: Double) -> Double { 1e-9 + abs(r) * 1e-15 }

    static func floorDiv(_ a: Int, _ b: Int) -> Int {
        let q = a / b
        return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
    }

    static func floorMod(_ a: Int, _ b: Int) -> Int { a - floorDiv(a, b) * b }

    static func ceilDiv(_ a: Int, _ b: Int) -> Int { -floorDiv(-a, b) }
}
