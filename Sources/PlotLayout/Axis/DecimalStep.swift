/// A tick step on the 1-2-5 ladder: mantissa × 10^exponent with mantissa 1, 2 or 5.
///
/// Kept as integers so that tick k sits at exactly (k × mantissa) × 10^exponent — a decimal the
/// label is printed from and the `Double` value is rounded from once. 2.5 is deliberately not on
/// the ladder: it forces a second decimal (0, 2.5, 5, 7.5) that reads worse than 2 or 5.
struct DecimalStep: Equatable {
    var mantissa: Int
    var exponent: Int

    var value: Double { AxisMath.decimal(mantissa, exponent: exponent) }

    /// The largest ladder step ≤ x (x > 0, finite).
    static func floor(_ x: Double) -> DecimalStep {
        let e = AxisMath.decimalExponent(x)
        let lead = x / AxisMath.pow10(e)
        return DecimalStep(mantissa: lead >= 5 ? 5 : (lead >= 2 ? 2 : 1), exponent: e)
    }

    var next: DecimalStep {
        switch mantissa {
        case 1: DecimalStep(mantissa: 2, exponent: exponent)
        case 2: DecimalStep(mantissa: 5, exponent: exponent)
        default: DecimalStep(mantissa: 1, exponent: exponent + 1)
        }
    }

    var previous: DecimalStep {
        switch mantissa {
        case 5: DecimalStep(mantissa: 2, exponent: exponent)
        case 2: DecimalStep(mantissa: 1, exponent: exponent)
        default: DecimalStep(mantissa: 5, exponent: exponent - 1)
        }
    }

    /// Tick k: its exact value and its label, both from the integer k × mantissa.
    func tick(_ k: Int) -> Tick {
        let n = k * mantissa
        return Tick(value: AxisMath.decimal(n, exponent: exponent), label: DecimalText.format(n, exponent: exponent))
    }

    /// Indices of the ticks that cover [lo, hi]: the last tick ≤ lo through the first ≥ hi.
    /// Always at least two, so a widened domain is never a point.
    func covering(_ lo: Double, _ hi: Double) -> ClosedRange<Int> {
        let s = value
        let a = AxisMath.snappedFloor(lo / s)
        return a...Swift.max(a + 1, AxisMath.snappedCeil(hi / s))
    }

    /// Indices of the ticks inside [lo, hi] (may be empty: upperBound < lowerBound is returned
    /// as nil).
    func inside(_ lo: Double, _ hi: Double) -> ClosedRange<Int>? {
        let s = value
        let a = AxisMath.snappedCeil(lo / s)
        let b = AxisMath.snappedFloor(hi / s)
        return a <= b ? a...b : nil
    }
}
