/// Number text for axis ticks and free-standing values. Both reduce the `Double` to an exact
/// decimal (integer × power of ten) first and render that with `DecimalText`, whose doc comment
/// lists the conventions (`−`, suffix from 10,000, scientific outside [1e-4, 1e15)).
public enum NumberFormat {
    /// Tick label text for `value` when ticks are `step` apart: shortest exact decimal text at
    /// the step's precision (`0.30000000000000004` with step 0.1 -> `0.3`; 1200 with step 200 ->
    /// `1200`; 12500 with step 2500 -> `12.5k`). A step that is not a positive finite number is
    /// ignored and the value is shown to 12 significant digits.
    public static func tick(_ value: Double, step: Double) -> String {
        guard value.isFinite else { return nonFinite(value) }
        guard step > 0, step.isFinite else { return Self.value(value, significant: 12) }
        var q = lastDigitExponent(of: step)
        // Past 2^53 the integer would carry more digits than the double has; coarsen instead.
        while abs(AxisMath.scale(value, byPowerOfTen: -q)) >= 1e15 && q < AxisMath.maxExponent { q += 1 }
        let n = AxisMath.int(AxisMath.scale(value, byPowerOfTen: -q), .toNearestOrAwayFromZero)
        return DecimalText.format(n, exponent: q)
    }

    /// A free-standing value (pie percentages, data labels): at most `significant` significant
    /// digits (clamped to 1...15), trailing zeros trimmed, `k`/`M`/… suffixes from 10,000.
    public static func value(_ value: Double, significant: Int) -> String {
        guard value.isFinite else { return nonFinite(value) }
        if value == 0 { return "0" }
        let digits = Swift.min(Swift.max(significant, 1), 15)
        let magnitude = abs(value)
        let q = AxisMath.decimalExponent(magnitude) - digits + 1
        let n = AxisMath.int(AxisMath.scale(magnitude, byPowerOfTen: -q), .toNearestOrAwayFromZero)
        return DecimalText.format(value < 0 ? -n : n, exponent: q)
    }

    /// The exponent of the last significant decimal digit of `step` (0.25 -> -2, 200 -> 2),
    /// i.e. the coarsest q for which step / 10^q is an integer. Tolerant of binary noise, and
    /// capped at 15 digits so a noisy step like 0.1 + 0.2 still reads as 0.3.
    static func lastDigitExponent(of step: Double) -> Int {
        let lead = AxisMath.decimalExponent(step)
        for q in stride(from: lead, through: lead - 14, by: -1) {
            let m = AxisMath.scale(step, byPowerOfTen: -q)
            if abs(m - m.rounded()) <= 1e-9 * m { return q }
        }
        return lead - 14
    }

    private static func nonFinite(_ value: Double) -> String {
        value.isNaN ? "NaN" : (value < 0 ? DecimalText.minus + "∞" : "∞")
    }
}
