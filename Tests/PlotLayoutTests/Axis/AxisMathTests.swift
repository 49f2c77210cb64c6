import SeededRandom
import Testing
@testable import PlotLayout

/// The Foundation-free numeric helpers the axis code is built on.
struct AxisMathTests {
    @Test func powersOfTenAreTheLiterals() {
        #expect(AxisMath.pow10(0) == 1)
        #expect(AxisMath.pow10(-1) == 0.1)
        #expect(AxisMath.pow10(23) == 1e23)
        #expect(AxisMath.pow10(308) == 1e308)
        #expect(AxisMath.pow10(309) == .infinity)
        #expect(AxisMath.pow10(-400) == 0)
    }

    @Test(arguments: [(1.0, 0), (9.999, 0), (10, 1), (0.1, -1), (0.09999, -2), (1e308, 308), (1.7e308, 308),
                      (1e-300, -300), (Double.leastNonzeroMagnitude, -324), (123_456, 5)] as [(Double, Int)])
    func decimalExponent(_ x: Double, _ expected: Int) {
        #expect(AxisMath.decimalExponent(x) == expected)
    }

    @Test func decimalIsCorrectlyRounded() {
        #expect(AxisMath.decimal(3, exponent: -1) == 0.3)
        #expect(AxisMath.decimal(-7, exponent: -3) == -0.007)
        #expect(AxisMath.decimal(10, exponent: 307) == 1e308)
        #expect(AxisMath.decimal(25, exponent: -301) == 2.5e-300)
        #expect(AxisMath.decimal(123_456_789_012_345, exponent: -20) == 1.23456789012345e-6)
    }

    @Test func log10() {
        for (x, expected) in [(2.0, 0.30102999566398120), (3.0, 0.47712125471966244), (0.5, -0.30102999566398120),
                              (7e-200, -199.15490195998574), (1.7976931348623157e308, 308.25471555991675)] {
            #expect(abs(AxisMath.log10(x) - expected) <= abs(expected) * 4e-16 + 1e-16, "\(x)")
        }
        for e in -300...300 { #expect(AxisMath.log10(AxisMath.pow10(e)) == Double(e)) }
        #expect(AxisMath.log10(0) == -.infinity)
        #expect(AxisMath.log10(-1).isNaN)
        #expect(AxisMath.log10(Double.leastNonzeroMagnitude).isFinite)
    }

    @Test func pow10FractionInvertsLog10() {
        var rng = SplitMix64(seed: 3)
        for _ in 0..<2000 {
            let x = Double.random(in: 1...10, using: &rng) * AxisMath.pow10(Int.random(in: -290...290, using: &rng))
            let back = AxisMath.pow10Fraction(AxisMath.log10(x))
            // log10 of 1e290 carries an absolute error of ~ulp(290); exponentiating turns that
            // into a relative error growing with the exponent.
            let tolerance = x * 1e-15 * (10 + abs(AxisMath.log10(x)))
            #expect(abs(back - x) <= tolerance, "\(x)")
        }
    }

    @Test func snappingAbsorbsBinaryNoise() {
        #expect(AxisMath.snappedCeil(0.30000000000000004 / 0.1) == 3)
        #expect(AxisMath.snappedFloor(0.3 / 0.1) == 3)
        #expect(AxisMath.snappedFloor(2.5) == 2)
        #expect(AxisMath.snappedCeil(2.5) == 3)
        #expect(AxisMath.int(.nan, .down) == 0)
        #expect(AxisMath.int(1e300, .up) == 1 << 52)
        #expect(AxisMath.floorDiv(-7, 2) == -4)
        #expect(AxisMath.ceilDiv(-7, 2) == -3)
        #expect(AxisMath.floorMod(-7, 3) == 2)
    }
}
