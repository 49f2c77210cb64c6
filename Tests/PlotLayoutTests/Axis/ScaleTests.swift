import Testing
@testable import PlotLayout

/// Data -> pixel mappings.
struct ScaleTests {
    @Test func linearMapsEndsAndMiddle() {
        let s = LinearScale(domain: 0...10, from: 0, to: 100)
        #expect(s(0) == 0)
        #expect(s(10) == 100)
        #expect(s(5) == 50)
        #expect(s(-1) == -10)  // extrapolates; the renderer clips
        #expect(s(20) == 200)
    }

    /// A y axis maps downward: from = bottom pixel, to = top pixel.
    @Test func linearFlipped() {
        let s = LinearScale(domain: 0...10, from: 300, to: 100)
        #expect(s(0) == 300)
        #expect(s(10) == 100)
        #expect(s(2.5) == 250)
        #expect(s.invert(250) == 2.5)
    }

    @Test func linearRangeInit() {
        let s = LinearScale(domain: -1...1, range: 10...30)
        #expect(s(-1) == 10)
        #expect(s(0) == 20)
        #expect(s(1) == 30)
    }

    @Test func zeroWidthDomainMapsToTheMiddle() {
        let s = LinearScale(domain: 5...5, from: 100, to: 300)
        #expect(s(5) == 200)
        #expect(s(7) == 200)
        #expect(!s(-1e308).isNaN)
        let log = LogScale(domain: 10...10, from: 100, to: 300)
        #expect(log(10) == 200)
        #expect(log(1000) == 200)
    }

    @Test func hugeDomainsStayFinite() {
        let s = LinearScale(domain: -1e308...1e308, from: 0, to: 200)
        #expect(s(0) == 100)
        #expect(s(1e308) == 200)
        #expect(s(-1e308) == 0)
        #expect(s(Double.greatestFiniteMagnitude).isFinite)
        let narrow = LinearScale(domain: -1e307...(-9e306), from: 0, to: 100)
        #expect(narrow(1e308).isFinite)
        let infinite = LinearScale(domain: -Double.infinity...Double.infinity, from: 0, to: 100)
        #expect(infinite(3) == 50)
    }

    @Test func logMapsDecadesEvenly() {
        let s = LogScale(domain: 1...1000, from: 0, to: 300)
        #expect(s(1) == 0)
        #expect(s(1000) == 300)
        #expect(abs(s(10) - 100) < 1e-9)
        #expect(abs(s(100) - 200) < 1e-9)
        #expect(abs(s(31.622776601683793) - 150) < 1e-9)
        #expect(abs(s.invert(150) - 31.622776601683793) < 1e-9)
        let flipped = LogScale(domain: 0.01...100, from: 400, to: 0)
        #expect(flipped(0.01) == 400)
        #expect(abs(flipped(1) - 200) < 1e-9)
    }

    /// Non-positive data and domains never turn into NaN or infinity.
    @Test func logNonPositive() {
        let s = LogScale(domain: 1...100, from: 0, to: 100)
        #expect(s(0).isFinite && s(0) < 0)
        #expect(s(-5).isFinite && s(-5) < 0)
        #expect(s(.infinity).isFinite)
        let bad = LogScale(domain: -10...100, from: 0, to: 100)
        #expect(bad(1).isFinite)
        #expect(bad(100) == 100)
    }

    /// Both scales can be held as `any AxisScale`, as the layout does.
    @Test func heldAsExistential() {
        let scales: [any AxisScale] = [LinearScale(domain: 0...1, from: 0, to: 10), LogScale(domain: 1...10, from: 0, to: 10)]
        #expect(scales.map { $0(1) } == [10, 0])
    }
}
