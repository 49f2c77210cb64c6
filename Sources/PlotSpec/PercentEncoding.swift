/// `application/x-www-form-urlencoded` decoding (what browsers send in a query), and the set
/// of characters the canonical query leaves unencoded.
public enum PercentEncoding {
    /// A `%` not followed by two hex digits; `offset` is the index of the `%`.
    struct BrokenEscape: Error { var offset: Int }

    /// Decodes `+` to space and `%XX` to a byte. The result may be invalid UTF-8; the caller
    /// validates once per item, after decoding, because a multi-byte character may be split
    /// across escapes (`%C3%A9`).
    static func decode(_ bytes: Bytes) throws(BrokenEscape) -> [UInt8] {
        // Fast path: nothing to decode, one copy.
        if !bytes.contains(where: { $0 == ASCII.percent || $0 == ASCII.plus }) {
            return Array(bytes)
        }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = bytes.startIndex
        let end = bytes.endIndex
        while i < end {
            let b = bytes[i]
            if b == ASCII.percent {
                guard end - i >= 3, let hi = ASCII.hexValue(bytes[i + 1]), let lo = ASCII.hexValue(bytes[i + 2]) else {
                    throw BrokenEscape(offset: i)
                }
                out.append(hi << 4 | lo)
                i += 3
            } else {
                out.append(b == ASCII.plus ? ASCII.space : b)
                i += 1
            }
        }
        return out
    }

    /// Percent-encodes every byte except the unreserved characters `A-Za-z0-9-._~`, so a text
    /// has exactly one spelling in a query.
    public static func encode(_ text: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        encode(text, into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    static func encode(_ text: String, into bytes: inout [UInt8]) {
        for b in text.utf8 {
            if isUnreserved(b) {
                bytes.append(b)
            } else {
                bytes.append(UInt8(ascii: "%"))
                bytes.append(hexDigits[Int(b >> 4)])
                bytes.append(hexDigits[Int(b & 15)])
            }
        }
    }

    private static let hexDigits = Array("0123456789ABCDEF".utf8)

    /// The unreserved characters of RFC 3986, the only ones the canonical query leaves as-is.
    static func isUnreserved(_ b: UInt8) -> Bool {
        switch b {
        case 0x41...0x5A, 0x61...0x7A, 0x30...0x39: true
        case UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"): true
        default: false
        }
    }
}
