/// A canonical Huffman code (RFC 1951 §3.2.2) with a length limit, as deflate needs them.
///
/// Lengths come from the Moffat-Katajainen in-place algorithm on the symbols sorted by
/// frequency, then the longest codes are folded under the limit while keeping the Kraft sum
/// exactly one (the method zlib's and miniz's encoders use); codes are stored bit-reversed
/// because deflate sends Huffman codes most significant bit first into an LSB-first stream.
struct HuffmanCode {
    var lengths: [UInt8]
    var codes: [UInt16]

    /// At least two symbols always get a code (a dummy frequency is added if needed): inflaters
    /// such as zlib's reject a code with a single one-bit symbol for the code-length alphabet,
    /// and a complete code avoids the special case everywhere.
    init(frequencies: UnsafeMutableBufferPointer<UInt32>, maxLength: Int) {
        let count = frequencies.count
        var used = 0
        for f in frequencies where f > 0 { used += 1 }
        var index = 0
        while used < 2 && index < count {
            if frequencies[index] == 0 { frequencies[index] = 1; used += 1 }
            index += 1
        }
        // (frequency, symbol) pairs sorted by frequency, least frequent first.
        // Sorted as packed integers (frequency above, symbol below): no comparison closure.
        var packed: [UInt64] = []
        packed.reserveCapacity(used)
        for s in 0..<count where frequencies[s] > 0 { packed.append(UInt64(frequencies[s]) << 16 | UInt64(s)) }
        packed.sort()
        var sorted = packed.map { (key: UInt32(truncatingIfNeeded: $0 >> 16), symbol: UInt16(truncatingIfNeeded: $0)) }
        HuffmanCode.minimumRedundancy(&sorted)

        // Number of codes per length, folded under the limit.
        var perLength = [Int](repeating: 0, count: 64)
        for entry in sorted { perLength[min(Int(entry.key), 63)] += 1 }
        if perLength.indices.dropFirst(maxLength + 1).contains(where: { perLength[$0] > 0 }) {
            for l in (maxLength + 1)..<64 { perLength[maxLength] += perLength[l]; perLength[l] = 0 }
            var kraft = 0
            for l in 1...maxLength { kraft += perLength[l] << (maxLength - l) }
            while kraft != 1 << maxLength {
                perLength[maxLength] -= 1
                for l in stride(from: maxLength - 1, through: 1, by: -1) where perLength[l] != 0 {
                    perLength[l] -= 1
                    perLength[l + 1] += 2
                    break
                }
                kraft -= 1
            }
        }
        // Shortest codes to the most frequent symbols (the end of `sorted`).
        lengths = [UInt8](repeating: 0, count: count)
        var next = sorted.count
        for l in 1...maxLength {
            for _ in 0..<perLength[l] {
                next -= 1
                lengths[Int(sorted[next].symbol)] = UInt8(l)
            }
        }
        codes = HuffmanCode.canonicalCodes(lengths)
    }

    /// A code with the given lengths (deflate's fixed code).
    init(lengths: [UInt8]) {
        self.lengths = lengths
        codes = HuffmanCode.canonicalCodes(lengths)
    }

    /// Replaces each entry's frequency with its code length (Moffat & Katajainen, "In-place
    /// calculation of minimum-redundancy codes", 1995), entries sorted by ascending frequency.
    private static func minimumRedundancy(_ a: inout [(key: UInt32, symbol: UInt16)]) {
        let n = a.count
        if n == 0 { return }
        if n == 1 { a[0].key = 1; return }
        a[0].key += a[1].key
        var root = 0, leaf = 2
        for next in 1..<(n - 1) {
            if leaf >= n || a[root].key < a[leaf].key {
                a[next].key = a[root].key
                a[root].key = UInt32(next)
                root += 1
            } else {
                a[next].key = a[leaf].key
                leaf += 1
            }
            if leaf >= n || (root < next && a[root].key < a[leaf].key) {
                a[next].key += a[root].key
                a[root].key = UInt32(next)
                root += 1
            } else {
                a[next].key += a[leaf].key
                leaf += 1
            }
        }
        a[n - 2].key = 0
        if n >= 3 {
            for next in stride(from: n - 3, through: 0, by: -1) { a[next].key = a[Int(a[next].key)].key + 1 }
        }
        var available = 1, used = 0, depth: UInt32 = 0
        var rootIndex = n - 2, nextIndex = n - 1
        while available > 0 {
            while rootIndex >= 0 && a[rootIndex].key == depth { used += 1; rootIndex -= 1 }
            while available > used { a[nextIndex].key = depth; nextIndex -= 1; available -= 1 }
            available = 2 * used
            depth += 1
            used = 0
        }
    }

    /// RFC 1951 §3.2.2, each code bit-reversed for LSB-first output.
    private static func canonicalCodes(_ lengths: [UInt8]) -> [UInt16] {
        var perLength = [UInt16](repeating: 0, count: 16)
        for l in lengths where l > 0 { perLength[Int(l)] += 1 }
        var nextCode = [UInt16](repeating: 0, count: 16)
        var code: UInt16 = 0
        for l in 1..<16 {
            code = (code &+ perLength[l - 1]) << 1
            nextCode[l] = code
        }
        var codes = [UInt16](repeating: 0, count: lengths.count)
        for (symbol, l) in lengths.enumerated() where l > 0 {
            let c = nextCode[Int(l)]
            nextCode[Int(l)] += 1
            codes[symbol] = c.bitReversed(length: Int(l))
        }
        return codes
    }
}

extension UInt16 {
    /// The low `length` bits in reverse order.
    func bitReversed(length: Int) -> UInt16 {
        var v = self
        v = (v & 0x5555) << 1 | (v >> 1) & 0x5555
        v = (v & 0x3333) << 2 | (v >> 2) & 0x3333
        v = (v & 0x0F0F) << 4 | (v >> 4) & 0x0F0F
        return v.byteSwapped >> (16 - length)
    }
}
