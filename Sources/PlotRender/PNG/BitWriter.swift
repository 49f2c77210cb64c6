/// Deflate's bit order: values are packed least significant bit first, into a 64-bit
/// accumulator that spills four bytes at a time into memory the caller sized in advance.
struct BitWriter {
    private let base: UnsafeMutablePointer<UInt8>
    private(set) var byteCount = 0
    private var bits: UInt64 = 0
    private var bitCount = 0

    init(into base: UnsafeMutablePointer<UInt8>) { self.base = base }

    /// Appends the low `count` bits of `value` (count <= 32; the accumulator holds < 32 bits
    /// between calls, so nothing is lost).
    @inline(__always)
    mutating func write(_ value: UInt32, count: Int) {
        bits |= UInt64(value) &<< UInt64(bitCount)
        bitCount &+= count
        if bitCount >= 32 {
            UnsafeMutableRawPointer(base + byteCount).storeBytes(of: UInt32(truncatingIfNeeded: bits).littleEndian,
                                                                 as: UInt32.self)
            byteCount &+= 4
            bits &>>= 32
            bitCount &-= 32
        }
    }

    /// Pads with zero bits to the next byte boundary (stored blocks start there).
    mutating func alignToByte() {
        while bitCount > 0 {
            base[byteCount] = UInt8(truncatingIfNeeded: bits)
            byteCount += 1
            bits >>= 8
            bitCount = max(0, bitCount - 8)
        }
        bits = 0
    }

    /// Copies whole bytes; only valid when aligned.
    mutating func writeBytes(_ bytes: UnsafePointer<UInt8>, count: Int) {
        (base + byteCount).update(from: bytes, count: count)
        byteCount += count
    }

    /// Flushes the bits still in the accumulator (the last byte is zero-padded).
    mutating func finish() { alignToByte() }
}
