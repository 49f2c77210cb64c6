import SeededRandom
import Testing
@testable import PlotSpec

/// The list fast path (`PlainDecimal`) must give exactly what `NumberSyntax.parse` gives, and
/// decline (so the full parser words the error) wherever it is not sure.
@Suite struct PlainDecimalTests {
    /// The fast path's value for `text` followed by `separator`, and where it stopped; nil
    /// when it declines.
    func fast(_ text: String, separator: String = "") -> (Double, Int)? {
        let bytes = Array((text + separator).utf8)
        let s = bytes.span
        var i = 0
        guard let v = PlainDecimal.parse(s, at: &i) else {
            #expect(i == 0, "a declined value must leave the position alone")
            return nil
        }
        return (v, i)
    }

    func slow(_ text: String) -> NumberSyntax.Outcome { NumberSyntax.parse(Array(text.utf8)[...]) }

    /// Whatever the fast path takes, it reads to the separator and agrees bit for bit with the
    /// full parser (and with the standard library, which rounds correctly).
    func check(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) {
        for separator in ["", ",", "|", ",1", "|2,3"] {
            guard let (v, end) = fast(text, separator: separator) else { continue }
            #expect(end == text.utf8.count, "\(text)", sourceLocation: sourceLocation)
            guard case .value(let reference) = slow(text) else {
                Issue.record("fast path took \(text), the full parser does not", sourceLocation: sourceLocation)
                return
            }
            #expect(v.bitPattern == reference.bitPattern, "\(text): \(v) vs \(reference)", sourceLocation: sourceLocation)
            if let library = Double(text) {
                #expect(v == library + 0, "\(text)", sourceLocation: sourceLocation)
            }
        }
    }

    @Test(arguments: [
        ("0", 0), ("-0", 0), ("0.0", 0), ("-0.000", 0), ("000", 0), ("1", 1), ("-1", -1), (".5", 0.5),
        ("5.", 5), ("-.5", -0.5), ("-5.", -5), ("0.1", 0.1), ("0.3", 0.3), ("61.8", 61.8), ("23.61", 23.61),
        ("007.50", 7.5), ("9007199254740992", 9007199254740992), ("0.9007199254740992", 0.9007199254740992),
        ("0.000000000000000001", 1e-18), ("-1.25", -1.25),
    ] as [(String, Double)])
    func takes(text: String, expected: Double) throws {
        let (v, end) = try #require(fast(text, separator: ","))
        #expect(v == expected)
        #expect(v.sign == .plus || v != 0, "zero must be +0")
        #expect(end == text.utf8.count)
        check(text)
    }

    /// Declined: not plain decimal syntax, or not sure to be exact (more than 19 digits,
    /// mantissa above 2^53), or not ending at a separator. The full parser decides these.
    @Test(arguments: ["", "_", "+1", "%2B1", "1e3", "1E3", "-", ".", "-.", "1..2", "1.2.3", "--1", "1-", "nan", "inf",
                      " 1", "1 ", "9007199254740993", "12345678901234567890", "0.30000000000000004", "1234567890123456789", "00000000000000000001",
                      "0.00000000000000000001", "2024-05-01", "@0", "1_0", "0x10", "١"])
    func declines(text: String) {
        #expect(fast(text, separator: ",") == nil, "\(text)")
        #expect(fast(text) == nil, "\(text)")
    }

    /// Many shapes of numbers, short and long: every one the fast path takes is exact.
    @Test func agreesWithFullParser() {
        var rng = SplitMix64(seed: 2026)
        func digits(_ n: Int) -> String { String((0..<n).map { _ in Character(String(rng.next() % 10)) }) }
        var taken = 0
        for _ in 0..<60_000 {
            let sign = rng.next() % 3 == 0 ? "-" : ""
            let whole = digits(Int(rng.next() % 21))
            let fraction = rng.next() % 4 == 0 ? "" : "." + digits(Int(rng.next() % 21))
            let text = sign + whole + fraction
            check(text)
            if fast(text) != nil { taken += 1 }
        }
        // Edge magnitudes: around 2^53, 19 digits, tiny and large values.
        for text in ["9007199254740991", "9007199254740992", "9007199254740993", "900719925474099.3", "9999999999999999999",
                     "999999999999999999.9", ".9999999999999999999", "0.0000000000000000001", "1797693134862315.7",
                     "4.9406564584124654", "2.2250738585072014", "123456789.123456789"] {
            check(text)
        }
        #expect(taken > 20_000, "the fast path should take most of these (took \(taken))")
    }

    /// Through the decoder: lists mixing fast and slow values decode as each value alone does,
    /// and the errors name the same value.
    @Test func listsMatchValueByValue() throws {
        let values = ["1", "-2.5", "_", "", "1e3", "%2B4", "0.1", "-0", "9007199254740993", "5.", ".5", "12345678901234567890"]
        let spec = try decode("d=" + values.joined(separator: ",") + "|" + values.reversed().joined(separator: ","))
        for (list, texts) in zip(spec.series, [values, values.reversed()]) {
            for (v, text) in zip(list, texts) {
                if text == "_" || text.isEmpty {
                    #expect(v.isNaN)
                } else {
                    #expect(v.bitPattern == (try decode("d=" + text).series[0][0]).bitPattern, "\(text)")
                }
            }
        }
        #expect(error(of: "d=1,2,3.5,4x,5")?.message == error(of: "d=4x")?.message)
        #expect(error(of: "d=1,2|3,1e999")?.message == error(of: "d=1e999")?.message)
        #expect(error(of: "type=scatter&d=1,2&x=2024-01-01,5")?.message == error(of: "type=scatter&d=1,2&x=2024-01-01,%2B5")?.message)
        #expect(error(of: "type=scatter&d=1,2&x=5,2024-01-01")?.code == .invalidValue)
    }
}

/// The word-at-a-time scans against their byte-by-byte definitions.
@Suite struct ByteScanTests {
    func bytes(_ s: String) -> [UInt8] { Array(s.utf8) }

    @Test func agreeWithBytewiseDefinitions() {
        var rng = SplitMix64(seed: 11)
        let alphabet = bytes("ab&&=%+,|cChHtT1.") + [0xC3, 0xA9]
        for _ in 0..<5_000 {
            let all = (0..<Int(rng.next() % 40)).map { _ in alphabet[Int(rng.next() % UInt64(alphabet.count))] }
            // Slices that do not start at 0, as the decoder's are.
            let offset = all.isEmpty ? 0 : Int(rng.next() % UInt64(all.count))
            let slice = all[offset...]

            var items = 0
            var afterAmp = true
            for b in slice { if b != ASCII.amp && afterAmp { items += 1 }; afterAmp = b == ASCII.amp }
            #expect(ByteScan.itemCount(slice) == items)

            let counts = ByteScan.separators(in: slice)
            #expect(counts.commas == slice.filter { $0 == ASCII.comma }.count)
            #expect(counts.bars == slice.filter { $0 == ASCII.bar }.count)

            var start = slice.startIndex
            while start <= slice.endIndex {
                let end = slice[start...].firstIndex(of: ASCII.amp) ?? slice.endIndex
                let segment = ByteScan.segment(in: slice, from: start)
                #expect(segment.end == end)
                #expect(segment.needsDecoding == slice[start..<end].contains { $0 == ASCII.percent || $0 == ASCII.plus })
                #expect(segment.isASCII == !slice[start..<end].contains { $0 >= 0x80 })
                start = end + 1
            }

            let text = String(decoding: slice, as: UTF8.self)
            #expect(ByteScan.mayContainCHT(text) == text.lowercased().contains("cht"))
        }
    }
}
