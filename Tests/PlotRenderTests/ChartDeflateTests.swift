import CDeflate
@testable import PlotRender
import PlotLayout
import PlotSpec
import PNGTestSupport
import Testing

/// plotgate's own deflate must produce streams any inflater accepts and that give back the
/// input exactly; checked with libdeflate's decompressor (an independent implementation) on
/// inputs that reach every path: runs around the 258-byte match limit, far and near matches,
/// incompressible data (stored blocks), tiny inputs (fixed codes) and many blocks.
@Suite struct ChartDeflateTests {
    private func inflate(_ stream: [UInt8], expectedCount: Int) -> [UInt8]? {
        let decompressor = libdeflate_alloc_decompressor()
        defer { libdeflate_free_decompressor(decompressor) }
        var out = [UInt8](repeating: 0, count: expectedCount)
        var actual = 0
        let result = out.withUnsafeMutableBytes { dst in
            stream.withUnsafeBytes { src in
                libdeflate_zlib_decompress(decompressor, src.baseAddress, src.count, dst.baseAddress, dst.count, &actual)
            }
        }
        guard result == LIBDEFLATE_SUCCESS, actual == expectedCount else { return nil }
        return out
    }

    private func render(_ query: String, _ options: PNGEncoder.Options) throws -> [UInt8] {
        let spec = try QueryDecoder().decode(query)
        var renderer = Renderer()
        renderer.pngOptions = options
        return try renderer.render(ChartLayout.scene(for: spec, measurer: Renderer.measurer), format: .png).bytes
    }

    /// A small deterministic generator (xorshift64*), enough for test data.
    private struct Noise {
        var state: UInt64
        mutating func next() -> UInt64 {
            state ^= state >> 12; state ^= state << 25; state ^= state >> 27
            return state &* 0x2545_F491_4F6C_DD1D
        }
    }

    private func expectRoundTrip(_ input: [UInt8], _ what: String) {
        let stream = ChartDeflate.zlib(input)
        #expect(inflate(stream, expectedCount: input.count) == input, "\(what): \(input.count) bytes")
    }

    @Test func emptyAndTinyInputs() {
        expectRoundTrip([], "empty")
        for n in 1...9 { expectRoundTrip((0..<n).map { UInt8($0 * 37 & 0xFF) }, "distinct") }
        for n in 1...9 { expectRoundTrip([UInt8](repeating: 7, count: n), "repeated") }
    }

    /// Runs are cut into 258-byte matches without ever leaving a 1- or 2-byte remainder.
    @Test func runsAroundTheMatchLimit() {
        for length in [3, 4, 257, 258, 259, 260, 261, 262, 516, 517, 518, 519, 258 * 32 - 1, 258 * 32,
                       258 * 32 + 1, 258 * 32 + 2, 100_000] {
            for byte: UInt8 in [0, 0xFF] {
                expectRoundTrip([1, 2] + [UInt8](repeating: byte, count: length) + [3], "run \(length) of \(byte)")
            }
        }
    }

    /// Incompressible input comes out as stored blocks: never more than a few bytes larger,
    /// including inputs beyond one stored block's 65,535 bytes.
    @Test func incompressibleInputIsStored() {
        var random = Noise(state: 7)
        for count in [100, 65_535, 65_536, 200_001] {
            let input = (0..<count).map { _ in UInt8(truncatingIfNeeded: random.next()) }
            let stream = ChartDeflate.zlib(input)
            #expect(inflate(stream, expectedCount: count) == input)
            #expect(stream.count <= count + 6 + 6 * (count / 65_535 + count / ChartDeflate.blockTokens + 2))
        }
    }

    /// Chart-like scanlines: runs, rows repeating at a distance, short repeated patterns and
    /// noise, long enough for many blocks and matches at every distance up to 32 KB.
    @Test func mixedDataOverManyBlocks() {
        var random = Noise(state: 11)
        var input: [UInt8] = []
        let pattern = (0..<40).map { _ in UInt8(truncatingIfNeeded: random.next()) }
        while input.count < 600_000 {
            switch random.next() % 5 {
            case 0: input += [UInt8](repeating: UInt8(truncatingIfNeeded: random.next()), count: Int(random.next() % 2000))
            case 1: input += pattern[0..<Int(random.next() % 40)]
            case 2:
                let distance = min(input.count, Int(random.next() % 32_768) + 1)
                let length = Int(random.next() % 300)
                for _ in 0..<length where distance > 0 { input.append(input[input.count - distance]) }
            default: input += (0..<Int(random.next() % 500)).map { _ in UInt8(truncatingIfNeeded: random.next() % 7) }
            }
        }
        expectRoundTrip(input, "mixed")
        #expect(ChartDeflate.zlib(input).count < input.count / 2)
    }

    /// Many small generated inputs (0 to 20,000 bytes) of every mix, each round-tripped: block
    /// boundaries, matches reaching back to the first byte, runs ending at the end.
    @Test func generatedInputsRoundTrip() {
        var random = Noise(state: 0x5EED)
        for _ in 0..<300 {
            let target = Int(random.next() % 20_000)
            var input: [UInt8] = []
            let alphabet = 1 + Int(random.next() % 255)
            while input.count < target {
                let length = 1 + Int(random.next() % 600)
                switch random.next() % 4 {
                case 0: input += [UInt8](repeating: UInt8(truncatingIfNeeded: random.next()), count: length)
                case 1 where !input.isEmpty:
                    let from = Int(random.next() % UInt64(input.count))
                    for k in 0..<length { input.append(input[from + k % (input.count - from)]) }
                default: input += (0..<length).map { _ in UInt8(truncatingIfNeeded: random.next() % UInt64(alphabet)) }
                }
            }
            input = Array(input.prefix(target))
            expectRoundTrip(input, "generated")
        }
    }

    /// The reference charts (bench/suite) compress at least as well as with libdeflate at
    /// level 1, the compressor ChartDeflate replaced (its raison d'être is speed, not size).
    @Test(arguments: ["R1", "R2", "R3", "R4", "R5"])
    func referenceChartsAreNoLargerThanWithLibdeflate(chart: String) throws {
        let query = try Fixtures.suiteQuery(chart)
        var ours = PNGEncoder.Options()
        ours.compressor = .chart
        var theirs = PNGEncoder.Options()
        theirs.compressor = .libdeflate(level: 1)
        let a = try render(query, ours)
        let b = try render(query, theirs)
        #expect(try DecodedImage(png: a).rgba == DecodedImage(png: b).rgba)
        #expect(Double(a.count) <= Double(b.count) * 1.02, "\(chart): \(a.count) bytes against libdeflate's \(b.count)")
    }
}
