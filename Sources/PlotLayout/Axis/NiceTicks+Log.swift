extension NiceTicks {
    /// Decades the log axis may use. 10^±300 are normal doubles, and every decade stride in
    /// `decadeStrides` divides 300, so widening to a stride never leaves the finite range.
    static let logExponentLimit = 300
    /// Decades between ticks when there are too many decades to label each one.
    static let decadeStrides = [1, 2, 5, 10, 20, 50, 100, 300]

    /// Log axis (base 10): ticks at powers of ten labelled `0.01`, `0.1`, `1`, `10`, `100`, `1k`,
    /// `10k`, … (`1e-5` and `1e15` beyond the plain range), every 2nd/5th/… decade when there
    /// are more decades than the budget allows (see `TickBudget`). With fewer than 3 decades the
    /// 2× and 5× multiples are added (1, 2, 5, 10, 20, 50, 100) unless that makes more than
    /// 2 × targetCount ticks. With `extend` the domain widens to whole decades (on the stride).
    ///
    /// Degenerate input: NaN/infinite ends or max ≤ 0 give 1…10; min ≤ 0 is clamped to
    /// max / 1e6 (six decades below the top, rather than 1e-300, which would squash the data
    /// into one corner); ends are clamped into 1e-300…1e300; min == max widens to the enclosing
    /// decade (a power of ten v gives v/10…10v). Without `extend`, a range too narrow for two
    /// decade ticks gets denser strides, then 2×/5×, then every multiple, then linear ticks.
    public static func log(min: Double, max: Double, targetCount: Int, extend: Bool)
        -> (domain: ClosedRange<Double>, ticks: [Tick])
    {
        let (lo, hi) = sanitizedLog(min, max)
        let budget = TickBudget.maxTicks(target: targetCount)
        // Whole decades that cover [lo, hi]; a value within 1e-12 of a power counts as on it.
        var dLo = AxisMath.decimalExponent(lo)
        if lo >= AxisMath.pow10(dLo + 1) * (1 - 1e-12) { dLo += 1 }
        var dHi = AxisMath.decimalExponent(hi)
        if hi > AxisMath.pow10(dHi) * (1 + 1e-12) { dHi += 1 }
        dHi = Swift.max(dHi, dLo + 1)
        // Densest stride whose covering ticks fit the budget; 300 always fits (−300, 0, 300).
        var index = decadeStrides.firstIndex {
            AxisMath.ceilDiv(dHi, $0) - AxisMath.floorDiv(dLo, $0) + 1 <= budget
        } ?? decadeStrides.count - 1
        if extend {
            let stride = decadeStrides[index]
            let first = AxisMath.floorDiv(dLo, stride) * stride
            let last = AxisMath.ceilDiv(dHi, stride) * stride
            let ticks = decadeTicks(first, last, stride: stride, target: targetCount)
            return (AxisMath.pow10(first)...AxisMath.pow10(last), ticks)
        }
        var ticks = inside(decadeTicks(dLo, dHi, stride: decadeStrides[index], target: targetCount), lo, hi)
        while ticks.count < 2 && index > 0 {
            index -= 1
            ticks = inside(decadeTicks(dLo, dHi, stride: decadeStrides[index], target: targetCount), lo, hi)
        }
        if ticks.count < 2 {
            // Under two decades (hi/lo < 100, so this list is short): every integer multiple,
            // then plain linear ticks if that is still too thin or too crowded.
            var all: [Tick] = []
            for d in dLo..<dHi {
                for m in 1...9 { all.append(decadeTick(m, d)) }
            }
            all.append(decadeTick(1, dHi))
            ticks = inside(all, lo, hi)
            if ticks.count < 2 || ticks.count > budget {
                ticks = linear(min: lo, max: hi, targetCount: targetCount, extend: false).ticks
            }
        }
        return (lo...hi, ticks)
    }

    /// Ticks at every `stride`-th decade from 10^first to 10^last (multiples of the stride),
    /// plus 2× and 5× when the span is under 3 decades and that stays within 2 × target.
    private static func decadeTicks(_ first: Int, _ last: Int, stride: Int, target: Int) -> [Tick] {
        let start = AxisMath.ceilDiv(first, stride) * stride
        let cap = 2 * Swift.min(Swift.max(target, 2), 100)  // clamped: 2 × Int.max would trap
        let withMultiples = stride == 1 && last - first < 3 && (last - first) * 3 + 1 <= cap
        var ticks: [Tick] = []
        for d in Swift.stride(from: start, through: last, by: stride) {
            ticks.append(decadeTick(1, d))
            if withMultiples && d < last {
                ticks.append(decadeTick(2, d))
                ticks.append(decadeTick(5, d))
            }
        }
        return ticks
    }

    /// m × 10^d, labelled with SI suffixes from 1000 (log axes read `1k`, `10k`, `100k`).
    private static func decadeTick(_ m: Int, _ d: Int) -> Tick {
        Tick(value: AxisMath.decimal(m, exponent: d), label: DecimalText.format(m, exponent: d, siFrom: 3))
    }

    /// The candidates within [lo, hi] (relative tolerance 1e-12), values clamped into it.
    private static func inside(_ candidates: [Tick], _ lo: Double, _ hi: Double) -> [Tick] {
        candidates.compactMap { t in
            guard t.value >= lo * (1 - 1e-12), t.value <= hi * (1 + 1e-12) else { return nil }
            return Tick(value: Swift.min(Swift.max(t.value, lo), hi), label: t.label)
        }
    }

    /// Applies the degenerate-input rules: the result is finite, 1e-300 ≤ lo < hi ≤ 1e300.
    static func sanitizedLog(_ a: Double, _ b: Double) -> (Double, Double) {
        guard a.isFinite, b.isFinite else { return (1, 10) }
        var lo = Swift.min(a, b)
        var hi = Swift.max(a, b)
        if hi <= 0 { return (1, 10) }
        if lo <= 0 { lo = hi / 1e6 }
        let floor = AxisMath.pow10(-logExponentLimit)
        let ceiling = AxisMath.pow10(logExponentLimit)
        lo = Swift.min(Swift.max(lo, floor), ceiling)
        hi = Swift.min(Swift.max(hi, floor), ceiling)
        if hi <= lo * (1 + 1e-12) {
            // One value: show the decade around it, centred on it when it is a power of ten.
            let e = AxisMath.decimalExponent(lo)
            let isPower = lo <= AxisMath.pow10(e) * (1 + 1e-12)
            let dLo = Swift.max(isPower ? e - 1 : e, -logExponentLimit)
            let dHi = Swift.min(e + 1, logExponentLimit)
            lo = AxisMath.pow10(dHi - dLo < 1 ? dHi - 1 : dLo)
            hi = AxisMath.pow10(dHi)
        }
        return (lo, hi)
    }
}
