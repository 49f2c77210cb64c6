/// Short labels for time ticks (UTC). The unit of the chosen step decides the form, the way
/// matplotlib's ConciseDateFormatter does, but without its offset text: a label must stand
/// alone, so the date is shown where the day changes and the year where the year changes.
enum TimeLabel {
    static let monthNames = ["Jan", "Feb", "Mar", "Apr", "May", "Jun",
                             "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// Label of a tick at unix second t for a step of `unit`; `isFirst` marks the first tick
    /// shown, where month labels carry the year (`Mar 2024`, `Apr`, …, `Jan 2025`).
    static func tick(_ t: Int, unit: TimeStep.Unit, isFirst: Bool) -> String {
        let (days, second) = split(t)
        let (year, month, day) = CivilDate.date(days: days)
        switch unit {
        case .second:
            return second == 0 ? dayText(month, day) : clock(second, withSeconds: true)
        case .minute, .hour:
            return second == 0 ? dayText(month, day) : clock(second, withSeconds: false)
        case .day, .week:
            return dayText(month, day)
        case .month:
            return month == 1 || isFirst ? monthNames[month - 1] + " " + String(year) : monthNames[month - 1]
        case .year:
            return String(year)
        }
    }

    /// A lone time value at its own precision: `12:30:15`, `12:30`, or `May 3` at midnight.
    static func natural(_ t: Int) -> String {
        let (days, second) = split(t)
        if second == 0 {
            let (_, month, day) = CivilDate.date(days: days)
            return dayText(month, day)
        }
        return clock(second, withSeconds: second % 60 != 0)
    }

    private static func split(_ t: Int) -> (days: Int, second: Int) {
        let days = AxisMath.floorDiv(t, TimeStep.secondsPerDay)
        return (days, t - days * TimeStep.secondsPerDay)
    }

    private static func dayText(_ month: Int, _ day: Int) -> String {
        monthNames[month - 1] + " " + String(day)
    }

    /// `09:05` or `09:05:30`: zero-padded 24-hour clock, as ConciseDateFormatter prints it.
    private static func clock(_ second: Int, withSeconds: Bool) -> String {
        let text = twoDigits(second / 3600) + ":" + twoDigits(second / 60 % 60)
        return withSeconds ? text + ":" + twoDigits(second % 60) : text
    }

    private static func twoDigits(_ n: Int) -> String { n < 10 ? "0" + String(n) : String(n) }
}
