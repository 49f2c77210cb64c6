/// Civil (proleptic Gregorian, UTC) date arithmetic without Foundation: days since 1970-01-01
/// <-> (year, month, day), using Howard Hinnant's `days_from_civil` / `civil_from_days`
/// (http://howardhinnant.github.io/date_algorithms.html). Exact for every representable day;
/// the year is astronomical (year 0 is 1 BC).
public enum CivilDate {
    /// Inputs are clamped to ±2^40 (about ±3e9 years of days) so the era arithmetic cannot
    /// overflow and trap, whatever a caller passes.
    static let limit = 1 << 40

    /// Days from 1970-01-01 to the given date. Out-of-range months roll into neighbouring years
    /// (month 13 is January of the next year) and out-of-range days count on linearly (day 0 is
    /// the last day of the previous month), which makes month and day arithmetic trivial.
    public static func days(year: Int, month: Int, day: Int) -> Int {
        let m0 = clamp(month) - 1
        var y = clamp(year) + AxisMath.floorDiv(m0, 12)
        let m = AxisMath.floorMod(m0, 12) + 1
        let d = clamp(day)
        if m <= 2 { y -= 1 }
        // Eras are 400-year cycles; March-based years put the leap day at the end of the year.
        let era = AxisMath.floorDiv(y, 400)
        let yoe = y - era * 400                                   // [0, 399]
        let doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1 // day of the March-based year
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy           // day of the era
        return era * 146_097 + doe - 719_468
    }

    /// The date `days` after 1970-01-01 (negative: before).
    public static func date(days: Int) -> (year: Int, month: Int, day: Int) {
        let z = clamp(days) + 719_468
        let era = AxisMath.floorDiv(z, 146_097)
        let doe = z - era * 146_097                                          // [0, 146096]
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365     // [0, 399]
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)                    // [0, 365]
        let mp = (5 * doy + 2) / 153                                         // [0, 11], March = 0
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yoe + era * 400 + (month <= 2 ? 1 : 0)
        return (year, month, day)
    }

    /// Day of the week, 0 = Monday … 6 = Sunday (1970-01-01 was a Thursday).
    public static func weekday(days: Int) -> Int {
        AxisMath.floorMod(clamp(days) + 3, 7)
    }

    private static func clamp(_ x: Int) -> Int { Swift.min(Swift.max(x, -limit), limit) }
}
