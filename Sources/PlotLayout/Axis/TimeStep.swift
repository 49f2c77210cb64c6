/// One rung of the time-axis ladder (5 seconds, 3 hours, 1 week, 6 months, 50 years, …) and the
/// calendar arithmetic to find its ticks. Ticks are numbered: tick j of a step sits at a fixed
/// UTC calendar boundary, so the covering and inside ranges are just index ranges and nothing
/// is enumerated until the step is chosen.
struct TimeStep: Equatable {
    enum Unit: Equatable { case second, minute, hour, day, week, month, year }

    var unit: Unit
    var count: Int

    static let secondsPerDay = 86_400

    /// Finest to coarsest. Sub-day counts divide the next unit (1, 2, 5, 10, 15, 30 all divide
    /// 60; 1, 2, 3, 6, 12 divide 24) so ticks restart cleanly at each minute/hour/midnight;
    /// months 1, 2, 3, 6 divide 12 so January is always a tick; years run 1-2-5 without end
    /// (5000 covers the whole clamped range in at most three ticks, so the search terminates).
    static let ladder: [TimeStep] =
        [1, 2, 5, 10, 15, 30].map { TimeStep(unit: .second, count: $0) }
        + [1, 2, 5, 10, 15, 30].map { TimeStep(unit: .minute, count: $0) }
        + [1, 2, 3, 6, 12].map { TimeStep(unit: .hour, count: $0) }
        + [1, 2].map { TimeStep(unit: .day, count: $0) }
        + [TimeStep(unit: .week, count: 1)]
        + [1, 2, 3, 6].map { TimeStep(unit: .month, count: $0) }
        + [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000].map { TimeStep(unit: .year, count: $0) }

    /// Length and origin of fixed-length steps. Unix time has exactly 86,400 s a day, so day
    /// and sub-day boundaries are plain multiples from the epoch (a UTC midnight). Weeks start
    /// on Monday: day 4 after the epoch (a Thursday) is 1970-01-05, a Monday. Two-day ticks
    /// alternate from the epoch rather than restarting each month, so they stay evenly spaced.
    private var fixed: (period: Int, origin: Int)? {
        switch unit {
        case .second: (count, 0)
        case .minute: (count * 60, 0)
        case .hour: (count * 3600, 0)
        case .day: (count * Self.secondsPerDay, 0)
        case .week: (7 * Self.secondsPerDay, 4 * Self.secondsPerDay)
        case .month, .year: nil
        }
    }

    /// The unix second of tick j.
    func time(_ j: Int) -> Int {
        if let (period, origin) = fixed { return origin + j * period }
        switch unit {
        case .month: return CivilDate.days(year: 0, month: j * count + 1, day: 1) * Self.secondsPerDay
        default: return CivilDate.days(year: j * count, month: 1, day: 1) * Self.secondsPerDay
        }
    }

    /// The index of the last tick at or before unix second t.
    func floorIndex(_ t: Int) -> Int {
        if let (period, origin) = fixed { return AxisMath.floorDiv(t - origin, period) }
        let date = CivilDate.date(days: AxisMath.floorDiv(t, Self.secondsPerDay))
        // The first of this month (or Jan 1 of this year) is ≤ t, so flooring the calendar
        // index is flooring the time.
        let index = unit == .month ? date.year * 12 + date.month - 1 : date.year
        return AxisMath.floorDiv(index, count)
    }

    /// The index of the first tick at or after unix second t.
    func ceilIndex(_ t: Int) -> Int {
        let j = floorIndex(t)
        return time(j) < t ? j + 1 : j
    }

    /// Tick indices covering [lo, hi] (at least two, so a widened domain is never a point).
    func covering(_ lo: Double, _ hi: Double) -> ClosedRange<Int> {
        let a = floorIndex(AxisMath.int(lo, .down))
        return a...Swift.max(a + 1, ceilIndex(AxisMath.int(hi, .up)))
    }

    /// Tick indices inside [lo, hi], nil when there are none.
    func inside(_ lo: Double, _ hi: Double) -> ClosedRange<Int>? {
        let a = ceilIndex(AxisMath.int(lo, .up))
        let b = floorIndex(AxisMath.int(hi, .down))
        return a <= b ? a...b : nil
    }
}
