import SeededRandom
import Testing
@testable import PlotSpec

/// No input may trap the decoder: random bytes and mutations of valid queries must each either
/// decode or throw a `SpecError`. Seeded, so any failure reproduces.
@Suite struct TotalityTests {
    /// Bytes that matter to the grammar, so mutations reach deep into the parsers.
    static let alphabet = Array("%&=|,_.-+eE@#:TZ0123456789abcdefxXnNiIFf ".utf8)
        + [0x00, 0x0A, 0x7F, 0xC3, 0xA9, 0xFF, 0xE2, 0x82, 0xAC, 0xF0, 0x9F]
    static let names = Parameter.allSpellings + ["_", "_x", "tilte", "zz"]

    /// Every outcome must be sane: an error with a message and a 4xx status, or a spec within
    /// limits whose canonical query decodes to the same spec.
    func check(_ query: String, limits: Limits = .standard) {
        do {
            let spec = try decode(query, limits: limits)
            #expect(spec.width >= 8 && spec.width <= limits.maxSide)
            #expect(spec.pixelWidth * spec.pixelHeight <= limits.maxPixels)
            #expect(!spec.series.isEmpty && spec.series.count <= limits.maxSeries)
            #expect(spec.series.allSatisfy { $0.allSatisfy { !$0.isInfinite } })
            let canonical = spec.canonicalQuery
            do {
                let again = try decode(canonical, limits: limits)
                #expect(comparable(again) == comparable(spec), "\(query) -> \(canonical)")
            } catch {
                Issue.record("canonical query of \(query) does not decode: \(canonical): \(error)")
            }
        } catch {
            #expect(!error.message.isEmpty)
            #expect([400, 413, 414].contains(error.status))
        }
    }

    @Test func randomBytes() {
        var rng = SplitMix64(seed: 1)
        for _ in 0..<2_000 {
            let count = Int(rng.next() % 64)
            let bytes = (0..<count).map { _ in
                rng.next() % 4 == 0 ? UInt8(truncatingIfNeeded: rng.next()) : Self.alphabet[Int(rng.next() % UInt64(Self.alphabet.count))]
            }
            check(String(decoding: bytes, as: UTF8.self))
        }
    }

    @Test func randomItems() {
        var rng = SplitMix64(seed: 2)
        for _ in 0..<2_000 {
            let items = (0..<Int(rng.next() % 6)).map { _ -> String in
                let name = Self.names[Int(rng.next() % UInt64(Self.names.count))]
                let value = (0..<Int(rng.next() % 24)).map { _ in Self.alphabet[Int(rng.next() % UInt64(Self.alphabet.count))] }
                return name + "=" + String(decoding: value, as: UTF8.self)
            }
            check((items + (rng.next() % 2 == 0 ? ["d=1"] : [])).joined(separator: "&"))
        }
    }

    @Test func mutatedQueries() {
        var rng = SplitMix64(seed: 3)
        var decoded = 0
        for round in 0..<4_000 {
            var bytes = Array(sampleQueries[round % sampleQueries.count].utf8)
            for _ in 0...Int(rng.next() % 3) {
                let position = bytes.isEmpty ? 0 : Int(rng.next() % UInt64(bytes.count))
                let byte = Self.alphabet[Int(rng.next() % UInt64(Self.alphabet.count))]
                switch rng.next() % 3 {
                case 0: bytes.insert(byte, at: position)
                case 1: if !bytes.isEmpty { bytes.remove(at: position) }
                default: if !bytes.isEmpty { bytes[position] = byte }
                }
            }
            let query = String(decoding: bytes, as: UTF8.self)
            if (try? decode(query)) != nil { decoded += 1 }
            check(query)
        }
        // The mutations must not all be trivially rejected, or this test proves little.
        #expect(decoded > 400)
    }

    @Test func hostileShapes() {
        let big = 200_000
        let shapes = [
            String(repeating: "&", count: big),
            String(repeating: "%", count: big),
            String(repeating: "=", count: big),
            "d=" + String(repeating: "|", count: big),
            "d=" + String(repeating: ",", count: big),
            "d=" + String(repeating: "9", count: big),
            "d=1&title=" + String(repeating: "%00", count: 60_000),
            String(repeating: "a", count: big) + "=1",
            "d=1&x=" + String(repeating: "2024-05-01,", count: 10_000),
            "d=1&w=" + String(repeating: "9", count: big),
            "d=1&colors=" + String(repeating: "f", count: big),
            "d=1&x=@" + String(repeating: "9", count: big),
            "d=1&labels=" + String(repeating: "é|", count: 50_000),
        ]
        for q in shapes { check(q) }
    }
}
