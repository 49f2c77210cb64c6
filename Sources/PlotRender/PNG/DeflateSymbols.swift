/// Deflate's length and distance alphabets (RFC 1951 §3.2.5): which symbol codes a match
/// length or distance, and the extra bits that follow it.
enum DeflateSymbols {
    /// Per match length 3...258 (index = length): the symbol's offset from 257 in the low
    /// byte, the number of extra bits in the next byte, the extra bits' value above that.
    static let lengths: [UInt32] = (0...258).map { length in
        if length < 3 { return 0 }
        if length == 258 { return 28 }
        let l = UInt32(length - 3)
        if l < 8 { return l }
        let bits = UInt32(31 - l.leadingZeroBitCount)  // floor(log2 l), 3...7
        let symbol = 4 * (bits - 1) + ((l >> (bits - 2)) & 3)
        let extra = bits - 2
        return symbol | extra << 8 | (l & ((1 << extra) - 1)) << 16
    }

    /// Distance 1...32768 as (symbol, extra bit count, extra value), computed: a table would
    /// be 128 KB.
    @inline(__always)
    static func distance(_ distance: UInt32) -> (symbol: UInt32, extraBits: UInt32, extra: UInt32) {
        let d = distance &- 1
        if d < 4 { return (d, 0, 0) }
        let bits = UInt32(31 &- d.leadingZeroBitCount)  // floor(log2 d), 2...14
        let extraBits = bits &- 1
        return (2 &* bits &+ ((d &>> extraBits) & 1), extraBits, d & ((1 &<< extraBits) &- 1))
    }

    /// Order in which the code-length alphabet's lengths are sent.
    static let codeLengthOrder = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15]

    /// The fixed code of block type 1.
    static let fixedLiteralLengths: [UInt8] = (0..<288).map { s in
        s < 144 ? 8 : s < 256 ? 9 : s < 280 ? 7 : 8
    }
    static let fixedDistanceLengths = [UInt8](repeating: 5, count: 30)
}
