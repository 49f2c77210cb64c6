import Testing
@testable import PlotLayout

/// Linear ticks: step choice (1-2-5, at most targetCount + 1 ticks), domain widening, labels.
struct LinearTicksTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var min: Double, max: Double, target: Int, extend: Bool
        var domain: ClosedRange<Double>
        var labels: [String]
        var testDescription: String { "\(min)…\(max) target \(target) extend \(extend)" }
    }

    static let cases: [Case] = [
        // The brief's anchors, which also match matplotlib's MaxNLocator.
        Case(min: 0, max: 100, target: 6, extend: true, domain: 0...100, labels: ["0", "20", "40", "60", "80", "100"]),
        Case(min: 0, max: 200, target: 5, extend: true, domain: 0...200, labels: ["0", "50", "100", "150", "200"]),
        Case(min: 0, max: 97, target: 6, extend: true, domain: 0...100, labels: ["0", "20", "40", "60", "80", "100"]),
        Case(min: 0, max: 1, target: 10, extend: true, domain: 0...1,
             labels: ["0", "0.1", "0.2", "0.3", "0.4", "0.5", "0.6", "0.7", "0.8", "0.9", "1"]),
        // 0.05 is on the 1-2-5 ladder (5 × 10^-2); 0.025 (2.5) would not be.
        Case(min: 0.1, max: 0.3, target: 5, extend: true, domain: 0.1...0.3, labels: ["0.1", "0.15", "0.2", "0.25", "0.3"]),
        Case(min: 0.1, max: 0.3, target: 2, extend: true, domain: 0.1...0.3, labels: ["0.1", "0.2", "0.3"]),
        Case(min: 0.12, max: 0.87, target: 4, extend: true, domain: 0...1, labels: ["0", "0.5", "1"]),
        // Negative ranges and ranges crossing zero: U+2212 minus, no "-0".
        Case(min: -37, max: -3, target: 5, extend: true, domain: -40...0, labels: ["−40", "−30", "−20", "−10", "0"]),
        Case(min: -100, max: 0, target: 6, extend: true, domain: -100...0, labels: ["−100", "−80", "−60", "−40", "−20", "0"]),
        Case(min: -7, max: 12, target: 6, extend: true, domain: -10...15, labels: ["−10", "−5", "0", "5", "10", "15"]),
        Case(min: -10, max: 10, target: 2, extend: true, domain: -10...10, labels: ["−10", "0", "10"]),
        Case(min: -0.3, max: 0.3, target: 6, extend: true, domain: -0.3...0.3,
             labels: ["−0.3", "−0.2", "−0.1", "0", "0.1", "0.2", "0.3"]),
        // Small magnitudes: plain down to 1e-4, scientific below.
        Case(min: 0, max: 0.004, target: 4, extend: true, domain: 0...0.004, labels: ["0", "0.001", "0.002", "0.003", "0.004"]),
        Case(min: 0, max: 3e-9, target: 5, extend: true, domain: 0...3e-9, labels: ["0", "1e-9", "2e-9", "3e-9"]),
        Case(min: 1e-7, max: 4e-7, target: 3, extend: true, domain: 1e-7...4e-7, labels: ["1e-7", "2e-7", "3e-7", "4e-7"]),
        Case(min: 0, max: 1e-300, target: 5, extend: true, domain: 0...1e-300,
             labels: ["0", "2e-301", "4e-301", "6e-301", "8e-301", "1e-300"]),
        // Large magnitudes: plain to 9999, then k/M/G/T, scientific from 1e15.
        Case(min: 0, max: 8000, target: 4, extend: true, domain: 0...8000, labels: ["0", "2000", "4000", "6000", "8000"]),
        Case(min: 0, max: 12000, target: 6, extend: true, domain: 0...12000,
             labels: ["0", "2000", "4000", "6000", "8000", "10k", "12k"]),
        Case(min: 0, max: 50000, target: 5, extend: true, domain: 0...50000, labels: ["0", "10k", "20k", "30k", "40k", "50k"]),
        Case(min: 10000, max: 15000, target: 2, extend: true, domain: 10000...15000, labels: ["10k", "15k"]),
        Case(min: 10000, max: 15000, target: 4, extend: true, domain: 10000...16000, labels: ["10k", "12k", "14k", "16k"]),
        Case(min: 0, max: 3.4e6, target: 4, extend: true, domain: 0...4e6, labels: ["0", "1M", "2M", "3M", "4M"]),
        Case(min: 1.2e6, max: 1.8e6, target: 6, extend: true, domain: 1.2e6...1.8e6,
             labels: ["1.2M", "1.3M", "1.4M", "1.5M", "1.6M", "1.7M", "1.8M"]),
        Case(min: 0, max: 4e9, target: 4, extend: true, domain: 0...4e9, labels: ["0", "1G", "2G", "3G", "4G"]),
        Case(min: 0, max: 3.7e12, target: 5, extend: true, domain: 0...4e12, labels: ["0", "1T", "2T", "3T", "4T"]),
        Case(min: 0, max: 5e15, target: 5, extend: true, domain: 0...5e15, labels: ["0", "1e15", "2e15", "3e15", "4e15", "5e15"]),
        // Precision far below the magnitude: every label plain and distinct, never `1G` beside `1000000000.2`.
        Case(min: 1e9, max: 1e9 + 1, target: 5, extend: true, domain: 1e9...(1e9 + 1),
             labels: ["1000000000", "1000000000.2", "1000000000.4", "1000000000.6", "1000000000.8", "1000000001"]),
        // extend off: ticks inside only, domain unchanged.
        Case(min: 3, max: 97, target: 6, extend: false, domain: 3...97, labels: ["20", "40", "60", "80"]),
        Case(min: 0.1, max: 0.9, target: 2, extend: false, domain: 0.1...0.9, labels: ["0.2", "0.4", "0.6", "0.8"]),
        Case(min: 0.31, max: 0.39, target: 2, extend: false, domain: 0.31...0.39, labels: ["0.32", "0.34", "0.36", "0.38"]),
        Case(min: -7, max: 12, target: 6, extend: false, domain: -7...12, labels: ["−5", "0", "5", "10"]),
        // Swapped ends behave like the sorted ones.
        Case(min: 100, max: 0, target: 6, extend: true, domain: 0...100, labels: ["0", "20", "40", "60", "80", "100"]),
        // Degenerate input.
        Case(min: 5, max: 5, target: 5, extend: true, domain: 4...6, labels: ["4", "4.5", "5", "5.5", "6"]),
        Case(min: 5, max: 5, target: 5, extend: false, domain: 4...6, labels: ["4", "4.5", "5", "5.5", "6"]),
        Case(min: 0, max: 0, target: 5, extend: true, domain: -1...1, labels: ["−1", "−0.5", "0", "0.5", "1"]),
        Case(min: -250, max: -250, target: 4, extend: true, domain: -300...(-200), labels: ["−300", "−250", "−200"]),
        Case(min: .nan, max: 1, target: 5, extend: true, domain: 0...1, labels: ["0", "0.2", "0.4", "0.6", "0.8", "1"]),
        Case(min: 0, max: .nan, target: 5, extend: true, domain: 0...1, labels: ["0", "0.2", "0.4", "0.6", "0.8", "1"]),
        Case(min: -.infinity, max: .infinity, target: 5, extend: true, domain: 0...1,
             labels: ["0", "0.2", "0.4", "0.6", "0.8", "1"]),
        Case(min: 3, max: .infinity, target: 2, extend: false, domain: 0...1, labels: ["0", "0.5", "1"]),
        Case(min: -1e308, max: 1e308, target: 5, extend: true, domain: -1e308...1e308,
             labels: ["−1e308", "−5e307", "0", "5e307", "1e308"]),
        Case(min: -1.7e308, max: 1.7e308, target: 5, extend: true, domain: -1e308...1e308,
             labels: ["−1e308", "−5e307", "0", "5e307", "1e308"]),
        Case(min: 0, max: 1e308, target: 5, extend: true, domain: 0...1e308,
             labels: ["0", "2e307", "4e307", "6e307", "8e307", "1e308"]),
        Case(min: 1.7e308, max: 1.7e308, target: 5, extend: true, domain: 8e307...1e308,
             labels: ["8e307", "8.5e307", "9e307", "9.5e307", "1e308"]),
        Case(min: .leastNonzeroMagnitude * 2024, max: .leastNonzeroMagnitude * 2024, target: 5, extend: true, domain: -1...1, labels: ["−1", "−0.5", "0", "0.5", "1"]),
    ]

    @Test(arguments: cases)
    func table(_ c: Case) {
        let result = NiceTicks.linear(min: c.min, max: c.max, targetCount: c.target, extend: c.extend)
        #expect(AxisTestSupport.labels(result.ticks) == c.labels)
        #expect(result.domain == c.domain)
    }

    /// Tick values are the doubles nearest their decimal labels: 0.3 is the literal 0.3, not 3 × 0.1.
    @Test func valuesAreTheNearestDoubles() {
        let ticks = NiceTicks.linear(min: 0, max: 1, targetCount: 10, extend: true).ticks
        #expect(ticks.map(\.value) == [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1])
        let big = NiceTicks.linear(min: 0, max: 1e24, targetCount: 2, extend: true).ticks
        #expect(big.map(\.value) == [0, 5e23, 1e24])
    }

    /// Data sitting a few ulps off a tick keeps that tick as the domain end.
    @Test func noiseAtTheEndsIsAbsorbed() {
        let result = NiceTicks.linear(min: 0.1 + 0.2, max: 0.7 + 0.1 + 0.1, targetCount: 6, extend: true)
        #expect(result.domain == 0.3...0.9)
        let inside = NiceTicks.linear(min: 0.1 + 0.2, max: 0.9, targetCount: 6, extend: false)
        #expect(inside.ticks.first?.label == "0.3")
        #expect(inside.ticks.allSatisfy { inside.domain.contains($0.value) })
    }

    /// Extending and then asking again for the widened domain must give the same ticks — the
    /// layout does exactly that, and a changed step would leave the axis ends without ticks.
    @Test(arguments: [(0.0, 97.0), (1, 101), (-3.3, 47.1), (0.0013, 0.0291), (12_345, 98_765), (-1e-7, 3e-6), (2.2, 2.3)])
    func extendThenRerunIsStable(_ range: (Double, Double)) {
        for target in 2...12 {
            let wide = NiceTicks.linear(min: range.0, max: range.1, targetCount: target, extend: true)
            let again = NiceTicks.linear(min: wide.domain.lowerBound, max: wide.domain.upperBound, targetCount: target, extend: false)
            #expect(again.ticks == wide.ticks, "target \(target)")
            #expect(again.domain == wide.domain)
        }
    }

    /// Count bounds for every target on a spread of ranges: ≥ 2, ≤ targetCount + 1 when extending;
    /// without extend a range between ticks may need a denser step, still ≤ 2 × targetCount here.
    @Test(arguments: [(0.0, 1.0), (0, 7), (3, 3.5), (-1, 1), (0, 1e6), (17, 1_023), (-0.004, 0.019)])
    func countsStayInBudget(_ range: (Double, Double)) {
        for target in 2...20 {
            for extend in [true, false] {
                let ticks = NiceTicks.linear(min: range.0, max: range.1, targetCount: target, extend: extend).ticks
                #expect(ticks.count >= 2)
                #expect(ticks.count <= (extend ? target + 1 : 2 * target), "target \(target) extend \(extend): \(ticks.map(\.label))")
            }
        }
    }
}
