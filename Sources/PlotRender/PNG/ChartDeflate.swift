import CDeflate
import Synchronization

/// plotgate's own deflate (zlib stream), made for chart scanlines.
///
/// A chart's filtered rows are mostly long runs of one byte (background, flat fills, rows
/// that repeat the one above filtered to zeros: 94% of R1's 720 KB). General-purpose
/// compressors pay per input byte even there: libdeflate at level 1 takes as long on a
/// buffer of zeros as on R1 itself, because it hashes every position. Here a run is measured
/// eight bytes at a time and sent as distance-1 matches without touching the hash table;
/// everything else goes through a greedy hash matcher (two positions per bucket, like the
/// fast levels of zlib and libdeflate), and each block gets the cheapest of dynamic, fixed or
/// stored coding. bench/README.md has the measurements (sizes and time against libdeflate).
enum ChartDeflate {
    /// Tokens per block: enough symbols for a dynamic header to pay off, few enough for the
    /// codes to follow the image's regions (text, lines, fills). Chosen by measurement.
    static let blockTokens = 4096

    private static let idle = Mutex<[Scratch]>([])

    /// `input` compressed as a zlib stream (RFC 1950): header, deflate blocks, Adler-32.
    static func zlib(_ input: [UInt8]) -> [UInt8] {
        let scratch = idle.withLock { $0.popLast() } ?? Scratch()
        defer { idle.withLock { $0.append(scratch) } }
        return input.withUnsafeBufferPointer { scratch.compress($0) }
    }

    /// The hash table and token buffer, reused from image to image (one per thread that ever
    /// compressed at the same time; a worker has one).
    private final class Scratch: @unchecked Sendable {
        /// Hash buckets of two positions each, indexed by the hash of three bytes; 2^14 buckets
        /// (128 KB) compress within 0.2% of 2^15 at the same speed (bench/README.md).
        static let hashBits = 14
        var table = [Int32](repeating: -1, count: 2 << hashBits)
        var tokens = [UInt32](repeating: 0, count: ChartDeflate.blockTokens + 64)
        let counters = UnsafeMutablePointer<UInt32>.allocate(capacity: BlockStatistics.storageCount)

        deinit { counters.deallocate() }

        func compress(_ input: UnsafeBufferPointer<UInt8>) -> [UInt8] {
            let n = input.count
            // Worst case: every block stored (5 bytes per 65,535 and per block), plus framing.
            let blocks = n / ChartDeflate.blockTokens + n / 65535 + 2
            let capacity = 2 + 4 + n + 6 * blocks + 16
            return [UInt8](unsafeUninitializedCapacity: capacity) { buffer, count in
                guard let base = buffer.baseAddress else { count = 0; return }
                base[0] = 0x78; base[1] = 0x01  // deflate, 32 KB window, fastest; (0x7801 % 31 == 0)
                var out = BitWriter(into: base + 2)
                table.withUnsafeMutableBufferPointer { table in
                    tokens.withUnsafeMutableBufferPointer { tokens in
                        table.update(repeating: -1)
                        var statistics = BlockStatistics(storage: counters)
                        Scratch.parse(input, table: table, tokens: tokens, statistics: &statistics, out: &out)
                    }
                }
                out.finish()
                var end = 2 + out.byteCount
                let adler = UInt32(libdeflate_adler32(1, input.baseAddress, n))
                for shift in [24, 16, 8, 0] as [UInt32] { base[end] = UInt8(truncatingIfNeeded: adler >> shift); end += 1 }
                count = end
            }
        }

        /// Greedy LZ77 over the whole input, one block written whenever the token buffer fills.
        /// Measured on the reference charts (bench/README.md): two positions per bucket and
        /// three-byte matches give files as small as libdeflate's level 1; the positions inside
        /// short matches are hashed too (scatter markers repeat at any offset).
        private static func parse(_ input: UnsafeBufferPointer<UInt8>, table: UnsafeMutableBufferPointer<Int32>,
                                  tokens: UnsafeMutableBufferPointer<UInt32>, statistics: inout BlockStatistics,
                                  out: inout BitWriter) {
            guard let src = input.baseAddress, input.count > 0 else {
                DeflateBlock.write(tokens: UnsafeBufferPointer(start: tokens.baseAddress, count: 0),
                                   statistics: &statistics, raw: input, final: true, to: &out)
                return
            }
            let n = input.count
            let limit = ChartDeflate.blockTokens
            var count = 0
            var blockStart = 0
            var i = 0
            func flush(final: Bool) {
                DeflateBlock.write(tokens: UnsafeBufferPointer(rebasing: tokens[0..<count]), statistics: &statistics,
                                   raw: UnsafeBufferPointer(rebasing: input[blockStart..<i]), final: final, to: &out)
                count = 0
                blockStart = i
            }
            @inline(__always) func slot(_ p: Int) -> Int {
                let three = UnsafeRawPointer(src + p).loadUnaligned(as: UInt32.self) & 0xFF_FFFF
                return Int((three &* 0x9E37_79B1) >> UInt32(32 - hashBits)) &* 2
            }
            @inline(__always) func insert(_ p: Int, at s: Int) {
                table[s + 1] = table[s]
                table[s] = Int32(truncatingIfNeeded: p)
            }
            while i < n {
                if count >= limit { flush(final: false) }
                // A run of the previous byte: distance-1 matches of up to 258 bytes, found eight
                // bytes at a time and never hashed.
                if i > 0 && src[i] == src[i - 1] {
                    let run = runLength(src + i, byte: src[i - 1], limit: min(n - i, 258 * 32))
                    if run >= 3 {
                        var left = run
                        while left >= 3 {
                            // Never leave 1 or 2 bytes behind: shorten the chunk instead.
                            let chunk = left <= 258 ? left : (left - 258 >= 3 ? 258 : left - 3)
                            tokens[count] = UInt32(chunk) << 16 | 1
                            statistics.countMatch(length: chunk, distance: 1)
                            count += 1
                            left -= chunk
                        }
                        i += run - left
                        continue
                    }
                }
                // Anything else: the longer match of the bucket's two positions, if any.
                // (Reading four bytes for a three-byte hash: i + 4 <= n.)
                if i + 4 <= n {
                    let s = slot(i)
                    let maxLength = min(258, n - i)
                    var bestLength = 0, bestDistance = 0
                    for way in 0..<2 {
                        let candidate = Int(table[s + way])
                        let distance = i - candidate
                        if candidate < 0 || distance > 32768 { continue }
                        let length = commonLength(src + candidate, src + i, limit: maxLength)
                        if length > bestLength { bestLength = length; bestDistance = distance }
                    }
                    insert(i, at: s)
                    if bestLength >= 3 {
                        tokens[count] = UInt32(bestLength) << 16 | UInt32(bestDistance)
                        statistics.countMatch(length: bestLength, distance: bestDistance)
                        count += 1
                        if bestLength <= 16 {
                            var k = i + 1
                            while k < i + bestLength && k + 4 <= n { insert(k, at: slot(k)); k += 1 }
                        }
                        i += bestLength
                        continue
                    }
                }
                tokens[count] = UInt32(src[i])
                statistics.countLiteral(src[i])
                count += 1
                i += 1
            }
            flush(final: true)
        }

        /// How many bytes from `p` equal `byte`, up to `limit`, eight at a time.
        @inline(__always)
        private static func runLength(_ p: UnsafePointer<UInt8>, byte: UInt8, limit: Int) -> Int {
            let pattern = UInt64(byte) &* 0x0101_0101_0101_0101
            var k = 0
            while k + 8 <= limit {
                let x = UnsafeRawPointer(p + k).loadUnaligned(as: UInt64.self) ^ pattern
                if x != 0 { return k + UInt64(littleEndian: x).trailingZeroBitCount / 8 }
                k += 8
            }
            while k < limit && p[k] == byte { k += 1 }
            return k
        }

        /// Length of the common prefix of `a` and `b`, up to `limit`, eight bytes at a time.
        @inline(__always)
        private static func commonLength(_ a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>, limit: Int) -> Int {
            var k = 0
            while k + 8 <= limit {
                let x = UnsafeRawPointer(a + k).loadUnaligned(as: UInt64.self)
                    ^ UnsafeRawPointer(b + k).loadUnaligned(as: UInt64.self)
                if x != 0 { return k + UInt64(littleEndian: x).trailingZeroBitCount / 8 }
                k += 8
            }
            while k < limit && a[k] == b[k] { k += 1 }
            return k
        }
    }
}
