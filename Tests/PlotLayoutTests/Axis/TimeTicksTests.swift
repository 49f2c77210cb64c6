import Testing
@testable import PlotLayout

/// Time ticks: unit ladder, UTC calendar boundaries, short labels that show day and year changes.
struct TimeTicksTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var min: Double, max: Double, target: Int, extend: Bool
        var labels: [String]
        var domain: ClosedRange<Double>? = nil
        var testDescription: String { name }
    }

    static func u(_ year: Int, _ month: Int, _ day: Int, _ hour: Int = 0, _ minute: Int = 0, _ second: Int = 0) -> Double {
        AxisTestSupport.utc(year, month, day, hour, minute, second)
    }

    static let cases: [Case] = [
        Case(name: "30 s", min: u(2024, 5, 3, 12, 30, 0), max: u(2024, 5, 3, 12, 30, 30), target: 6, extend: true,
             labels: ["12:30:00", "12:30:05", "12:30:10", "12:30:15", "12:30:20", "12:30:25", "12:30:30"],
             domain: u(2024, 5, 3, 12, 30, 0)...u(2024, 5, 3, 12, 30, 30)),
        Case(name: "30 s, target 2", min: u(2024, 5, 3, 12, 30, 2), max: u(2024, 5, 3, 12, 30, 29), target: 2, extend: true,
             labels: ["12:30:00", "12:30:15", "12:30:30"]),
        Case(name: "seconds across midnight show the date", min: u(2024, 5, 3, 23, 59, 50), max: u(2024, 5, 4, 0, 0, 10),
             target: 4, extend: true, labels: ["23:59:50", "23:59:55", "May 4", "00:00:05", "00:00:10"]),
        Case(name: "10 min", min: u(2024, 5, 3, 12, 30), max: u(2024, 5, 3, 12, 40), target: 6, extend: true,
             labels: ["12:30", "12:32", "12:34", "12:36", "12:38", "12:40"]),
        Case(name: "45 min", min: u(2024, 5, 3, 9, 3), max: u(2024, 5, 3, 9, 48), target: 4, extend: true,
             labels: ["09:00", "09:15", "09:30", "09:45", "10:00"]),
        Case(name: "6 h", min: u(2024, 5, 3, 12, 30), max: u(2024, 5, 3, 18, 30), target: 6, extend: true,
             labels: ["12:00", "14:00", "16:00", "18:00", "20:00"]),
        Case(name: "6 h inside", min: u(2024, 5, 3, 12, 30), max: u(2024, 5, 3, 18, 30), target: 6, extend: false,
             labels: ["14:00", "16:00", "18:00"], domain: u(2024, 5, 3, 12, 30)...u(2024, 5, 3, 18, 30)),
        Case(name: "hours across midnight show the date", min: u(2024, 5, 3, 21), max: u(2024, 5, 4, 3), target: 6, extend: true,
             labels: ["21:00", "22:00", "23:00", "May 4", "01:00", "02:00", "03:00"]),
        Case(name: "hours across midnight, fewer", min: u(2024, 5, 3, 21), max: u(2024, 5, 4, 3), target: 3, extend: true,
             labels: ["21:00", "May 4", "03:00"]),
        Case(name: "1 day in 6 h", min: u(2024, 5, 3), max: u(2024, 5, 4), target: 4, extend: true,
             labels: ["May 3", "06:00", "12:00", "18:00", "May 4"]),
        Case(name: "3 days", min: u(2024, 5, 3, 12, 30), max: u(2024, 5, 6, 12, 30), target: 6, extend: true,
             labels: ["May 3", "May 4", "May 5", "May 6", "May 7"]),
        Case(name: "leap day", min: u(2024, 2, 28), max: u(2024, 3, 2), target: 4, extend: true,
             labels: ["Feb 28", "Feb 29", "Mar 1", "Mar 2"]),
        Case(name: "no leap day in 2100", min: u(2100, 2, 27), max: u(2100, 3, 2), target: 4, extend: true,
             labels: ["Feb 27", "Feb 28", "Mar 1", "Mar 2"]),
        Case(name: "leap day in 2000", min: u(2000, 2, 28), max: u(2000, 3, 1), target: 2, extend: true,
             labels: ["Feb 28", "Feb 29", "Mar 1"]),
        Case(name: "5 weeks on Mondays", min: u(2024, 5, 1), max: u(2024, 6, 4), target: 6, extend: true,
             labels: ["Apr 29", "May 6", "May 13", "May 20", "May 27", "Jun 3", "Jun 10"]),
        Case(name: "2 months", min: u(2024, 5, 3), max: u(2024, 7, 2), target: 6, extend: true,
             labels: ["May 2024", "Jun", "Jul", "Aug"],
             domain: u(2024, 5, 1)...u(2024, 8, 1)),
        Case(name: "months across new year", min: u(2024, 10, 15), max: u(2025, 3, 10), target: 6, extend: true,
             labels: ["Oct 2024", "Nov", "Dec", "Jan 2025", "Feb", "Mar", "Apr"]),
        Case(name: "2 years", min: u(2024, 3, 1), max: u(2026, 3, 1), target: 6, extend: true,
             labels: ["Jan 2024", "Jul", "Jan 2025", "Jul", "Jan 2026", "Jul"]),
        Case(name: "2 years inside", min: u(2024, 3, 1), max: u(2026, 3, 1), target: 6, extend: false,
             labels: ["Jul 2024", "Jan 2025", "Jul", "Jan 2026"]),
        Case(name: "quarters", min: u(2024, 1, 1), max: u(2025, 1, 1), target: 4, extend: true,
             labels: ["Jan 2024", "Apr", "Jul", "Oct", "Jan 2025"]),
        Case(name: "10 years", min: u(2014, 6, 1), max: u(2024, 6, 1), target: 6, extend: true,
             labels: ["2014", "2016", "2018", "2020", "2022", "2024", "2026"]),
        Case(name: "80 years", min: u(1940, 1, 1), max: u(2020, 1, 1), target: 6, extend: true,
             labels: ["1940", "1960", "1980", "2000", "2020"]),
        Case(name: "80 years, unaligned", min: u(2024, 5, 3), max: u(2104, 5, 3), target: 6, extend: true,
             labels: ["2020", "2040", "2060", "2080", "2100", "2120"]),
        Case(name: "up to year 9999", min: u(9990, 1, 1), max: u(9999, 12, 31, 23, 59, 59), target: 5, extend: true,
             labels: ["9990", "9992", "9994", "9996", "9998", "10000"]),
        Case(name: "far past is clamped to year 1", min: u(-5000, 1, 1), max: u(1, 6, 1), target: 3, extend: false,
             labels: ["Jan 1", "Mar", "May"], domain: u(1, 1, 1)...u(1, 6, 1)),
        // Degenerate input.
        Case(name: "one instant without extend is one tick at it", min: u(2024, 5, 3, 12, 30, 15), max: u(2024, 5, 3, 12, 30, 15),
             target: 2, extend: false, labels: ["12:30:15"]),
        Case(name: "one midnight without extend", min: u(2024, 5, 3), max: u(2024, 5, 3), target: 2, extend: false,
             labels: ["May 3"], domain: u(2024, 5, 2)...u(2024, 5, 4)),
        Case(name: "one midnight with extend", min: u(2024, 5, 3), max: u(2024, 5, 3), target: 4, extend: true,
             labels: ["May 2", "12:00", "May 3", "12:00", "May 4"], domain: u(2024, 5, 2)...u(2024, 5, 4)),
        Case(name: "NaN", min: .nan, max: 5, target: 2, extend: true, labels: ["Jan 1", "00:00:01"], domain: 0...1),
        Case(name: "infinity", min: 0, max: .infinity, target: 2, extend: true, labels: ["Jan 1", "00:00:01"], domain: 0...1),
        Case(name: "swapped", min: u(2024, 5, 6, 12, 30), max: u(2024, 5, 3, 12, 30), target: 6, extend: true,
             labels: ["May 3", "May 4", "May 5", "May 6", "May 7"]),
    ]

    @Test(arguments: cases)
    func table(_ c: Case) {
        let result = TimeTicks.ticks(min: c.min, max: c.max, targetCount: c.target, extend: c.extend)
        #expect(AxisTestSupport.labels(result.ticks) == c.labels)
        if let domain = c.domain { #expect(result.domain == domain) }
        if c.extend, let first = result.ticks.first, let last = result.ticks.last {
            #expect(result.domain == first.value...last.value)
        }
    }

    @Test func farFutureAndPastNeverTrap() {
        for (a, b) in [(-1e15, 1e15), (-1e300, -1e299), (1e300, 1e301), (AxisTestSupport.utc(-5000, 1, 1), 0),
                       (0, AxisTestSupport.utc(20000, 1, 1)), (AxisTestSupport.utc(9999, 12, 31), AxisTestSupport.utc(9999, 12, 31))] {
            for target in [0, 2, 6, 1000] {
                for extend in [true, false] {
                    let result = TimeTicks.ticks(min: a, max: b, targetCount: target, extend: extend)
                    #expect(result.domain.lowerBound.isFinite && result.domain.upperBound.isFinite)
                    #expect(!result.ticks.isEmpty)
                    #expect(result.ticks.count <= 101)
                }
            }
        }
        let all = TimeTicks.ticks(min: -1e300, max: 1e300, targetCount: 5, extend: true)
        #expect(AxisTestSupport.labels(all.ticks) == ["0", "2000", "4000", "6000", "8000", "10000"])
    }

    @Test func extendThenRerunIsStable() {
        for (a, b) in [(Self.u(2024, 5, 3, 12, 30, 7), Self.u(2024, 5, 3, 12, 31, 2)), (Self.u(2024, 5, 3, 1), Self.u(2024, 5, 9, 17)),
                       (Self.u(2024, 1, 17), Self.u(2024, 11, 2)), (Self.u(1931, 4, 4), Self.u(2011, 8, 9)), (Self.u(2024, 5, 1), Self.u(2024, 6, 4))] {
            for target in 2...12 {
                let wide = TimeTicks.ticks(min: a, max: b, targetCount: target, extend: true)
                let again = TimeTicks.ticks(min: wide.domain.lowerBound, max: wide.domain.upperBound, targetCount: target, extend: false)
                #expect(again.ticks == wide.ticks, "target \(target)")
            }
        }
    }

    @Test(arguments: [
        (AxisTestSupport.utc(2024, 5, 3, 12, 30, 15), "12:30:15"),
        (AxisTestSupport.utc(2024, 5, 3, 9, 5), "09:05"),
        (AxisTestSupport.utc(2024, 5, 3), "May 3"),
        (AxisTestSupport.utc(1969, 12, 31, 23, 59, 59), "23:59:59"),
        (.nan, ""),
    ] as [(Double, String)])
    func naturalLabel(_ t: Double, _ expected: String) {
        #expect(TimeTicks.label(t) == expected)
    }
}
