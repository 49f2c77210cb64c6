@testable import PlotLayout

/// Helpers shared by the axis tests.
enum AxisTestSupport {
    /// Reads a label back as a number: `−` -> `-`, `k`/`M`/`G`/`T` -> `e3`…`e12` (appended to the
    /// digits so the parse is one correctly rounded conversion, like the tick value itself).
    static func parse(_ label: String) -> Double? {
        var text = label.replacingMinus()
        var exponent = 0
        if let last = text.last, let power = ["k": 3, "M": 6, "G": 9, "T": 12][String(last)] {
            text.removeLast()
            exponent = power
        }
        return exponent == 0 ? Double(text) : Double(text + "e" + String(exponent))
    }

    /// The labels of a tick list, for compact table comparisons.
    static func labels(_ ticks: [Tick]) -> [String] { ticks.map(\.label) }

    /// Unix seconds of a UTC date-time.
    static func utc(_ year: Int, _ month: Int, _ day: Int, _ hour: Int = 0, _ minute: Int = 0, _ second: Int = 0) -> Double {
        Double(CivilDate.days(year: year, month: month, day: day) * 86_400 + hour * 3600 + minute * 60 + second)
    }

    /// One unit in the last place of x (its spacing to the next double).
    static func ulp(_ x: Double) -> Double { x.isFinite ? x.ulp : 0 }
}

extension String {
    func replacingMinus() -> String {
        String(map { $0 == "\u{2212}" ? "-" : $0 })
    }
}

