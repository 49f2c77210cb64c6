// libFuzzer target over the pure stages: query decoding, validation, canonicalisation, layout.
//
// Built by scripts/fuzz.sh with `swiftc -sanitize=fuzzer,address` from Sources/PlotSpec and
// Sources/PlotLayout (not through Package.swift). One input is one raw query string (bytes,
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

    /// Tight but workable limits: a default 600x400 chart still fits, while the data, label and
    /// text limits are small enough for short fuzz inputs to hit their boundaries.
    static let tight: Limits = {
        var l = Limits()
        l.maxQueryBytes = 8192
        l.maxParameters = 12
        l.maxSide = 1000
        l.maxPixels = 1_000_000
        l.maxDPR = 2
        l.maxSeries = 4
        l.maxPoints = 40
        l.maxTextLength = 12
        l.maxLabels = 6
        l.maxLineWidth = 5
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
            if t.dialectCanonical == nil, let why = Compare.difference(s, t) {
                fail(query, "tight and standard decodes differ: \(why)")
            }
        }

        orderInsensitive(query, standard)

        switch standard {
        case .success(let spec):
            checkScene(ChartLayout.scene(for: spec, measurer: measurer), query,
                       width: Double(spec.width), height: Double(spec.height),
                       tolerateNonFinite: KnownIssues.infiniteCoordinatesExpected(spec),
                       knownIssue: KnownIssues.issue(spec))
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
            if let why = Invariants.limitViolation(spec, limits: limits) { fail(query, "limit violated: \(why)") }
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
        if let why = Compare.difference(spec, again) {
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
        if let why = SceneCheck.problem(scene), !(tolerateNonFinite && (why.contains("inf") || why.contains("nan"))) {
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

/// Bugs found by this target that are reported but not fixed yet. Each is tolerated only in
/// the narrow case that produces it (and only as a non-finite coordinate), so everything else
/// is still checked; PLOTGATE_FUZZ_STRICT=1 tolerates nothing. Remove an entry when its fix
/// lands; its file in fuzz/regressions/ stays. Keep in step with Tests/PlotLayoutTests/SceneInvariants.swift.
enum KnownIssues {
    static let strict: Bool = {
        guard let v = getenv("PLOTGATE_FUZZ_STRICT") else { return false }
        return String(cString: v) == "1"
    }()

    static func infiniteCoordinatesExpected(_ spec: ChartSpec) -> Bool {
        !strict && issue(spec) != nil
    }

    /// The open issue that can make this spec's layout non-finite, if any. None is open: the
    /// three found so far (scatter margins, stacked sums and extreme zoom overflowing past the
    /// largest Double) are fixed in PlotLayout; list the next one here until its fix lands.
    static func issue(_ spec: ChartSpec) -> String? {
        nil
    }
}

/// Properties every decoded spec has, per `Limits` and the decoder's documentation.
enum Invariants {
    static func limitViolation(_ s: ChartSpec, limits l: Limits) -> String? {
        if s.width < 8 || s.width > l.maxSide { return "width \(s.width)" }
        if s.height < 8 || s.height > l.maxSide { return "height \(s.height)" }
        if !(s.dpr >= 1 && s.dpr <= l.maxDPR) { return "dpr \(s.dpr)" }
        let pixels = (Double(s.width) * s.dpr).rounded() * (Double(s.height) * s.dpr).rounded()
        if pixels > Double(l.maxPixels) { return "\(pixels) pixels" }
        if s.series.isEmpty || s.series.count > l.maxSeries { return "\(s.series.count) series" }
        var points = s.series.reduce(0) { $0 + $1.count }
        if let x = s.x { points += x.lists.reduce(0) { $0 + $1.count } }
        if points > l.maxPoints { return "\(points) points" }
        for v in s.series.joined() where v.isInfinite { return "infinite value \(v)" }
        if let x = s.x {
            if x.lists.isEmpty { return "x without lists" }
            if x.lists.count > 1 && (s.type != .scatter || x.lists.count != s.series.count) {
                return "\(x.lists.count) x lists for \(s.series.count) series of a \(s.type) chart"
            }
            for (i, values) in s.series.enumerated() where x.list(forSeries: i).count != values.count {
                return "series \(i): \(values.count) values, \(x.list(forSeries: i).count) x values"
            }
            for v in x.lists.joined() where v.isInfinite { return "infinite x \(v)" }
        }
        // The Google dialect (`cht=...`) shortens its texts to Google's 200 characters (or
        // `maxTextLength` when shorter) rather than rejecting them, and its title has up to 5 lines.
        let google = s.dialectCanonical != nil
        let textLimit = google ? Swift.min(googleTextLength, l.maxTextLength) : l.maxTextLength
        for (name, list) in [("labels", s.labels), ("names", s.names)] {
            if list.count > l.maxLabels { return "\(list.count) \(name)" }
            for t in list { if let why = textProblem(t, textLimit) { return "\(name): \(why)" } }
        }
        if s.colors.count > max(l.maxLabels, google ? 64 : 0) { return "\(s.colors.count) colors" }
        let titleLines = google ? (s.title ?? "").split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
                                : [s.title ?? ""]
        if titleLines.count > 5 { return "title of \(titleLines.count) lines" }
        for (name, text) in titleLines.map({ ("title", $0) }) + [("xlabel", s.xLabel ?? ""), ("ylabel", s.yLabel ?? "")] {
            if let why = textProblem(text, textLimit) { return "\(name): \(why)" }
        }
        for axis in s.axes {
            if let labels = axis.labels {
                if labels.count > max(l.maxLabels, googleTextLength) { return "\(labels.count) axis labels" }
                for t in labels { if let why = textProblem(t, googleTextLength) { return "axis label: \(why)" } }
            }
        }
        if s.markers.count > 64 { return "\(s.markers.count) markers" }
        for (name, bound) in [("xmin", s.xMin), ("xmax", s.xMax), ("ymin", s.yMin), ("ymax", s.yMax)] {
            if let bound, !bound.isFinite { return "\(name) \(bound)" }
        }
        if let a = s.xMin, let b = s.xMax, !(a < b) { return "xmin \(a) >= xmax \(b)" }
        if let a = s.yMin, let b = s.yMax, !(a < b) { return "ymin \(a) >= ymax \(b)" }
        if let w = s.lineWidth, !(w >= 0.25 && w <= l.maxLineWidth) { return "lw \(w)" }
        if s.yLog {
            for v in s.series.joined() where v <= 0 { return "log axis with value \(v)" }
            for b in [s.yMin, s.yMax] { if let b, b <= 0 { return "log axis with bound \(b)" } }
        }
        return nil
    }

    static let googleTextLength = 200

    static func textProblem(_ t: String, _ limit: Int) -> String? {
        if t.unicodeScalars.count > limit { return "\(t.unicodeScalars.count) characters" }
        if t.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) {
            return "control character in \(t.debugDescription)"
        }
        return nil
    }
}

/// Field-by-field comparison (gaps compare equal to gaps; -0 equals 0, which the canonical
/// form deliberately spells `0`).
enum Compare {
    static func difference(_ a: ChartSpec, _ b: ChartSpec) -> String? {
        if a.type != b.type { return "type \(a.type) vs \(b.type)" }
        if a.width != b.width || a.height != b.height { return "size \(a.width)x\(a.height) vs \(b.width)x\(b.height)" }
        if a.dpr != b.dpr { return "dpr \(a.dpr) vs \(b.dpr)" }
        if !same(a.series, b.series) { return "series \(a.series) vs \(b.series)" }
        if (a.x == nil) != (b.x == nil) { return "x present in one only" }
        if let ax = a.x, let bx = b.x {
            if ax.kind != bx.kind { return "x kind \(ax.kind) vs \(bx.kind)" }
            if !same(ax.lists, bx.lists) { return "x \(ax.lists) vs \(bx.lists)" }
        }
        if a.labels != b.labels { return "labels \(a.labels) vs \(b.labels)" }
        if a.names != b.names { return "names \(a.names) vs \(b.names)" }
        if a.colors != b.colors { return "colors \(a.colors) vs \(b.colors)" }
        // An empty text and no text draw the same; the canonical form omits both.
        for (n, p, q) in [("title", a.title, b.title), ("xlabel", a.xLabel, b.xLabel), ("ylabel", a.yLabel, b.yLabel)]
            where (p ?? "") != (q ?? "") {
            return "\(n) \(String(describing: p)) vs \(String(describing: q))"
        }
        for (n, p, q) in [("xmin", a.xMin, b.xMin), ("xmax", a.xMax, b.xMax), ("ymin", a.yMin, b.yMin),
                          ("ymax", a.yMax, b.yMax), ("lw", a.lineWidth, b.lineWidth)] where p != q {
            return "\(n) \(String(describing: p)) vs \(String(describing: q))"
        }
        if a.yLog != b.yLog || a.stacked != b.stacked || a.horizontal != b.horizontal { return "flags" }
        if a.legend != b.legend || a.grid != b.grid || a.theme != b.theme { return "legend/grid/theme" }
        if a.background != b.background { return "bg \(a.background) vs \(b.background)" }
        if a.format != b.format { return "format \(a.format) vs \(b.format)" }
        if a.frameStyle != b.frameStyle { return "frame \(a.frameStyle) vs \(b.frameStyle)" }
        // Every other field (the explicit frame of the Google dialect: axes, markers, paints,
        // styles, ranges, figures, QR codes, and whatever is added later), through its full
        // description, which spells NaN alike; -0 is read as 0.
        let (p, q) = (otherFields(a), otherFields(b))
        if p != q { return "fields differ:\n    \(p)\n    \(q)" }
        return nil
    }

    /// Fields compared above one by one.
    static let comparedFields: Set<String> = [
        "type", "width", "height", "dpr", "series", "x", "labels", "names", "colors", "title", "xLabel", "yLabel",
        "xMin", "xMax", "yMin", "yMax", "yLog", "stacked", "horizontal", "legend", "grid", "theme", "background",
        "lineWidth", "format", "frameStyle",
    ]

    static func otherFields(_ s: ChartSpec) -> String {
        var text = ""
        for child in Mirror(reflecting: s).children {
            guard let label = child.label, !comparedFields.contains(label) else { continue }
            text += label + ": " + String(reflecting: child.value) + "; "
        }
        return negativeZeroAsZero(text)
    }

    /// `-0.0` (not followed by more digits) becomes `0.0`.
    static func negativeZeroAsZero(_ text: String) -> String {
        let u = Array(text.utf8), pattern = Array("-0.0".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(u.count)
        var i = 0
        while i < u.count {
            if u[i] == pattern[0], i + 4 <= u.count, Array(u[i..<i + 4]) == pattern,
               i + 4 == u.count || !(u[i + 4] >= 0x30 && u[i + 4] <= 0x39 || u[i + 4] == UInt8(ascii: "e")) {
                i += 1  // drop the sign
                continue
            }
            out.append(u[i])
            i += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    static func same(_ a: [[Double]], _ b: [[Double]]) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { p, q in
            p.count == q.count && zip(p, q).allSatisfy { $0.isNaN ? $1.isNaN : $0 == $1 }
        }
    }
}

/// Every number a renderer would be handed is finite; sizes are positive.
enum SceneCheck {
    static func problem(_ scene: Scene) -> String? {
        guard scene.width.isFinite, scene.height.isFinite, scene.width > 0, scene.height > 0 else {
            return "size \(scene.width)x\(scene.height)"
        }
        guard scene.dpr.isFinite, scene.dpr >= 1 else { return "dpr \(scene.dpr)" }
        return problem(scene.items, path: "")
    }

    static func problem(_ items: [SceneItem], path: String) -> String? {
        for (i, item) in items.enumerated() {
            let here = path + "/\(i)"
            switch item {
            case .shape(let shape):
                for element in shape.path {
                    if let why = problem(element) { return "\(here) shape: \(why)" }
                }
                if let stroke = shape.stroke {
                    if !(stroke.width.isFinite && stroke.width >= 0) { return "\(here) stroke width \(stroke.width)" }
                    if stroke.dash.contains(where: { !($0.isFinite && $0 >= 0) }) { return "\(here) dash \(stroke.dash)" }
                }
            case .text(let run):
                if !finite(run.position) || !run.size.isFinite || !(run.size > 0) || !run.rotation.isFinite {
                    return "\(here) text \(run.text.debugDescription) at \(run.position) size \(run.size) rotation \(run.rotation)"
                }
            case .clipped(let rect, let inner):
                if !finite(rect) { return "\(here) clip \(rect)" }
                if let why = problem(inner, path: here) { return why }
            case .markers(let marker):
                if !(marker.size.isFinite && marker.size > 0) { return "\(here) marker size \(marker.size)" }
                if let p = marker.centers.first(where: { !finite($0) }) { return "\(here) marker at \(p)" }
            case .gradient(let g):
                let line = g.line
                if !finite(g.rect) || !g.angle.isFinite || !finite(line.start) || !finite(line.end)
                    || g.stops.contains(where: { !$0.offset.isFinite }) {
                    return "\(here) gradient \(g.rect) angle \(g.angle) stops \(g.stops.map(\.offset))"
                }
            case .qrCode(let qr):
                if !finite(qr.rect) || qr.rect.width < 0 || qr.rect.height < 0 { return "\(here) QR code in \(qr.rect)" }
                if qr.payload.count > qr.level.byteCapacity || qr.margin < 0 || qr.margin > 99 {
                    return "\(here) QR code of \(qr.payload.count) bytes at level \(qr.level), margin \(qr.margin)"
                }
            @unknown default:
                break  // a kind of item added after this target was written: nothing to check yet
            }
        }
        return nil
    }

    static func problem(_ element: PathElement) -> String? {
        switch element {
        case .move(let p), .line(let p):
            return finite(p) ? nil : "point \(p)"
        case .arc(let center, let radius, let start, let end):
            return finite(center) && radius.isFinite && radius >= 0 && start.isFinite && end.isFinite
                ? nil : "arc \(center) r \(radius) \(start)...\(end)"
        case .close:
            return nil
        case .rect(let r):
            return finite(r) ? nil : "rect \(r)"
        }
    }

    static func finite(_ p: Point) -> Bool { p.x.isFinite && p.y.isFinite }
    static func finite(_ r: Rect) -> Bool {
        r.x.isFinite && r.y.isFinite && r.width.isFinite && r.height.isFinite
    }
}
