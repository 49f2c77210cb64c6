import PlotSpec

/// Field-by-field comparison (gaps compare equal to gaps; -0 equals 0, which the canonical
/// form deliberately spells `0`).
public enum SpecComparison {
    public static func difference(_ a: ChartSpec, _ b: ChartSpec) -> String? {
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
    public static let comparedFields: Set<String> = [
        "type", "width", "height", "dpr", "series", "x", "labels", "names", "colors", "title", "xLabel", "yLabel",
        "xMin", "xMax", "yMin", "yMax", "yLog", "stacked", "horizontal", "legend", "grid", "theme", "background",
        "lineWidth", "format", "frameStyle",
    ]

    public static func otherFields(_ s: ChartSpec) -> String {
        var text = ""
        for child in Mirror(reflecting: s).children {
            guard let label = child.label, !comparedFields.contains(label) else { continue }
            text += label + ": " + String(reflecting: child.value) + "; "
        }
        return negativeZeroAsZero(text)
    }

    /// `-0.0` (not followed by more digits) becomes `0.0`.
    public static func negativeZeroAsZero(_ text: String) -> String {
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

    public static func same(_ a: [[Double]], _ b: [[Double]]) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { p, q in
            p.count == q.count && zip(p, q).allSatisfy { $0.isNaN ? $1.isNaN : $0 == $1 }
        }
    }
}
