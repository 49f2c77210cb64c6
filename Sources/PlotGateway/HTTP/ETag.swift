import PlotSpec

/// Strong entity tags in two halves, both computed before anything is drawn:
///
///     "<spec digest: 16 hex><request digest: 16 hex>"
///
/// - the *spec* half is the digest of the canonical form (`ChartSpec.canonicalDigest`), so every spelling of one chart (reordered,
///   `1.0` for `1`, a `_=` cache buster) carries the same first half;
/// - the *request* half hashes the request's own bytes (output format and query as sent).
/// Both also hash the seed: everything besides the query that changes the bytes (plotgate and
/// renderer versions, font files, limits).
///
/// Revalidating the URL a tag was issued for (what browsers and caches do) matches on the
/// request half, so the 304 is answered without even decoding the query: on a 3.6 KB query that
/// is most of the work. A tag issued for another spelling of the same chart still matches, on
/// the spec half, after decoding.
public struct ETagMaker: Sendable {
    private let seeded: FNV1a64

    public init(seed: String) {
        var h = FNV1a64()
        h.add(seed.utf8)
        h.add(0)
        seeded = h
    }

    /// Digest of the bytes of a request that determine the body.
    public func requestDigest(query: String, format: String) -> UInt64 {
        var h = seeded
        h.add(format.utf8)
        h.add(0)
        h.add(query.utf8)
        return h.value
    }

    /// Digest of the chart itself: the same for every spelling of it.
    public func specDigest(_ spec: ChartSpec) -> UInt64 {
        spec.canonicalDigest(seed: seeded)
    }

    /// The quoted tag for a response.
    public func etag(spec: UInt64, request: UInt64) -> String {
        "\"" + hex16(spec) + hex16(request) + "\""
    }

    /// A tag in `If-None-Match` issued for exactly this request, if any (returned as sent, so a
    /// 304 can repeat it). `*` does not count here: it must wait for the query to decode.
    public static func tagIssued(forRequest digest: UInt64, in header: String?) -> String? {
        guard let header else { return nil }
        let wanted = (hex16(digest) + "\"").utf8
        for candidate in tags(in: header) where candidate.count == 34 && candidate.suffix(17).elementsEqual(wanted) {
            return String(Substring(candidate))
        }
        return nil
    }

    /// Whether `If-None-Match` holds `*` or a tag for the same chart (spec half), compared
    /// weakly as RFC 9110 requires for If-None-Match (a `W/` prefix is ignored).
    public static func matches(ifNoneMatch header: String?, spec digest: UInt64) -> Bool {
        guard let header else { return false }
        let wanted = ("\"" + hex16(digest)).utf8
        for candidate in tags(in: header) {
            if candidate.elementsEqual("*".utf8) { return true }
            if candidate.count == 34 && candidate.prefix(17).elementsEqual(wanted) { return true }
        }
        return false
    }

    /// The entity tags of an `If-None-Match` list, spaces around them and `W/` removed, as
    /// slices of the header's bytes (this runs on every revalidation, before anything else:
    /// no strings are built, no characters compared).
    private static func tags(in header: String) -> [Substring.UTF8View] {
        let blank = { (b: UInt8) in b == UInt8(ascii: " ") || b == UInt8(ascii: "\t") }
        return header.utf8.split(separator: UInt8(ascii: ","), omittingEmptySubsequences: false).map { part in
            var tag = part
            while let first = tag.first, blank(first) { tag.removeFirst() }
            while let last = tag.last, blank(last) { tag.removeLast() }
            if tag.starts(with: "W/".utf8) { tag.removeFirst(2) }
            return tag
        }
    }
}

private func hex16(_ v: UInt64) -> String {
    let s = String(v, radix: 16)
    return String(repeating: "0", count: 16 - s.count) + s
}
