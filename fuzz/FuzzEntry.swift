// libFuzzer target over the pure stages: query decoding, validation, canonicalisation, layout.
//
// Built by scripts/fuzz.sh with `swiftc -sanitize=fuzzer,address` from Sources/PlotSpec and
// Sources/PlotLayout (not through Package.swift), together with the checks it shares with the
// property tests (Tests/TestSupport/PlotInvariants: SpecInvariants, SpecComparison,
// SceneInvariants, KnownLayoutIssues). One input is one raw query string (bytes,
// read the way the gateway reads QUERY_STRING: invalid UTF-8 repaired). Every invariant below
// that fails calls `fatalError`, which libFuzzer reports as a crash and saves as an artifact;
// each such artifact belongs in fuzz/regressions/ (replayed by FuzzRegressionTests).
//
// Invariants checked on every input:
//   - decoding never traps (decoded or threw a SpecError with a message and a 4xx status);
//   - a decoded spec is within its Limits (sizes, pixels, dpr, series, points, labels, texts,
//     line width), has no infinities, has consistent x lengths, ordered bounds, positive log data;
//   - the same, again, under tight Limits (so the fuzzer reaches every limit's boundary with
//     short inputs);
//   - the canonical query decodes, to the same canonical query and the same spec field by field;
//   - reordering the query's `&` items changes neither success nor the canonical query;
//   - the layout of a decoded spec (ApproximateTextMeasurer, no Cairo) and the error image of a
//     rejected one have only finite coordinates and the requested size.

#if canImport(Glibc)
import Glibc
#endif
import PlotLayout
import PlotSpec

@_cdecl("LLVMFuzzerTestOneInput")
public func plotgateFuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = size > 0 && data != nil ? Array(UnsafeBufferPointer(start: data, count: size)) : []
    FuzzTarget.run(String(decoding: bytes, as: UTF8.self))
    return 0
}

enum FuzzTarget {
    static let measurer = ApproximateTextMeasurer()

    /// PLOTGATE_FUZZ_STRICT=1: no open issue (KnownLayoutIssues) is tolerated.
    static let strict: Bool = {
        guard let v = getenv("PLOTGATE_FUZZ_STRICT") else { return false }
        return String(cString: v) == "1"
    }()

    /// Tight but workable limits: a default 600x400 chart still fits, while the data, label and
    /// text limits are small enough for short fuzz inputs to hit their boundaries.
    static let tight: Limits = {
        var l = Limits.tight  // shared with the property tests (Tests/TestSupport/PlotInvariants)
        l.maxQueryBytes = 8192
        return l
    }()

    static func run(_ query: String) {
        let standard = outcome(query, limits: .standard)
        let tightOutcome = outcome(query, limits: tight)

        // Whatever tight limits accept, standard limits accept too (tight limits are all lower),
        // and in the native dialect as the same chart. The Google dialect shortens label lists,
        // texts and its default size to fit the limits instead of rejecting, as Google did.
        if case .success(let t) = tightOutcome {
            guard case .success(let s) = standard else {
                fail(query, "accepted under tight limits but rejected under standard ones")
            }
            if t.dialectCanonical == nil, let why = SpecComparison.difference(s, t) {
                fail(query, "tight and standard decodes differ: \(why)")
            }
        }

        orderInsensitive(query, standard)

        switch standard {
        case .success(let spec):
            checkScene(ChartLayout.scene(for: spec, measurer: measurer), query,
                       width: Double(spec.width), height: Double(spec.height),
                       tolerateNonFinite: !strict && KnownLayoutIssues.issue(spec) != nil,
                       knownIssue: KnownLayoutIssues.issue(spec))
        case .failure(let error):
            // The gateway answers a rejected query with a picture of the message.
            for (w, h) in [(600, 400), (0, 0)] {
                let scene = ErrorScene.scene(message: error.message, width: w, height: h, dpr: 1,
                                             theme: .light, measurer: measurer)
                checkScene(scene, query, width: nil, height: nil, tolerateNonFinite: false, knownIssue: nil)
            }
        }
    }

    /// Decodes, checks the outcome, and checks the canonical round trip.
    static func outcome(_ query: String, limits: Limits) -> Result<ChartSpec, SpecError> {
        let result: Result<ChartSpec, SpecError>
        do {
            result = .success(try QueryDecoder(limits: limits).decode(query))
        } catch {
            result = .failure(error)
        }
        switch result {
        case .failure(let error):
            if error.message.isEmpty { fail(query, "error \(error.code) without a message") }
            if ![400, 413, 414].contains(error.status) { fail(query, "error status \(error.status)") }
        case .success(let spec):
            if let why = SpecInvariants.limitViolation(spec, limits: limits) { fail(query, "limit violated: \(why)") }
            roundTrip(spec, query: query, limits: limits)
        }
        return result
    }

    /// The canonical query decodes to the same canonical query and the same spec. Percent-encoding
    /// can make the canonical query longer than the original, so its length is not held against it.
    static func roundTrip(_ spec: ChartSpec, query: String, limits: Limits) {
        var roomy = limits
        roomy.maxQueryBytes = .max
        let canonical = spec.canonicalQuery
        let again: ChartSpec
        do {
            again = try QueryDecoder(limits: roomy).decode(canonical)
        } catch {
            fail(query, "canonical query \(canonical.debugDescription) does not decode: \(error.code) \(error.message)")
        }
        let twice = again.canonicalQuery
        if twice != canonical {
            fail(query, "canonical form not idempotent: \(canonical.debugDescription) -> \(twice.debugDescription)")
        }
        if let why = SpecComparison.difference(spec, again) {
            fail(query, "canonical query \(canonical.debugDescription) decodes to another spec: \(why)")
        }
    }

    /// Reversing, and rotating, the `&`-separated items changes neither whether the query
    /// decodes nor what it decodes to.
    static func orderInsensitive(_ query: String, _ original: Result<ChartSpec, SpecError>) {
        let items = query.utf8.split(separator: UInt8(ascii: "&"), omittingEmptySubsequences: false)
        guard items.count > 1 else { return }
        if QueryDecoder.isGoogleDialect(query) && !googleOrderFree(items) { return }
        let reversed = Array(items.reversed())
        let rotated = Array(items.dropFirst()) + [items[0]]
        for order in [reversed, rotated] {
            var bytes: [UInt8] = []
            for (i, item) in order.enumerated() {
                if i > 0 { bytes.append(UInt8(ascii: "&")) }
                bytes += item
            }
            let permuted = String(decoding: bytes, as: UTF8.self)
            let other: Result<ChartSpec, SpecError>
            do { other = .success(try QueryDecoder().decode(permuted)) } catch { other = .failure(error) }
            switch (original, other) {
            case (.success(let a), .success(let b)):
                if a.canonicalQuery != b.canonicalQuery {
                    fail(query, "reordered items decode differently: \(permuted.debugDescription): "
                         + "\(a.canonicalQuery.debugDescription) vs \(b.canonicalQuery.debugDescription)")
                }
            case (.failure, .failure):
                break
            case (.success, .failure(let e)):
                fail(query, "reordered items \(permuted.debugDescription) are rejected: \(e.code) \(e.message)")
            case (.failure(let e), .success):
                fail(query, "rejected (\(e.code) \(e.message)) but reordered items \(permuted.debugDescription) decode")
            }
        }
    }

    /// The Google dialect resolves a repeated parameter to its last occurrence and reads `&amp;`
    /// as `&`, both on purpose, so reordering only must not matter when names are plain and distinct.
    static func googleOrderFree(_ items: [Substring.UTF8View.SubSequence]) -> Bool {
        var names = Set<[UInt8]>()
        for item in items where !item.isEmpty {
            let name = item.prefix { $0 != UInt8(ascii: "=") }.map { $0 | 0x20 }
            guard name.allSatisfy({ $0 >= 0x61 && $0 <= 0x7A }), !name.starts(with: Array("amp".utf8)) else { return false }
            guard names.insert(name).inserted else { return false }
        }
        return true
    }

    static func checkScene(_ scene: Scene, _ query: String, width: Double?, height: Double?,
                           tolerateNonFinite: Bool, knownIssue: String?) {
        if let why = SceneInvariants.problem(scene), !(tolerateNonFinite && (why.contains("inf") || why.contains("nan"))) {
            fail(query, "scene: \(why)" + (knownIssue.map { " (may be the open issue \($0))" } ?? ""))
        }
        if let width, scene.width != width { fail(query, "scene width \(scene.width), spec asked for \(width)") }
        if let height, scene.height != height { fail(query, "scene height \(scene.height), spec asked for \(height)") }
    }

    static func fail(_ query: String, _ why: String) -> Never {
        let shown = query.utf8.count > 600 ? String(query.prefix(600)) + "…" : query
        fatalError("plotgate fuzz invariant: \(why)\n  query: \(shown.debugDescription)")
    }
}
