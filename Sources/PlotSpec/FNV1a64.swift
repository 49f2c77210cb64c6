/// 64-bit FNV-1a: a small, fast, fixed hash for ETags. Not Swift's `Hasher`: that one is seeded
/// per process, and every worker (and every restart) must give the same tag for the same bytes.
public struct FNV1a64: Sendable {
    public private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

    public init() {}

    public mutating func add(_ byte: UInt8) {
        value = (value ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
    }

    public mutating func add(_ bytes: String.UTF8View) {
        // A native string's bytes are contiguous: a plain loop over them, instead of the
        // view's iterator (which cost the 304 path a tenth of its time on a 3.6 KB query).
        let done: Void? = bytes.withContiguousStorageIfAvailable { add($0) }
        if done == nil { for byte in bytes { add(byte) } }
    }

    public mutating func add(_ bytes: UnsafeBufferPointer<UInt8>) {
        var v = value
        for byte in bytes { v = (v ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        value = v
    }

    /// A 64-bit word (a number's bits) in one step, not FNV's eight: xor, an odd multiplier,
    /// an xorshift. FNV's byte chain is bound by the multiplier's latency (about 4 cycles a
    /// byte), and the ETag of a 10,000-number chart spent a tenth of its render there. Each step
    /// is a bijection of the state for a given word and of the word for a given state, so a
    /// digest still changes whenever a single number does.
    public mutating func add(bits: UInt64) {
        var v = (value ^ bits) &* 0x9E37_79B9_7F4A_7C15
        v ^= v >> 32
        value = v
    }
}
