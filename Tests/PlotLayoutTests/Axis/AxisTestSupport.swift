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

/// SplitMix64 (Steele, Lea & Flood), seeded, so the random sweeps are reproducible.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
