import SeededRandom
import Testing
@testable import PlotSpec

/// The fast fixed-point spelling must be exactly what `Double.description` writes whenever it
/// answers, so canonical forms (and ETags) do not depend on which path wrote a number.
@Suite struct FixedDecimalTests {
    private func spelled(_ v: Double) -> String? {
        var bytes: [UInt8] = []
        return FixedDecimal.append(v, to: &bytes) ? String(decoding: bytes, as: UTF8.self) : nil
    }

    @Test func spellsChartDataLikeDescription() {
        #expect(spelled(61.8) == "61.8")
        #expect(spelled(0.05) == "0.05")
        #expect(spelled(-3.125) == "-3.125")
        #expect(spelled(0.001) == "0.001")
        #expect(spelled(123456.789012) == "123456.789012")
    }

    @Test func leavesTheRestToDescription() {
        #expect(spelled(0.1 + 0.2) == nil)  // 0.30000000000000004 needs 17 digits
        #expect(spelled(0.0001) == nil)  // below the fixed-point range it answers for
        #expect(spelled(1e9) == nil)
        #expect(spelled(1.0 / 3) == nil)
    }

    @Test func agreesWithDescriptionOnRandomValues() {
        var rng = SplitMix64(seed: 0xF1DEC)
        let scales: [Double] = [1, 10, 100, 1000, 1e4, 1e5, 1e6, 1e7]
        var answered = 0
        for i in 0..<200_000 {
            let v: Double
            if i % 4 == 0 {
                v = Double.random(in: -2000...2000, using: &rng)
            } else {
                v = Double(Int.random(in: -999_999_999...999_999_999, using: &rng)) / scales[i % scales.count]
            }
            guard let text = spelled(v) else { continue }
            answered += 1
            #expect(text == v.description, "\(v)")
            if text != v.description { return }
        }
        #expect(answered > 100_000)
    }
}
