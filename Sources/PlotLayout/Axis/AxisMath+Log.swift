/// Logarithms and fractional powers for `LogScale`, without libm (Foundation and Glibc are
/// off-limits on the per-request path). Accurate to a few ulps, exact at powers of ten.
extension AxisMath {
    /// log10(x) without libm: exact at powers of ten, else ln via an atanh series (≈1e-16 rel).
    static func log10(_ x: Double) -> Double {
        if x.isNaN || x < 0 { return .nan }
        if x == 0 { return -.infinity }
        if x == .infinity { return .infinity }
        let e = decimalExponent(x)
        if pow10(e) == x { return Double(e) }
        // Normalise subnormals so `significand` and `exponent` describe a full-precision number.
        var v = x
        var extra = 0
        if v < Double.leastNormalMagnitude { v *= 18014398509481984; extra = -54 }  // 2^54
        var m = v.significand                     // [1, 2)
        var k = Int(v.exponent) + extra
        if m > 1.4142135623730951 { m /= 2; k += 1 }  // [√½, √2): the series converges fast
        let z = (m - 1) / (m + 1)                 // |z| ≤ 0.1716
        let z2 = z * z
        var term = z
        var sum = 0.0
        var n = 1.0
        while n < 60 {                            // z2^k < 1e-17 well before this
            let add = term / n
            sum += add
            if abs(add) < 1e-18 * abs(sum) { break }
            term *= z2
            n += 2
        }
        let lnM = 2 * sum
        return Double(k) * 0.301029995663981195 + lnM * 0.434294481903251828
    }

    /// 10^x for real x without libm (LogScale.invert): the integer part from the table, the
    /// fraction via a Taylor series of e^(f·ln10 / 8) raised to the 8th power.
    static func pow10Fraction(_ x: Double) -> Double {
        if x.isNaN { return x }
        if x >= Double(maxExponent + 1) { return .infinity }
        if x <= Double(minExponent - 1) { return 0 }
        let whole = x.rounded(.down)
        let y = (x - whole) * 2.302585092994045684 / 8  // [0, 0.288)
        var term = 1.0
        var sum = 1.0
        var n = 1.0
        while term > 1e-18 * sum {
            term *= y / n
            sum += term
            n += 1
        }
        let fraction = sum * sum * sum * sum * sum * sum * sum * sum
        return scale(fraction, byPowerOfTen: Int(whole))
    }
}
