/// Writes one deflate block for a run of tokens, as whichever of the three block types
/// (RFC 1951 §3.2.3) is smallest for it: dynamic Huffman codes fitted to its symbols, the
/// fixed codes (small blocks, where a dynamic header would cost more than it saves), or the
/// raw bytes (data that does not compress).
///
/// A token is a literal byte (< 256) or a match: `length << 16 | distance`.
enum DeflateBlock {
    static let fixedLiterals = HuffmanCode(lengths: DeflateSymbols.fixedLiteralLengths)
    static let fixedDistances = HuffmanCode(lengths: DeflateSymbols.fixedDistanceLengths)

    /// `statistics` are the tokens' symbol counts, kept by the matcher as it made them (one
    /// pass less over the tokens); they are consumed (reset for the next block).
    static func write(tokens: UnsafeBufferPointer<UInt32>, statistics: inout BlockStatistics,
                      raw: UnsafeBufferPointer<UInt8>, final: Bool, to out: inout BitWriter) {
        statistics.literals[256] = 1  // end of block
        let literals = HuffmanCode(frequencies: statistics.literals, maxLength: 15)
        let distances = HuffmanCode(frequencies: statistics.distances, maxLength: 15)
        let header = DynamicHeader(literals: literals, distances: distances)

        func payloadBits(_ lit: HuffmanCode, _ dist: HuffmanCode) -> Int {
            var bits = statistics.extraBits
            for s in 0..<286 { bits += Int(statistics.literals[s]) * Int(lit.lengths[s]) }
            for s in 0..<30 { bits += Int(statistics.distances[s]) * Int(dist.lengths[s]) }
            return bits
        }
        let dynamicBits = 3 + header.bitCount + payloadBits(literals, distances)
        let fixedBits = 3 + payloadBits(fixedLiterals, fixedDistances)
        let chunks = max(1, (raw.count + 65534) / 65535)
        let storedBits = chunks * (3 + 7 + 32) + 8 * raw.count
        statistics.reset()

        if storedBits < min(dynamicBits, fixedBits) {
            writeStored(raw, final: final, to: &out)
        } else if fixedBits <= dynamicBits {
            out.write(final ? 1 : 0, count: 1)
            out.write(1, count: 2)
            writeTokens(tokens, fixedLiterals, fixedDistances, to: &out)
        } else {
            out.write(final ? 1 : 0, count: 1)
            out.write(2, count: 2)
            header.write(to: &out)
            writeTokens(tokens, literals, distances, to: &out)
        }
    }

    /// The tokens in the given codes, then end-of-block. Codes and lengths are packed first
    /// (`code | bit count << 24`), a match length's code with its extra bits, so each
    /// literal is one lookup and one write.
    private static func writeTokens(_ tokens: UnsafeBufferPointer<UInt32>, _ literals: HuffmanCode,
                                    _ distances: HuffmanCode, to out: inout BitWriter) {
        withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 256 + 259 + 30) { table in
            guard let literalTable = table.baseAddress else { return }
            let lengthTable = literalTable + 256, distanceTable = lengthTable + 259
            for s in 0..<256 { literalTable[s] = UInt32(literals.codes[s]) | UInt32(literals.lengths[s]) << 24 }
            for length in 3...258 {
                let l = DeflateSymbols.lengths[length]
                let symbol = 257 + Int(l & 0xFF)
                let codeBits = UInt32(literals.lengths[symbol])
                lengthTable[length] = (UInt32(literals.codes[symbol]) | (l >> 16) << codeBits)
                    | (codeBits + (l >> 8) & 0xFF) << 24
            }
            for s in 0..<30 { distanceTable[s] = UInt32(distances.codes[s]) | UInt32(distances.lengths[s]) << 24 }
            for t in tokens {
                if t < 256 {
                    let c = literalTable[Int(t)]
                    out.write(c & 0xFF_FFFF, count: Int(c >> 24))
                    continue
                }
                let c = lengthTable[Int(t >> 16)]
                out.write(c & 0xFF_FFFF, count: Int(c >> 24))
                let d = DeflateSymbols.distance(t & 0xFFFF)
                let dc = distanceTable[Int(d.symbol)]
                let distBits = dc >> 24
                out.write(dc & 0xFF_FFFF | d.extra << distBits, count: Int(distBits + d.extraBits))
            }
            out.write(UInt32(literals.codes[256]), count: Int(literals.lengths[256]))
        }
    }

    /// Raw bytes, in pieces of at most 65,535 (the LEN field's limit).
    private static func writeStored(_ raw: UnsafeBufferPointer<UInt8>, final: Bool, to out: inout BitWriter) {
        var start = 0
        repeat {
            let count = min(65535, raw.count - start)
            let last = start + count == raw.count
            out.write(final && last ? 1 : 0, count: 1)
            out.write(0, count: 2)
            out.alignToByte()
            out.write(UInt32(count) | UInt32(~UInt16(count)) << 16, count: 32)
            if let base = raw.baseAddress { out.writeBytes(base + start, count: count) }
            start += count
        } while start < raw.count
    }
}

/// The header of a dynamic block: how many literal/length and distance codes are sent, and
/// their lengths, run-length coded and themselves Huffman coded (RFC 1951 §3.2.7).
private struct DynamicHeader {
    let literalCount: Int
    let distanceCount: Int
    /// Code-length symbols 0...18 with their extra bits (value << 8 | symbol).
    let symbols: [UInt32]
    let codeLengths: HuffmanCode
    let codeLengthCount: Int
    let bitCount: Int

    init(literals: HuffmanCode, distances: HuffmanCode) {
        var lit = 286
        while lit > 257 && literals.lengths[lit - 1] == 0 { lit -= 1 }
        var dist = 30
        while dist > 1 && distances.lengths[dist - 1] == 0 { dist -= 1 }
        literalCount = lit
        distanceCount = dist
        let all = Array(literals.lengths[0..<lit]) + Array(distances.lengths[0..<dist])

        var symbols: [UInt32] = []
        var frequencies = [UInt32](repeating: 0, count: 19)
        func emit(_ symbol: UInt32, _ extra: UInt32 = 0) {
            symbols.append(symbol | extra << 8)
            frequencies[Int(symbol)] += 1
        }
        var i = 0
        while i < all.count {
            let v = all[i]
            var run = 1
            while i + run < all.count && all[i + run] == v { run += 1 }
            i += run
            if v == 0 {
                while run >= 11 { let r = min(run, 138); emit(18, UInt32(r - 11)); run -= r }
                if run >= 3 { emit(17, UInt32(run - 3)); run = 0 }
                while run > 0 { emit(0); run -= 1 }
            } else {
                emit(UInt32(v)); run -= 1
                while run >= 3 { let r = min(run, 6); emit(16, UInt32(r - 3)); run -= r }
                while run > 0 { emit(UInt32(v)); run -= 1 }
            }
        }
        self.symbols = symbols
        codeLengths = frequencies.withUnsafeMutableBufferPointer { HuffmanCode(frequencies: $0, maxLength: 7) }
        var count = 19
        while count > 4 && codeLengths.lengths[DeflateSymbols.codeLengthOrder[count - 1]] == 0 { count -= 1 }
        codeLengthCount = count
        var bits = 5 + 5 + 4 + 3 * count
        for s in symbols { bits += Int(codeLengths.lengths[Int(s & 0xFF)]) + DynamicHeader.extraBits(s & 0xFF) }
        bitCount = bits
    }

    private static func extraBits(_ symbol: UInt32) -> Int { symbol == 16 ? 2 : symbol == 17 ? 3 : symbol == 18 ? 7 : 0 }

    func write(to out: inout BitWriter) {
        out.write(UInt32(literalCount - 257), count: 5)
        out.write(UInt32(distanceCount - 1), count: 5)
        out.write(UInt32(codeLengthCount - 4), count: 4)
        for k in 0..<codeLengthCount { out.write(UInt32(codeLengths.lengths[DeflateSymbols.codeLengthOrder[k]]), count: 3) }
        for s in symbols {
            let symbol = Int(s & 0xFF)
            out.write(UInt32(codeLengths.codes[symbol]), count: Int(codeLengths.lengths[symbol]))
            let extra = DynamicHeader.extraBits(s & 0xFF)
            if extra > 0 { out.write(s >> 8, count: extra) }
        }
    }
}
