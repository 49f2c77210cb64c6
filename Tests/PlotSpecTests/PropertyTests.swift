import SeededRandom
import Testing
@testable import PlotSpec
import PlotInvariants

/// Properties of decoding over thousands of seeded random queries, in both dialects: limits
/// always hold, the canonical form is idempotent and faithful, the order of items does not
/// matter, and no byte string traps. The fuzz target (scripts/fuzz.sh) checks the same
/// properties on inputs libFuzzer evolves; these run in every `swift test`.
@Suite struct PropertyTests {
    static let tight = Limits.tight

    static let tiny: Limits = {
        var l = tight
        l.maxSide = 100
        l.maxPixels = 100 * 100
        l.maxSeries = 1
        l.maxPoints = 3
        l.maxTextLength = 1
        l.maxLabels = 1
        l.maxLineWidth = 0.5
        return l
    }()

    /// Outcome of decoding, checked for the basics every outcome must have.
    func decoded(_ query: String, limits: Limits = .standard) -> ChartSpec? {
        do {
            return try QueryDecoder(limits: limits).decode(query)
        } catch {
            #expect(!error.message.isEmpty, "\(query)")
            #expect([400, 413, 414].contains(error.status), "\(query)")
            return nil
        }
    }

    @Test(arguments: [(Limits.standard, "standard"), (tight, "tight"), (tiny, "tiny")] as [(Limits, String)])
    func limitsAlwaysHold(limits: Limits, name: String) {
        var g = QueryGenerator(seed: 11)
        var accepted = 0
        for _ in 0..<3_000 {
            let q = g.query().items.joined(separator: "&")
            guard let spec = decoded(q, limits: limits) else { continue }
            accepted += 1
            if let why = SpecInvariants.limitViolation(spec, limits: limits) {
                Issue.record("\(name) limits: \(why) for \(q)")
            }
        }
        // Standard limits must accept a good share, or the generator proves little.
        if name == "standard" { #expect(accepted > 300, "only \(accepted) of 3000 decoded") }
    }

    /// decode(canonical(decode(q))) is the same spec, with the same canonical query.
    @Test func canonicalIsIdempotentAndFaithful() {
        var g = QueryGenerator(seed: 12)
        var roomy = Limits()
        roomy.maxQueryBytes = .max  // percent-encoding may lengthen the canonical query
        var checked = 0
        for _ in 0..<3_000 {
            let q = g.query().items.joined(separator: "&")
            guard let spec = decoded(q) else { continue }
            checked += 1
            let canonical = spec.canonicalQuery
            guard let again = decoded(canonical, limits: roomy) else {
                Issue.record("canonical \(canonical) of \(q) does not decode")
                continue
            }
            #expect(again.canonicalQuery == canonical, "\(q)")
            #expect(sameValues(again.series, spec.series), "\(q) -> \(canonical)")
            #expect(again.x.map { sameValues($0.lists, spec.x?.lists ?? []) } ?? (spec.x == nil), "\(q)")
            #expect(again.x?.kind == spec.x?.kind, "\(q)")
            #expect(again.labels == spec.labels && again.names == spec.names && again.colors == spec.colors, "\(q)")
            #expect((again.title ?? "") == (spec.title ?? "") && again.xLabel == spec.xLabel && again.yLabel == spec.yLabel, "\(q)")
            #expect(again.xMin == spec.xMin && again.xMax == spec.xMax && again.yMin == spec.yMin && again.yMax == spec.yMax, "\(q)")
            #expect(again.width == spec.width && again.height == spec.height && again.dpr == spec.dpr, "\(q)")
            #expect(again.type == spec.type && again.background == spec.background && again.lineWidth == spec.lineWidth, "\(q)")
            #expect(again.frameStyle == spec.frameStyle && again.markers.count == spec.markers.count, "\(q)")
        }
        #expect(checked > 300)
    }

    /// Any permutation of the items decodes the same (native dialect: always; Google dialect:
    /// when no parameter repeats, since there the last occurrence wins on purpose).
    @Test func itemOrderDoesNotMatter() {
        var g = QueryGenerator(seed: 13)
        var compared = 0
        for _ in 0..<2_000 {
            var (items, google) = g.query()
            if google {
                let names = items.map { $0.prefix { $0 != "=" }.lowercased() }
                if Set(names).count != names.count { continue }
            }
            let expected = decoded(items.joined(separator: "&"))?.canonicalQuery
            for _ in 0..<3 {
                items.shuffle(using: &g.rng)
                let q = items.joined(separator: "&")
                #expect(decoded(q)?.canonicalQuery == expected, "\(q)")
            }
            if expected != nil { compared += 1 }
        }
        #expect(compared > 200)
    }

    /// GivenParameters promises that "errors and results do not depend on the order of the items":
    /// with two problems in one query, the same one is reported whatever the order (found by the
    /// fuzz target's item-order check).
    @Test func errorsDoNotDependOnItemOrder() {
        let pairs = [("zz=1&d=1&d=2", "d=1&d=2&zz=1"), ("d=1&data=2", "data=2&d=1"), ("d=%G1&w=%ZZ", "w=%ZZ&d=%G1"),
                     ("yy=1&zz=2&d=1", "zz=2&d=1&yy=1"), ("w=1&d=1&width=2&data=3", "data=3&width=2&d=1&w=1")]
        for (a, b) in pairs {
            let ea = error(of: a), eb = error(of: b)
            #expect(ea != nil && eb != nil)
            #expect(ea?.code == eb?.code && ea?.message == eb?.message, "\(a): \(ea?.message ?? "-") / \(b): \(eb?.message ?? "-")")
        }
    }

    /// Totality on arbitrary bytes (all 256 values), after either dialect's opening.
    @Test func anyBytesDecodeOrThrow() {
        var rng = SplitMix64(seed: 14)
        let openings = ["", "d=", "d=1&", "cht=lc&chd=t:", "cht=p&chs=200x100&chd=", "cht=bvs&chd=s:A&chm="]
        for round in 0..<6_000 {
            let count = Int(rng.next() % 96)
            let bytes = (0..<count).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
            let q = openings[round % openings.count] + String(decoding: bytes, as: UTF8.self)
            for limits in [Limits.standard, Self.tiny] {
                if let spec = decoded(q, limits: limits), let why = SpecInvariants.limitViolation(spec, limits: limits) {
                    Issue.record("\(why) for \(q.debugDescription)")
                }
            }
        }
    }

    /// Found while writing the fuzz target: percent-encoding makes the canonical query up to 3x
    /// longer than the query (`+` -> `%20`, raw UTF-8 -> `%C3%A9`), so a query near
    /// `maxQueryBytes` can decode while its canonical query is longer than the limit. Documented
    /// (docs/API.md, Canonical.swift): replaying a canonical query needs three times the limit.
    @Test func canonicalQueryOfALongQueryReplaysUnderThreeTimesTheLimit() throws {
        let label = String(repeating: "+", count: 200)
        let q = "d=1&labels=" + Array(repeating: label, count: 1_000).joined(separator: "|")
        #expect(q.utf8.count <= Limits.standard.maxQueryBytes)
        let spec = try QueryDecoder().decode(q)
        #expect(spec.canonicalQuery.utf8.count > Limits.standard.maxQueryBytes)
        var replay = Limits.standard
        replay.maxQueryBytes *= 3
        #expect(try QueryDecoder(limits: replay).decode(spec.canonicalQuery).canonicalQuery == spec.canonicalQuery)
    }
}
