/// Byte-level helpers shared by the parsers.
///
/// The decoder works on UTF-8 bytes: every syntax character of the dialect is ASCII, and an
/// ASCII byte never occurs inside a multi-byte UTF-8 sequence, so splitting on `,`, `|` or `=`
/// byte-wise is exact and needs no Unicode machinery. Slices are `ArraySlice<UInt8>` (bounds
/// checked, no copies) rather than unsafe pointers: a bug here must trap in tests, never read
/// out of bounds in production.
typealias Bytes = ArraySlice<UInt8>

enum ASCII {
    static let amp = UInt8(ascii: "&")
    static let equals = UInt8(ascii: "=")
    static let plus = UInt8(ascii: "+")
    static let minus = UInt8(ascii: "-")
    static let percent = UInt8(ascii: "%")
    static let comma = UInt8(ascii: ",")
    static let bar = UInt8(ascii: "|")
    static let dot = UInt8(ascii: ".")
    static let colon = UInt8(ascii: ":")
    static let space = UInt8(ascii: " ")
    static let underscore = UInt8(ascii: "_")
    static let at = UInt8(ascii: "@")
    static let hash = UInt8(ascii: "#")

    @inline(__always)
    static func isDigit(_ b: UInt8) -> Bool { b &- 0x30 < 10 }

    /// Value of a hex digit, or nil.
    @inline(__always)
    static func hexValue(_ b: UInt8) -> UInt8? {
        switch b {
        case 0x30...0x39: b - 0x30
        case 0x41...0x46: b - 0x41 + 10
        case 0x61...0x66: b - 0x61 + 10
        default: nil
        }
    }

    /// ASCII lower-casing; other bytes (including UTF-8 sequences) pass through unchanged.
    @inline(__always)
    static func lower(_ b: UInt8) -> UInt8 { b &- 0x41 < 26 ? b | 0x20 : b }

    /// Case-insensitive comparison with an ASCII word.
    static func equalsIgnoringCase(_ bytes: Bytes, _ word: StaticString) -> Bool {
        guard bytes.count == word.utf8CodeUnitCount else { return false }
        return word.withUTF8Buffer { w in
            var i = bytes.startIndex
            for c in w {
                if lower(bytes[i]) != c { return false }
                i += 1
            }
            return true
        }
    }

    /// How many times `separator` occurs: a cheap pre-count used to enforce limits before
    /// anything proportional to the input is allocated.
    static func count(_ separator: UInt8, in bytes: Bytes) -> Int {
        var n = 0
        for b in bytes where b == separator { n += 1 }
        return n
    }

    /// Bytes already known to be valid UTF-8 as a String (for messages and texts).
    static func string(_ bytes: Bytes) -> String { String(decoding: bytes, as: UTF8.self) }
}
