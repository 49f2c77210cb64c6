import PlotSpec

/// What every decoded spec must satisfy, whatever the query: one definition for the property
/// tests and the fuzz target (scripts/fuzz.sh compiles this folder into it). Returns a
/// description of the first violation, or nil.
public enum SpecInvariants {
    /// The Google dialect shortens its texts to Google's 200 characters (or the operator's
    /// `maxTextLength` when that is shorter), and its title may have up to 5 lines (docs/GOOGLE.md).
    public static let googleTextLength = 200

    public static func limitViolation(_ s: ChartSpec, limits l: Limits) -> String? {
        if s.dialectCanonical != nil {
            if s.width < 8 || s.height < 8 || s.width > 1000 || s.height > 1000 || s.width * s.height > 300_000 {
                return "size \(s.width)x\(s.height) beyond Google's caps"
            }
            if s.dpr != 1 { return "dpr \(s.dpr)" }
            if s.width > l.maxSide || s.height > l.maxSide || Double(s.width * s.height) > Double(l.maxPixels) {
                return "google size \(s.width)x\(s.height) beyond the operator's limits"
            }
        } else {
            // A size the query did not give is the type's default: not range-checked (it is
            // ours, not the user's), only held to the pixel budget (LimitsTests.sizesFromLimits).
            let defaults = s.type.defaultSize
            if s.width < 8 || (s.width > l.maxSide && s.width != defaults.width) { return "width \(s.width)" }
            if s.height < 8 || (s.height > l.maxSide && s.height != defaults.height) { return "height \(s.height)" }
            if !(s.dpr >= 1 && s.dpr <= l.maxDPR) { return "dpr \(s.dpr)" }
        }
        let pixels = (Double(s.width) * s.dpr).rounded() * (Double(s.height) * s.dpr).rounded()
        if pixels > Double(l.maxPixels) && s.dialectCanonical == nil { return "\(pixels) pixels" }
        if s.series.isEmpty || s.series.count > l.maxSeries { return "\(s.series.count) series" }
        var points = s.series.reduce(0) { $0 + $1.count }
        if let x = s.x { points += x.lists.reduce(0) { $0 + $1.count } }
        if points > l.maxPoints { return "\(points) points" }
        if s.series.joined().contains(where: \.isInfinite) { return "an infinite value" }
        if let x = s.x {
            if x.lists.isEmpty { return "x without lists" }
            if x.lists.count > 1 && (s.type != .scatter || x.lists.count != s.series.count) {
                return "\(x.lists.count) x lists for \(s.series.count) series of a \(s.type) chart"
            }
            for (i, values) in s.series.enumerated() where x.list(forSeries: i).count != values.count {
                return "series \(i): \(values.count) values, \(x.list(forSeries: i).count) x values"
            }
            if x.lists.joined().contains(where: \.isInfinite) { return "an infinite x value" }
        }
        let google = s.dialectCanonical != nil
        let textLimit = google ? Swift.min(googleTextLength, l.maxTextLength) : l.maxTextLength
        for (name, list) in [("labels", s.labels), ("names", s.names)] {
            if list.count > l.maxLabels { return "\(list.count) \(name)" }
            for t in list { if let why = textProblem(t, textLimit) { return "\(name): \(why)" } }
        }
        let titleLines = google ? (s.title ?? "").split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
                                : [s.title ?? ""]
        if titleLines.count > 5 { return "title of \(titleLines.count) lines" }
        for (name, text) in titleLines.map({ ("title", $0) }) + [("xlabel", s.xLabel ?? ""), ("ylabel", s.yLabel ?? "")] {
            if let why = textProblem(text, textLimit) { return "\(name): \(why)" }
        }
        for axis in s.axes {
            for t in axis.labels ?? [] { if let why = textProblem(t, textLimit) { return "axis label: \(why)" } }
            if (axis.labels?.count ?? 0) > l.maxLabels { return "\(axis.labels?.count ?? 0) axis labels" }
        }
        if s.markers.count > 64 { return "\(s.markers.count) markers" }
        for (name, bound) in [("xmin", s.xMin), ("xmax", s.xMax), ("ymin", s.yMin), ("ymax", s.yMax)] {
            if let bound, !bound.isFinite { return "\(name) \(bound)" }
        }
        if let a = s.xMin, let b = s.xMax, !(a < b) { return "xmin \(a) >= xmax \(b)" }
        if let a = s.yMin, let b = s.yMax, !(a < b) { return "ymin \(a) >= ymax \(b)" }
        if let w = s.lineWidth, !(w >= 0.25 && w <= l.maxLineWidth) { return "lw \(w)" }
        if s.yLog {
            if let v = s.series.joined().first(where: { $0 <= 0 }) { return "log axis with value \(v)" }
            for b in [s.yMin, s.yMax] { if let b, b <= 0 { return "log axis with bound \(b)" } }
        }
        return nil
    }

    public static func textProblem(_ t: String, _ limit: Int) -> String? {
        if t.unicodeScalars.count > limit { return "\(t.unicodeScalars.count) characters" }
        if t.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) {
            return "control character in \(t.debugDescription)"
        }
        return nil
    }
}

extension Limits {
    /// Tight but workable limits: a default 600x400 chart still fits, while the data, label and
    /// text limits are small enough for short random or fuzzed inputs to hit their boundaries.
    public static let tight: Limits = {
        var l = Limits()
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
}
