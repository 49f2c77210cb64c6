/// How often each literal/length and distance symbol occurs in the block being built, and how
/// many extra bits its matches need: what a block's codes are fitted to and its cost
/// computed from. Counted by the matcher as it emits tokens; the memory belongs to the caller.
struct BlockStatistics {
    let literals: UnsafeMutableBufferPointer<UInt32>
    let distances: UnsafeMutableBufferPointer<UInt32>
    var extraBits = 0

    /// `storage` must hold `BlockStatistics.storageCount` counters.
    init(storage: UnsafeMutablePointer<UInt32>) {
        literals = UnsafeMutableBufferPointer(start: storage, count: 286)
        distances = UnsafeMutableBufferPointer(start: storage + 286, count: 30)
        reset()
    }

    static let storageCount = 286 + 30

    @inline(__always)
    func countLiteral(_ byte: UInt8) { literals[Int(byte)] &+= 1 }

    @inline(__always)
    mutating func countMatch(length: Int, distance: Int) {
        let l = DeflateSymbols.lengths[length]
        literals[257 &+ Int(l & 0xFF)] &+= 1
        let d = DeflateSymbols.distance(UInt32(truncatingIfNeeded: distance))
        distances[Int(d.symbol)] &+= 1
        extraBits &+= Int((l >> 8) & 0xFF) &+ Int(d.extraBits)
    }

    mutating func reset() {
        literals.update(repeating: 0)
        distances.update(repeating: 0)
        extraBits = 0
    }
}
