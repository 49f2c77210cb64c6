import Testing
@testable import PlotLayout

/// Log ticks: decades labelled 1, 10, 100, 1k, …; 2× and 5× under 3 decades; strides for many.
struct LogTicksTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var min: Double, max: Double, target: Int, extend: Bool
        var domain: ClosedRange<Double>
        var labels: [String]
        var testDescription: String { "log \(min)…\(max) target \(target) extend \(extend)" }
    }

    static let cases: [Case] = [
        Case(min: 1, max: 1000, target: 6, extend: true, domain: 1...1000, labels: ["1", "10", "100", "1k"]),
        Case(min: 2, max: 900, target: 6, extend: true, domain: 1...1000, labels: ["1", "10", "100", "1k"]),
        Case(min: 1, max: 1e6, target: 6, extend: true, domain: 1...1e6, labels: ["1", "10", "100", "1k", "10k", "100k", "1M"]),
        Case(min: 1e3, max: 1e12, target: 10, extend: true, domain: 1e3...1e12,
             labels: ["1k", "10k", "100k", "1M", "10M", "100M", "1G", "10G", "100G", "1T"]),
        Case(min: 0.001, max: 1000, target: 6, extend: true, domain: 0.001...1000,
             labels: ["0.001", "0.01", "0.1", "1", "10", "100", "1k"]),
        Case(min: 1e-7, max: 1e-3, target: 6, extend: true, domain: 1e-7...1e-3,
             labels: ["1e-7", "1e-6", "1e-5", "0.0001", "0.001"]),
        Case(min: 1e14, max: 1e17, target: 6, extend: true, domain: 1e14...1e17, labels: ["100T", "1e15", "1e16", "1e17"]),
        // Fewer than 3 decades: 2× and 5× multiples, unless that passes 2 × target.
        Case(min: 3, max: 70, target: 6, extend: true, domain: 1...100, labels: ["1", "2", "5", "10", "20", "50", "100"]),
        Case(min: 3, max: 70, target: 3, extend: true, domain: 1...100, labels: ["1", "10", "100"]),
        Case(min: 1, max: 10, target: 4, extend: true, domain: 1...10, labels: ["1", "2", "5", "10"]),
        Case(min: 1500, max: 8000, target: 4, extend: true, domain: 1000...10000, labels: ["1k", "2k", "5k", "10k"]),
        Case(min: 3, max: 70, target: 6, extend: false, domain: 3...70, labels: ["5", "10", "20", "50"]),
        // Many decades: every 2nd, 5th, … decade, on multiples of the stride.
        Case(min: 1e-7, max: 1e20, target: 6, extend: true, domain: 1e-10...1e20,
             labels: ["1e-10", "1e-5", "1", "100k", "10G", "1e15", "1e20"]),
        Case(min: 1, max: 1e10, target: 5, extend: true, domain: 1...1e10, labels: ["1", "100", "10k", "1M", "100M", "10G"]),
        Case(min: 1e-300, max: 1e300, target: 3, extend: true, domain: 1e-300...1e300, labels: ["1e-300", "1", "1e300"]),
        Case(min: 5, max: 5e9, target: 5, extend: false, domain: 5...5e9, labels: ["100", "10k", "1M", "100M"]),
        // Narrow ranges without extend: multiples, then linear ticks.
        Case(min: 200, max: 300, target: 5, extend: false, domain: 200...300, labels: ["200", "300"]),
        Case(min: 210, max: 290, target: 5, extend: false, domain: 210...290, labels: ["220", "240", "260", "280"]),
        // Degenerate input.
        Case(min: 100, max: 100, target: 5, extend: true, domain: 10...1000, labels: ["10", "20", "50", "100", "200", "500", "1k"]),
        Case(min: 50, max: 50, target: 5, extend: false, domain: 10...100, labels: ["10", "20", "50", "100"]),
        Case(min: 0, max: 100, target: 5, extend: true, domain: 1e-4...100, labels: ["0.0001", "0.01", "1", "100"]),
        Case(min: -5, max: 100, target: 5, extend: true, domain: 1e-4...100, labels: ["0.0001", "0.01", "1", "100"]),
        Case(min: -5, max: -1, target: 5, extend: true, domain: 1...10, labels: ["1", "2", "5", "10"]),
        Case(min: .nan, max: 10, target: 5, extend: true, domain: 1...10, labels: ["1", "2", "5", "10"]),
        Case(min: 1, max: .infinity, target: 5, extend: true, domain: 1...10, labels: ["1", "2", "5", "10"]),
        Case(min: 1000, max: 10, target: 6, extend: true, domain: 10...1000, labels: ["10", "20", "50", "100", "200", "500", "1k"]),
        Case(min: 1e308, max: 1.7e308, target: 5, extend: true, domain: 1e299...1e300, labels: ["1e299", "2e299", "5e299", "1e300"]),
    ]

    @Test(arguments: cases)
    func table(_ c: Case) {
        let result = NiceTicks.log(min: c.min, max: c.max, targetCount: c.target, extend: c.extend)
        #expect(AxisTestSupport.labels(result.ticks) == c.labels)
        #expect(result.domain == c.domain)
    }

    @Test func valuesArePowersOfTen() {
        let ticks = NiceTicks.log(min: 1e-5, max: 1e5, targetCount: 12, extend: true).ticks
        #expect(ticks.map(\.value) == [1e-5, 1e-4, 1e-3, 1e-2, 0.1, 1, 10, 100, 1e3, 1e4, 1e5])
    }

    @Test(arguments: [(3.0, 70.0), (0.02, 5e4), (1e-7, 1e20), (7, 7), (1.5e3, 8e3)])
    func extendThenRerunIsStable(_ range: (Double, Double)) {
        for target in 2...12 {
            let wide = NiceTicks.log(min: range.0, max: range.1, targetCount: target, extend: true)
            let again = NiceTicks.log(min: wide.domain.lowerBound, max: wide.domain.upperBound, targetCount: target, extend: false)
            #expect(again.ticks == wide.ticks, "target \(target)")
        }
    }
}
