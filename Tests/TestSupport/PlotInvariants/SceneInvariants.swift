import PlotLayout
import PlotSpec

/// Every number a renderer would be handed is finite and every size positive: one walk for the
/// layout tests and the fuzz target (scripts/fuzz.sh compiles this folder into it). Returns
/// the first problem, or nil.
public enum SceneInvariants {
    public static func problem(_ scene: Scene) -> String? {
        guard scene.width.isFinite, scene.height.isFinite, scene.width > 0, scene.height > 0 else {
            return "size \(scene.width)x\(scene.height)"
        }
        guard scene.dpr.isFinite, scene.dpr >= 1 else { return "dpr \(scene.dpr)" }
        return problem(scene.items, path: "")
    }

    public static func problem(_ items: [SceneItem], path: String) -> String? {
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
                break
            }
        }
        return nil
    }

    public static func problem(_ element: PathElement) -> String? {
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

    public static func finite(_ p: Point) -> Bool { p.x.isFinite && p.y.isFinite }
    public static func finite(_ r: Rect) -> Bool { r.x.isFinite && r.y.isFinite && r.width.isFinite && r.height.isFinite }

    /// A decoded spec's scene: finite, and exactly the size the spec asked for.
    public static func layoutProblem(_ spec: ChartSpec) -> String? {
        let scene = ChartLayout.scene(for: spec, measurer: ApproximateTextMeasurer())
        if let why = problem(scene) { return why }
        if scene.width != Double(spec.width) || scene.height != Double(spec.height) {
            return "scene \(scene.width)x\(scene.height) for a \(spec.width)x\(spec.height) spec"
        }
        return nil
    }

    /// The error image the gateway would draw for a rejected query.
    public static func errorSceneProblem(_ error: SpecError) -> String? {
        for (w, h) in [(600, 400), (0, 0), (120, 30)] {
            let scene = ErrorScene.scene(message: error.message, width: w, height: h, dpr: 1, theme: .light,
                                         measurer: ApproximateTextMeasurer())
            if let why = problem(scene) { return "error image \(w)x\(h): \(why)" }
        }
        return nil
    }
}

/// Open bugs found by the fuzz target and these tests (reported, not fixed yet): which one can
/// make a spec's layout non-finite. Keep in step with `KnownIssues` in fuzz/FuzzEntry.swift;
/// remove an entry when its fix lands.
public enum KnownLayoutIssues {
    /// The open issue that can make this spec's layout non-finite, if any. None is open: the
    /// three found so far (scatter margins, stacked sums and extreme zoom overflowing past the
    /// largest Double) are fixed in PlotLayout; list the next one here until its fix lands.
    public static func issue(_ spec: ChartSpec) -> String? {
        nil
    }
}
