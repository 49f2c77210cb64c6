import SeededRandom
import Testing
@testable import PlotLayout

/// Label text: exact, shortest, `−` for negatives, plain to 9999, k/M/G/T from 10,000,
/// scientific below 1e-4 and from 1e15.
struct NumberFormatTests {
    @Test(arguments: [
        // Binary noise never shows; zero is never negative.
        (0.1 + 0.2, 0.1, "0.3"),
        (0.30000000000000004, 0.1 + 0.2, "0.3"),
        (-0.0, 1, "0"),
        (1e-17, 0.1, "0"),
        (-1e-17, 0.1, "0"),
        (0.7 + 0.1, 0.1, "0.8"),
        (0.5, 0.25, "0.5"),
        (0.75, 0.25, "0.75"),
        (2.5, 2.5, "2.5"),
        (1.0000000000000002, 0.2, "1"),
        // Negatives use U+2212.
        (-10, 10, "−10"),
        (-0.2, 0.2, "−0.2"),
        (-2.5e-7, 5e-8, "−2.5e-7"),
        // Small: plain down to 1e-4, scientific below, ASCII hyphen in the exponent.
        (0.001, 0.001, "0.001"),
        (0.0001, 0.0001, "0.0001"),
        (0.00015, 0.00005, "0.00015"),
        (0.00001, 0.00001, "1e-5"),
        (1e-7, 1e-7, "1e-7"),
        (1.5e-9, 5e-10, "1.5e-9"),
        // Large: plain to 9999 …
        (2000, 500, "2000"),
        (2500, 500, "2500"),
        (1200, 200, "1200"),
        (9999, 1, "9999"),
        // … suffixed from 10,000 when no longer than the digits at the step's precision.
        (10000, 2500, "10k"),
        (12500, 2500, "12.5k"),
        (12000, 200, "12k"),
        (12345, 1, "12345"),
        (10010, 5, "10010"),
        (250_000, 50_000, "250k"),
        (1_000_000, 200_000, "1M"),
        (3_400_000, 200_000, "3.4M"),
        (1_250_000, 50_000, "1.25M"),
        (7e9, 1e9, "7G"),
        (2.5e12, 5e11, "2.5T"),
        (999e12, 1e12, "999T"),
        (1e9 + 0.2, 0.2, "1000000000.2"),
        (1e9, 0.2, "1000000000"),
        (-12500, 2500, "−12.5k"),
        // Scientific from 1e15.
        (1e15, 1e15, "1e15"),
        (2.5e15, 5e14, "2.5e15"),
        (-3e20, 1e20, "−3e20"),
        (1e308, 1e307, "1e308"),
        // Values far finer than the step round to it; a bad step falls back to 12 digits.
        (3.14159, 0.1, "3.1"),
        (3.14159, 0, "3.14159"),
        (3.14159, .nan, "3.14159"),
        (3.14159, -1, "3.14159"),
        (.nan, 1, "NaN"),
        (.infinity, 1, "∞"),
        (-.infinity, 1, "−∞"),
    ] as [(Double, Double, String)])
    func tick(_ value: Double, _ step: Double, _ expected: String) {
        #expect(NumberFormat.tick(value, step: step) == expected)
    }

    @Test(arguments: [
        (33.33333, 3, "33.3"),
        (66.66667, 3, "66.7"),
        (0.1 + 0.2, 6, "0.3"),
        (100, 3, "100"),
        (5, 3, "5"),
        (0, 3, "0"),
        (-0.0, 3, "0"),
        (2500, 3, "2500"),
        (9999.4, 4, "9999"),
        (9999.6, 4, "10000"),  // rounds up to 10000 at unit precision: "10.000k" would be longer
        (9999.6, 2, "10k"),
        (12345.678, 3, "12.3k"),
        (99999, 3, "100k"),
        (123456, 6, "123456"),
        (1_234_567, 2, "1.2M"),
        (-1_234_567, 3, "−1.23M"),
        (0.000123, 3, "0.000123"),
        (-0.000012345, 2, "−1.2e-5"),
        (1e20, 3, "1e20"),
        (2.5e-300, 3, "2.5e-300"),
        (.leastNonzeroMagnitude, 3, "4.94e-324"),
        (1.7976931348623157e308, 4, "1.798e308"),
        (3.14159, 0, "3"),
        (3.14159, 99, "3.14159"),
        (.nan, 3, "NaN"),
        (.infinity, 3, "∞"),
    ] as [(Double, Int, String)])
    func value(_ value: Double, _ significant: Int, _ expected: String) {
        #expect(NumberFormat.value(value, significant: significant) == expected)
    }

    @Test(arguments: [(0.1, -1), (0.25, -2), (200, 2), (2.5, -1), (0.1 + 0.2, -1), (5e-9, -9), (1e300, 300), (123.456, -3)] as [(Double, Int)])
    func lastDigitExponent(_ step: Double, _ expected: Int) {
        #expect(NumberFormat.lastDigitExponent(of: step) == expected)
    }

    /// Every label of every tick on a sweep of ranges reads back to its value (the parse of
    /// the text is the nearest double, as is the value; a value clamped into a domain may
    /// differ by a few ulps), and `NumberFormat.tick` agrees with the label the ticker made.
    @Test func labelsAreExact() {
        var rng = SplitMix64(seed: 7)
        var checked = 0
        for _ in 0..<3000 {
            let exponent = Int.random(in: -12...18, using: &rng)
            let scale = AxisMath.pow10(exponent)
            let a = Double.random(in: -1...1, using: &rng) * scale
            let b = a + Double.random(in: 0.01...5, using: &rng) * scale
            let target = Int.random(in: 2...12, using: &rng)
            let result = NiceTicks.linear(min: a, max: b, targetCount: target, extend: Bool.random(using: &rng))
            #expect(result.ticks.count >= 2)
            let step = result.ticks[1].value - result.ticks[0].value
            for t in result.ticks {
                guard let parsed = AxisTestSupport.parse(t.label) else {
                    Issue.record("unparsable label \(t.label)")
                    continue
                }
                let tolerance = step * 1e-9 + 4 * AxisTestSupport.ulp(t.value)
                #expect(abs(parsed - t.value) <= tolerance, "\(t.label) vs \(t.value)")
                #expect(NumberFormat.tick(t.value, step: step) == t.label, "\(t.value) step \(step)")
                #expect(!t.label.contains("-") || t.label.contains("e-"), "hyphen minus in \(t.label)")
                checked += 1
            }
            #expect(Set(result.ticks.map(\.label)).count == result.ticks.count, "duplicate labels")
        }
        #expect(checked > 10000)
    }

    /// value() output reads back within its significant digits.
    @Test func valuesReadBack() {
        var rng = SplitMix64(seed: 11)
        for _ in 0..<3000 {
            let x = Double.random(in: -1...1, using: &rng) * AxisMath.pow10(Int.random(in: -30...30, using: &rng))
            let digits = Int.random(in: 1...10, using: &rng)
            let text = NumberFormat.value(x, significant: digits)
            guard let parsed = AxisTestSupport.parse(text) else {
                Issue.record("unparsable \(text)")
                continue
            }
            #expect(abs(parsed - x) <= abs(x) * AxisMath.pow10(1 - digits), "\(x) sig \(digits) -> \(text)")
        }
    }
}
