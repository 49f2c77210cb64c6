/// Tick placement for time axes; values are unix seconds (UTC).
public enum TimeTicks {
    /// The clamp range: 0001-01-01T00:00:00Z through 10000-01-01T00:00:00Z, so every tick has a
    /// four-digit (or, at the very end, `10000`) year and the calendar arithmetic stays small.
    static let earliest = Double(CivilDate.days(year: 1, month: 1, day: 1) * TimeStep.secondsPerDay)
    static let latest = Double(CivilDate.days(year: 10000, month: 1, day: 1) * TimeStep.secondsPerDay)

    /// Ticks for a time axis. The step is the finest rung of `TimeStep.ladder` (1 s … 5000 years)
    /// whose ticks covering [min, max] fit the budget of targetCount + 1 (see `TickBudget`);
    /// ticks fall on round UTC calendar boundaries (minutes, midnights, Mondays, 1st of the
    /// month, Jan 1). Labels: seconds `12:30:15`; minutes/hours `12:30`, with the date (`May 3`)
    /// at midnight; days/weeks `May 3`; months `Jan`, `Feb`, with the year at January and on the
    /// first tick (`Mar 2024`); years `2024`. `extend` widens the domain to the covering ticks.
    ///
    /// Degenerate input never traps: NaN/infinite ends give 0…1 (the epoch's first second);
    /// min > max are swapped; values are clamped to years 1…10000. When min == max the domain
    /// is widened around the value (±1 day at midnight, ±1 hour on a whole minute, else ±1
    /// minute); without `extend` the ticks are then just the value itself with its natural label
    /// (`TimeTicks.label`), which is what a lone time point needs; with `extend` the widened
    /// range is ticked normally. A sub-second range without `extend` may have fewer than 2 ticks.
    public static func ticks(min: Double, max: Double, targetCount: Int, extend: Bool)
        -> (domain: ClosedRange<Double>, ticks: [Tick])
    {
        var lo = 0.0, hi = 1.0
        if min.isFinite && max.isFinite {
            lo = clamp(Swift.min(min, max))
            hi = clamp(Swift.max(min, max))
        }
        if lo == hi {
            let t = AxisMath.int(lo, .toNearestOrAwayFromZero)
            let half = Double(t % TimeStep.secondsPerDay == 0 ? TimeStep.secondsPerDay : (t % 60 == 0 ? 3600 : 60))
            if !extend {
                return ((lo - half)...(lo + half), [Tick(value: lo, label: TimeLabel.natural(t))])
            }
            lo -= half
            hi += half
        }
        let budget = TickBudget.maxTicks(target: targetCount)
        let ladder = TimeStep.ladder
        var index = ladder.firstIndex { $0.covering(lo, hi).count <= budget } ?? ladder.count - 1
        if extend {
            let step = ladder[index]
            let ticks = makeTicks(step, step.covering(lo, hi))
            return (ticks.first!.value...ticks.last!.value, ticks)
        }
        var indices = ladder[index].inside(lo, hi)
        while (indices?.count ?? 0) < 2 && index > 0 {
            index -= 1
            indices = ladder[index].inside(lo, hi)
        }
        return (lo...hi, indices.map { makeTicks(ladder[index], $0) } ?? [])
    }

    /// A lone time value (a category label, a tooltip) at its own precision, UTC: `12:30:15`,
    /// `12:30`, or the date `May 3` at midnight. NaN and infinities give an empty string.
    public static func label(_ t: Double) -> String {
        guard t.isFinite else { return "" }
        return TimeLabel.natural(AxisMath.int(clamp(t), .toNearestOrAwayFromZero))
    }

    private static func makeTicks(_ step: TimeStep, _ indices: ClosedRange<Int>) -> [Tick] {
        indices.map { j in
            let t = step.time(j)
            return Tick(value: Double(t), label: TimeLabel.tick(t, unit: step.unit, isFirst: j == indices.lowerBound))
        }
    }

    private static func clamp(_ t: Double) -> Double { Swift.min(Swift.max(t, earliest), latest) }
}
