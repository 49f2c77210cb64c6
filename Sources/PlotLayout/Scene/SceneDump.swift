import PlotSpec

/// A scene as stable, readable text: one line per primitive, numbers rounded to 0.01 px.
/// Used by snapshot tests of the layout stage, which never need Cairo.
extension Scene {
    public func dump() -> String {
        var out = "scene \(n(width))x\(n(height)) dpr \(n(dpr)) bg \(background?.hexString ?? "none")"
            + (opacity < 1 ? " opacity \(n(opacity))" : "") + "\n"
        Scene.dump(items, indent: "", into: &out)
        return out
    }

    private static func dump(_ items: [SceneItem], indent: String, into out: inout String) {
        for item in items {
            switch item {
            case .shape(let s):
                var line = indent + "shape"
                if let f = s.fill { line += " fill \(f.hexString)" + (s.crispFill ? " crisp" : "") }
                if let st = s.stroke {
                    line += " stroke \(st.color.hexString) w\(n(st.width)) \(st.cap.rawValue)/\(st.join.rawValue)"
                    if st.crisp { line += " crisp" }
                    if !st.dash.isEmpty { line += " dash " + st.dash.map(n).joined(separator: ",") }
                }
                line += ": " + s.path.map(describe).joined(separator: " ")
                out += line + "\n"
            case .text(let t):
                out += indent + "text \"\(t.text)\" at \(n(t.position.x)),\(n(t.position.y)) size \(n(t.size))"
                    + " \(t.color.hexString) \(t.anchor.rawValue)/\(t.baseline.rawValue)"
                    + (t.rotation != 0 ? " rot \(n(t.rotation))" : "") + (t.bold ? " bold" : "") + "\n"
            case .clipped(let r, let inner):
                out += indent + "clip \(rect(r))\n"
                dump(inner, indent: indent + "  ", into: &out)
            case .markers(let m):
                let pts = m.centers.prefix(4).map { "\(n($0.x)),\(n($0.y))" }.joined(separator: " ")
                out += indent + "markers \(m.symbol.rawValue) d\(n(m.size)) \(m.color.hexString) x\(m.centers.count): \(pts)"
                    + (m.centers.count > 4 ? " …" : "") + "\n"
            case .gradient(let g):
                let stops = g.stops.map { "\(n($0.offset)):\($0.color.hexString)" }.joined(separator: " ")
                out += indent + "gradient \(rect(g.rect)) angle \(n(g.angle)): \(stops)\n"
            case .qrCode(let q):
                out += indent + "qr \(rect(q.rect)) level \(q.level.rawValue) margin \(q.margin) \(q.color.hexString): "
                    + "\"" + String(String(decoding: q.payload, as: UTF8.self).unicodeScalars.prefix(40)
                        .map { $0.value < 0x20 ? "?" : Character($0) }) + "\" (\(q.payload.count) bytes)\n"
            }
        }
    }

    private static func describe(_ e: PathElement) -> String {
        switch e {
        case .move(let p): "M\(n(p.x)),\(n(p.y))"
        case .line(let p): "L\(n(p.x)),\(n(p.y))"
        case .close: "Z"
        case .rect(let r): "R" + rect(r)
        case .arc(let c, let r, let s, let e): "A\(n(c.x)),\(n(c.y)) r\(n(r)) \(n(s))..\(n(e))"
        }
    }

    private static func rect(_ r: Rect) -> String { "\(n(r.x)),\(n(r.y)) \(n(r.width))x\(n(r.height))" }
}

/// Fixed two-decimal text, `-0` normalised, without Foundation.
private func n(_ v: Double) -> String {
    guard v.isFinite else { return v.isNaN ? "nan" : (v > 0 ? "inf" : "-inf") }
    let scaled = (v * 100).rounded()
    if scaled == 0 { return "0" }
    let negative = scaled < 0
    let magnitude = Swift.min(abs(scaled), 9e15)
    let whole = Int64(magnitude) / 100, frac = Int64(magnitude) % 100
    var s = negative ? "-" : ""
    s += String(whole)
    if frac != 0 {
        s += "." + (frac < 10 ? "0" : "") + String(frac)
        while s.hasSuffix("0") { s.removeLast() }
    }
    return s
}
