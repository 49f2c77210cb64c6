import Testing
@testable import PlotSpec

/// The ETag's chart half: one digest per chart, whatever the spelling, and a different one for
/// any change to the picture, like the canonical query it stands for.
@Suite struct CanonicalDigestTests {
    private func digest(_ query: String) throws -> UInt64 {
        try QueryDecoder().decode(query).canonicalDigest(seed: FNV1a64())
    }

    @Test func spellingsOfOneChartShareADigest() throws {
        let a = try digest("d=1.0,2.50,_,3&type=line&title=A+b&labels=x|y")
        #expect(try digest("title=A%20b&data=1,2.5,,3e0&labels=x|y&_=1") == a)
        #expect(try digest("d=-0,1") == digest("d=0,1"))
        let canonical = try QueryDecoder().decode("d=1.0,2.50,_,3&type=line&title=A+b&labels=x|y").canonicalQuery
        #expect(try digest(canonical) == a)
    }

    @Test func differentChartsDiffer() throws {
        let queries = [
            "d=1,2,3", "d=1,2,4", "d=1,2|3", "d=1,2,3&title=a", "d=1,2,3&title=b", "d=1,2,3&labels=ab",
            "d=1,2,3&labels=a|b", "d=1,2,3&format=svg", "d=1,2,,3", "d=1,2,3&w=601", "type=bar&d=1,2,3",
            "d=1,2,3&names=a|b", "d=1,2,3&names=ab", "d=1,2,3&xlabel=a", "d=1,2,3&ylabel=a",
            "cht=bvg&chd=t:1,2,3", "cht=bvg&chd=t:1,2,4",
        ]
        let digests = try queries.map(digest)
        #expect(Set(digests).count == queries.count)
    }

    /// Numbers are mixed a word at a time: one value changed anywhere in a long series (a bit
    /// of its mantissa, its sign, its exponent), or two values swapped, changes the digest.
    @Test func everyNumberCountsInALongSeries() throws {
        let values = (0..<2000).map { Double($0) * 0.37 - 100 }
        func digest(_ v: [Double]) throws -> UInt64 {
            try QueryDecoder().decode("d=" + v.map { "\($0)" }.joined(separator: ",")).canonicalDigest(seed: FNV1a64())
        }
        let base = try digest(values)
        var seen: Set<UInt64> = [base]
        for i in stride(from: 0, to: values.count, by: 97) {
            for changed in [values[i].nextUp, -values[i], values[i] * 1024] {
                var v = values
                v[i] = changed
                seen.insert(try digest(v))
            }
            var swapped = values
            swapped.swapAt(i, (i + 1) % values.count)
            seen.insert(try digest(swapped))
        }
        #expect(seen.count == 1 + 21 * 4)
    }

    @Test func theSeedChangesEveryDigest() throws {
        var seed = FNV1a64()
        seed.add("renderer 3".utf8)
        let spec = try QueryDecoder().decode("d=1,2,3")
        #expect(spec.canonicalDigest(seed: seed) != spec.canonicalDigest(seed: FNV1a64()))
    }
}
