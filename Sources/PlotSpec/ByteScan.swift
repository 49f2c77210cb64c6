/// Word-at-a-time scans over a query's bytes, for the passes that look at every byte of a
/// large query (a 58 KB scatter body) before any value is parsed: counting items, finding
/// where an item ends, counting separators.
///
/// Eight bytes are read as one `UInt64` through `RawSpan`, which checks bounds on every load
/// (memory-safe like `ArraySlice`, unlike an unsafe pointer); the bit tricks below then test
/// all eight bytes at once. Byte by byte these passes cost 5 to 10 instructions a byte.
enum ByteScan {
    private static let ones: UInt64 = 0x0101_0101_0101_0101
    private static let highs: UInt64 = 0x8080_8080_8080_8080

    /// The eight bytes at `offset` with the first byte in the low bits, on any platform.
    @inline(__always)
    private static func word(_ raw: RawSpan, _ offset: Int) -> UInt64 {
        UInt64(littleEndian: raw.unsafeLoadUnaligned(fromByteOffset: offset, as: UInt64.self))
    }

    /// Nonzero when some byte of `w` equals `byte` (exact for "some"; which bits are set may
    /// include false ones above a true match, so only use it as a yes/no).
    @inline(__always)
    private static func has(_ w: UInt64, _ byte: UInt8) -> UInt64 {
        let x = w ^ (ones &* UInt64(byte))
        return (x &- ones) & ~x & highs
    }

    /// 0x80 in exactly the bytes of `w` that equal `byte`, 0 in the others.
    @inline(__always)
    private static func matches(_ w: UInt64, _ byte: UInt8) -> UInt64 {
        let x = w ^ (ones &* UInt64(byte))
        // A byte's high bit ends up set iff the byte is nonzero; no carry crosses bytes.
        return ~(((x & ~highs) &+ ~highs) | x) & highs
    }

    /// How many bytes are flagged in a mask of 0x80 flags. Without the `popcnt` instruction
    /// (not in the x86-64 baseline the build targets) `nonzeroBitCount` is a dozen
    /// instructions; one flag per byte makes this a multiply that sums the eight bytes.
    @inline(__always)
    private static func flagCount(_ flags: UInt64) -> Int {
        Int(truncatingIfNeeded: ((flags >> 7) &* ones) >> 56)
    }

    /// The number of non-empty `&`-separated segments (the query's items).
    static func itemCount(_ bytes: Bytes) -> Int {
        let raw = bytes.span.bytes
        let n = raw.byteCount
        var count = 0
        // An item starts at a byte that is not `&` and follows a `&` or the start.
        var previousWasAmp: UInt64 = 0x80  // the flag in the first byte's position: the start counts
        var i = 0
        while i &+ 8 <= n {
            let amps = matches(word(raw, i), ASCII.amp)
            let follows = (amps << 8) | previousWasAmp
            let starts = ~amps & highs & follows
            count &+= flagCount(starts)
            previousWasAmp = amps >> 56
            i &+= 8
        }
        var afterAmp = previousWasAmp != 0
        while i < n {
            let isAmp = raw.unsafeLoad(fromByteOffset: i, as: UInt8.self) == ASCII.amp
            if !isAmp && afterAmp { count &+= 1 }
            afterAmp = isAmp
            i &+= 1
        }
        return count
    }

    /// Where the item starting at `start` (a position in `bytes`, as its indices count) ends,
    /// and what it holds: whether it has escapes to decode (`%` or `+`) and whether it has
    /// bytes outside ASCII (which need UTF-8 validation).
    struct Segment {
        var end: Int
        var needsDecoding: Bool
        var isASCII: Bool
    }

    static func segment(in bytes: Bytes, from start: Int) -> Segment {
        let raw = bytes.span.bytes
        let base = bytes.startIndex
        let n = raw.byteCount
        var i = start &- base
        var escapes = false
        var high = false
        while true {
            // Plain words (no `&`, `%`, `+` or high byte: all of a number list) in one step.
            while i &+ 8 <= n {
                let w = word(raw, i)
                if has(w, ASCII.amp) | has(w, ASCII.percent) | has(w, ASCII.plus) | (w & highs) != 0 { break }
                i &+= 8
            }
            // Then byte by byte up to the end of the next interesting word.
            let stop = min(n, i &+ 8)
            while i < stop {
                let b = raw.unsafeLoad(fromByteOffset: i, as: UInt8.self)
                if b == ASCII.amp { return Segment(end: base &+ i, needsDecoding: escapes, isASCII: !high) }
                if b == ASCII.percent || b == ASCII.plus { escapes = true }
                if b >= 0x80 { high = true }
                i &+= 1
            }
            if i == n { return Segment(end: base &+ n, needsDecoding: escapes, isASCII: !high) }
        }
    }

    /// How many `,` and `|` a value holds: sizes are checked from these before parsing.
    static func separators(in bytes: Bytes) -> (commas: Int, bars: Int) {
        let raw = bytes.span.bytes
        let n = raw.byteCount
        var commas = 0
        var bars = 0
        var i = 0
        while i &+ 8 <= n {
            let w = word(raw, i)
            commas &+= flagCount(matches(w, ASCII.comma))
            bars &+= flagCount(matches(w, ASCII.bar))
            i &+= 8
        }
        while i < n {
            let b = raw.unsafeLoad(fromByteOffset: i, as: UInt8.self)
            if b == ASCII.comma { commas &+= 1 }
            if b == ASCII.bar { bars &+= 1 }
            i &+= 1
        }
        return (commas, bars)
    }

    /// Whether `cht` (any case) occurs anywhere in `text`. A query without it cannot be in the
    /// Google dialect, so the dialect test, which walks every byte to find the items' names,
    /// can be skipped for it; a query with it still gets that test.
    static func mayContainCHT(_ text: String) -> Bool {
        let raw = text.utf8.span.bytes
        let n = raw.byteCount
        @inline(__always) func lower(_ k: Int) -> UInt8 { raw.unsafeLoad(fromByteOffset: k, as: UInt8.self) | 0x20 }
        @inline(__always) func chtAt(_ k: Int) -> Bool {
            k &+ 3 <= n && lower(k) == UInt8(ascii: "c") && lower(k &+ 1) == UInt8(ascii: "h") && lower(k &+ 2) == UInt8(ascii: "t")
        }
        var i = 0
        while i &+ 8 <= n {
            // `| 0x20` folds `C` onto `c` and nothing else onto it.
            if has(word(raw, i) | (ones &* 0x20), UInt8(ascii: "c")) != 0 {
                for k in i..<(i &+ 8) where chtAt(k) { return true }
            }
            i &+= 8
        }
        while i < n {
            if chtAt(i) { return true }
            i &+= 1
        }
        return false
    }
}
