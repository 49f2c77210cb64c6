import Testing
@testable import PlotLayout

/// Civil date arithmetic (proleptic Gregorian, UTC) without Foundation.
struct CivilDateTests {
    /// Every day from 1900-01-01 to 2100-12-31 round-trips, and consecutive day numbers are
    /// consecutive calendar days (with the right month lengths and leap years).
    @Test func everyDay1900To2100() {
        let monthLength = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        var (year, month, day) = (1900, 1, 1)
        let first = CivilDate.days(year: 1900, month: 1, day: 1)
        let last = CivilDate.days(year: 2100, month: 12, day: 31)
        var leapDays = 0
        for n in first...last {
            let date = CivilDate.date(days: n)
            guard date == (year, month, day) else {
                Issue.record("day \(n): \(date) != \((year, month, day))")
                return
            }
            #expect(CivilDate.days(year: year, month: month, day: day) == n)
            if month == 2 && day == 29 { leapDays += 1 }
            let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
            let length = month == 2 && leap ? 29 : monthLength[month - 1]
            day += 1
            if day > length { day = 1; month += 1 }
            if month > 12 { month = 1; year += 1 }
        }
        #expect(leapDays == 49)  // 1904…2096 by fours, minus 1900 and 2100, plus 2000
        #expect(last - first + 1 == 73_414)
    }

    @Test(arguments: [
        (1970, 1, 1, 0),
        (1969, 12, 31, -1),
        (2000, 3, 1, 11_017),
        (2000, 2, 29, 11_016),
        (2024, 2, 29, 19_782),
        (2100, 3, 1, 47_541),
        (1, 1, 1, -719_162),
        (0, 3, 1, -719_468),
        (9999, 12, 31, 2_932_896),
        (10000, 1, 1, 2_932_897),
        (-5000, 1, 1, -2_545_740),
    ])
    func knownDays(_ year: Int, _ month: Int, _ day: Int, _ days: Int) {
        #expect(CivilDate.days(year: year, month: month, day: day) == days)
        #expect(CivilDate.date(days: days) == (year, month, day))
    }

    @Test func monthsAndDaysRollOver() {
        #expect(CivilDate.days(year: 2024, month: 13, day: 1) == CivilDate.days(year: 2025, month: 1, day: 1))
        #expect(CivilDate.days(year: 2024, month: 0, day: 1) == CivilDate.days(year: 2023, month: 12, day: 1))
        #expect(CivilDate.days(year: 2024, month: 3, day: 0) == CivilDate.days(year: 2024, month: 2, day: 29))
        #expect(CivilDate.days(year: 0, month: 2024 * 12 + 5, day: 1) == CivilDate.days(year: 2024, month: 5, day: 1))
    }

    @Test func weekday() {
        #expect(CivilDate.weekday(days: 0) == 3)  // Thursday
        #expect(CivilDate.weekday(days: CivilDate.days(year: 2024, month: 5, day: 6)) == 0)  // Monday
        #expect(CivilDate.weekday(days: CivilDate.days(year: 1969, month: 12, day: 29)) == 0)
    }

    /// Far values round-trip; absurd ones are clamped instead of overflowing.
    @Test func farValues() {
        for days in [-1_000_000_000, -123_456_789, 987_654_321, 1 << 39, -(1 << 39)] {
            let d = CivilDate.date(days: days)
            #expect(CivilDate.days(year: d.year, month: d.month, day: d.day) == days)
        }
        _ = CivilDate.date(days: .max)
        _ = CivilDate.date(days: .min)
        _ = CivilDate.days(year: .max, month: .max, day: .max)
        _ = CivilDate.days(year: .min, month: .min, day: .min)
    }
}
