/// Tick placement for numeric axes (linear here, log in NiceTicks+Log.swift).
public enum NiceTicks {
    /// Beyond this, inputs are clamped. Every ladder step up to 1e308 divides 1e308 exactly, so
    /// widening a domain inside ±1e308 out to the next tick can never overflow to infinity.
    static let largest = 1e308
    /// Below this magnitude a range is treated as all zeros: steps would be subnormal and lose
    /// their precision.
    static let smallest = 1e-300

    /// Ticks for a linear axis covering [min, max] on the 1-2-5 ladder, at most targetCount + 1
    /// of them (see `TickBudget`) and always at least 2. With `extend` the domain is widened
    /// outward to the nearest tick on each side; without, only ticks inside [min, max] are
    /// returned (values clamped into it, so a tick 1 ulp outside is not lost) and the domain is
    /// unchanged. A range that falls between the chosen ticks (0.1…0.9 with step 1) steps down
    /// the ladder until two fit; that can exceed the budget, but never 5 ticks.
    ///
    /// Degenerate input never traps: NaN or infinite ends give 0…1; min > max are swapped;
    /// ends beyond ±1e308 are clamped; a range that is empty, or narrower than 1e-12 of its
    /// magnitude (no room for distinct labels), is widened around its centre c by the ladder
    /// step below |c|/5 (5 -> 4…6, 0 -> −1…1); magnitudes below 1e-300 count as 0.
    public static func linear(min: Double, max: Double, targetCount: Int, extend: Bool)
        -> (domain: ClosedRange<Double>, ticks: [Tick])
    {
        let (lo, hi) = sanitizedLinear(min, max)
        let budget = TickBudget.maxTicks(target: targetCount)
        var step = linearStep(lo, hi, budget: budget)
        if extend {
            let ks = step.covering(lo, hi)
            let ticks = ks.map(step.tick)
            return (ticks.first!.value...ticks.last!.value, ticks)
        }
        // A domain that falls between ticks (0.1…0.9 with step 1) still deserves two ticks:
        // step down the ladder until two fit. Terminates since hi - lo is a sane fraction of |hi|.
        var ks = step.inside(lo, hi)
        while (ks?.count ?? 0) < 2 && step.value > (hi - lo) / 1e3 {
            step = step.previous
            ks = step.inside(lo, hi)
        }
        let ticks = (ks ?? 1...0).map { k -> Tick in
            var t = step.tick(k)
            t.value = Swift.min(Swift.max(t.value, lo), hi)
            return t
        }
        return (lo...hi, ticks)
    }

    /// The densest ladder step whose covering ticks fit the budget.
    static func linearStep(_ lo: Double, _ hi: Double, budget: Int) -> DecimalStep {
        // hi/2 - lo/2 cannot overflow where hi - lo can (−1e308…1e308).
        let raw = (hi / 2 - lo / 2) * (2 / Double(budget - 1))
        var step = DecimalStep.floor(raw)
        // Any step ≥ hi - lo covers with ≤ 3 ticks, so this ends within a handful of rounds.
        for _ in 0..<64 {
            if step.covering(lo, hi).count <= budget { break }
            step = step.next
        }
        return step
    }

    /// Applies the degenerate-input rules; the result is finite, lo < hi, within ±1e308, and
    /// wide enough relative to its magnitude for the tick search.
    static func sanitizedLinear(_ a: Double, _ b: Double) -> (Double, Double) {
        guard a.isFinite, b.isFinite else { return (0, 1) }
        var lo = Swift.min(Swift.max(Swift.min(a, b), -largest), largest)
        var hi = Swift.min(Swift.max(Swift.max(a, b), -largest), largest)
        let magnitude = Swift.max(abs(lo), abs(hi))
        if magnitude < smallest { return (-1, 1) }
        if hi / 2 - lo / 2 > magnitude * 5e-13 { return (lo, hi) }
        let centre = lo / 2 + hi / 2
        if abs(centre) < smallest { return (-1, 1) }
        let half = DecimalStep.floor(abs(centre) / 5).value
        lo = Swift.max(centre - half, -largest)
        hi = Swift.min(centre + half, largest)
        return (lo, hi)
    }
}
