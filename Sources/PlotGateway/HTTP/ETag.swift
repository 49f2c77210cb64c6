/// Strong entity tags computed from what determines the picture: the canonical spec, the
/// renderer's version and the font set. Computed before rendering, so a revalidation that
/// matches costs no drawing at all.
public struct ETagMaker: Sendable {
    /// Everything besides the spec that changes pixels (versions, font file identity).
    public let seed: String

    public init(seed: String) { self.seed = seed }

    /// A quoted strong ETag for a canonical query: 128 bits of two FNV-1a passes. Not Swift's
    /// `Hasher`: that one is seeded per process, and every worker must agree.
    public func etag(canonicalQuery: String) -> String {
        var a: UInt64 = 0xcbf2_9ce4_8422_2325
        var b: UInt64 = 0x6c62_272e_07bb_0142
        func mix(_ byte: UInt8) {
            a = (a ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
            b = (b ^ UInt64(byte ^ 0x5A)) &* 0x0000_0100_0000_01B3
        }
        for byte in seed.utf8 { mix(byte) }
        mix(0)
        for byte in canonicalQuery.utf8 { mix(byte) }
        return "\"" + hex(a) + hex(b) + "\""
    }

    /// Whether an `If-None-Match` header matches `etag`: `*`, or any listed tag compared
    /// weakly (a `W/` prefix is ignored, as RFC 9110 requires for If-None-Match).
    public static func matches(ifNoneMatch header: String?, etag: String) -> Bool {
        guard let header else { return false }
        let trimmedTag = etag.hasPrefix("W/") ? String(etag.dropFirst(2)) : etag
        for part in header.split(separator: ",") {
            var candidate = part.trimmingSpaces()
            if candidate == "*" { return true }
            if candidate.hasPrefix("W/") { candidate = String(candidate.dropFirst(2)) }
            if candidate == trimmedTag { return true }
        }
        return false
    }
}

private func hex(_ v: UInt64) -> String {
    let s = String(v, radix: 16)
    return String(repeating: "0", count: 16 - s.count) + s
}

extension Substring {
    func trimmingSpaces() -> String {
        String(drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
    }
}
