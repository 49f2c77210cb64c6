import SeededRandom
import Testing
@testable import PlotLayout

/// Thousands of random (min, max, target) triples, special values included: nothing traps and
/// every result keeps the invariants the layout relies on.
struct NeverTrapTests {
    static let specials: [Double] = [
        0, -0.0, 1, -1, 5, 1e-300, -1e-300, 1e308, -1e308, .greatestFiniteMagnitude, -.greatestFiniteMagnitude,
        .leastNonzeroMagnitude, .leastNormalMagnitude, .infinity, -.infinity, .nan, 1e9, 1e9 + 1, 1e15, 0.1, 0.3,
        -62_135_596_800, 253_402_300_799, 1_714_739_400,
    ]

    static func randomValue(_ rng: inout SplitMix64) -> Double {
        switch rng.next() % 4 {
        case 0: return specials[Int(rng.next() % UInt64(specials.count))]
        case 1: return Double(bitPattern: rng.next())  // any double, NaN payloads included
        case 2: return Double.random(in: -1...1, using: &rng) * AxisMath.pow10(Int.random(in: -20...20, using: &rng))
        default: return Double(Int.random(in: -1000...1000, using: &rng))
        }
    }

    static func randomTarget(_ rng: inout SplitMix64) -> Int {
        [Int.min, -1, 0, 1, 2, 3, 5, 6, 8, 10, 50, 1000, Int.max][Int(rng.next() % 13)]
    }

    @Test func linear() {
        var rng = SplitMix64(seed: 2024)
        for _ in 0..<4000 {
            let a = Self.randomValue(&rng), b = Self.randomValue(&rng)
            let target = Self.randomTarget(&rng)
            for extend in [true, false] {
                let r = NiceTicks.linear(min: a, max: b, targetCount: target, extend: extend)
                check(r, "linear \(a) \(b) \(target) \(extend)")
                #expect(r.ticks.count >= 2)
                #expect(r.ticks.count <= Swift.max(2 * Swift.min(Swift.max(target, 2), 100), 5))
                if extend {
                    #expect(r.ticks.count <= Swift.min(Swift.max(target, 2), 100) + 1)
                    #expect(r.domain.lowerBound == r.ticks.first!.value && r.domain.upperBound == r.ticks.last!.value)
                    if a.isFinite && b.isFinite && Swift.max(abs(a), abs(b)) <= 1e308 {
                        #expect(r.domain.lowerBound <= Swift.min(a, b) || Swift.min(a, b) - r.domain.lowerBound <= abs(a - b) * 1e-9)
                    }
                }
            }
        }
    }

    @Test func log() {
        var rng = SplitMix64(seed: 99)
        for _ in 0..<4000 {
            let a = Self.randomValue(&rng), b = Self.randomValue(&rng)
            let target = Self.randomTarget(&rng)
            for extend in [true, false] {
                let r = NiceTicks.log(min: a, max: b, targetCount: target, extend: extend)
                check(r, "log \(a) \(b) \(target) \(extend)")
                #expect(r.domain.lowerBound > 0)
                #expect(r.ticks.count >= 2)
                #expect(r.ticks.allSatisfy { $0.value > 0 })
            }
        }
    }

    @Test func time() {
        var rng = SplitMix64(seed: 7_777)
        for _ in 0..<4000 {
            var a = Self.randomValue(&rng), b = Self.randomValue(&rng)
            if rng.next() % 2 == 0 {  // also plenty of realistic spans
                a = 1_714_739_400 + Double.random(in: -1e9...1e9, using: &rng)
                b = a + Double.random(in: 0...1, using: &rng) * AxisMath.pow10(Int.random(in: 0...10, using: &rng))
            }
            let target = Self.randomTarget(&rng)
            for extend in [true, false] {
                let r = TimeTicks.ticks(min: a, max: b, targetCount: target, extend: extend)
                check(r, "time \(a) \(b) \(target) \(extend)")
                #expect(!r.ticks.isEmpty || (!extend && abs(a - b) < 2), "time \(a) \(b) \(target) \(extend)")
                #expect(r.ticks.count <= Swift.min(Swift.max(target, 2), 100) + 1 || !extend)
                #expect(r.ticks.allSatisfy { !$0.label.isEmpty })
            }
        }
    }

    @Test func formattingAndScales() {
        var rng = SplitMix64(seed: 5)
        for _ in 0..<4000 {
            let v = Self.randomValue(&rng), step = Self.randomValue(&rng)
            #expect(!NumberFormat.tick(v, step: step).isEmpty)
            #expect(!NumberFormat.value(v, significant: Self.randomTarget(&rng)).isEmpty)
            _ = TimeTicks.label(v)
            let lo = Self.randomValue(&rng), hi = Self.randomValue(&rng)
            guard !lo.isNaN, !hi.isNaN else { continue }
            let domain = Swift.min(lo, hi)...Swift.max(lo, hi)
            let linear = LinearScale(domain: domain, from: 0, to: 500)
            let log = LogScale(domain: domain, from: 500, to: 0)
            if v.isFinite && lo.isFinite && hi.isFinite {
                #expect(!linear(v).isNaN, "linear \(domain) \(v)")
                #expect(log(v).isFinite, "log \(domain) \(v)")
            }
        }
    }

    /// Shared invariants: finite non-empty domain; finite, strictly increasing ticks inside it;
    /// labels non-empty and free of binary noise.
    private func check(_ r: (domain: ClosedRange<Double>, ticks: [Tick]), _ context: String) {
        #expect(r.domain.lowerBound.isFinite && r.domain.upperBound.isFinite, "\(context)")
        #expect(r.domain.lowerBound < r.domain.upperBound, "\(context)")
        for (i, t) in r.ticks.enumerated() {
            #expect(t.value.isFinite, "\(context)")
            #expect(r.domain.contains(t.value), "\(context): \(t.value) outside \(r.domain)")
            #expect(!t.label.isEmpty && !t.label.contains("0000000000001") && !t.label.contains("9999999999"), "\(context): \(t.label)")
            if i > 0 { #expect(r.ticks[i - 1].value < t.value, "\(context): not increasing") }
        }
    }
}
