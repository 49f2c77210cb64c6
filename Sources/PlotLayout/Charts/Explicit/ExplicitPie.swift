import PlotSpec

/// Pies of an explicit frame (`p`, `p3` drawn flat, `pc` concentric rings): slices clockwise
/// from `pieStart` (3 o'clock by default, as Google drew them), `chl` labels outside.
struct ExplicitPie {
    let spec: ChartSpec
    let look: ExplicitLook
    let measurer: any TextMeasurer

    /// Slice colours: one per slice from `chco=a|b|c`; else a blend through the series
    /// colours given with `,`; else shades of the one colour, darkest first (Google's way).
    static func sliceColors(spec: ChartSpec, look: ExplicitLook, count: Int, series: Int) -> [RGBA] {
        guard count > 0 else { return [] }
        if series < spec.pointColors.count, !spec.pointColors[series].isEmpty {
            return (0..<count).map { look.pointColor(series: series, point: $0, spec: spec) }
        }
        if series == 0, spec.colors.count > 1, spec.pieStyle == .single {
            let c = spec.colors
            return (0..<count).map { i in
                let t = count > 1 ? Double(i) / Double(count - 1) * Double(c.count - 1) : 0
                let k = Swift.min(Int(t), c.count - 2)
                return mix(c[k], c[k + 1], t - Double(k))
            }
        }
        let base = look.seriesColor(series, spec: spec)
        return (0..<count).map { i in count > 1 ? mix(base, RGBA(hex: 0xFFFFFF), 0.7 * Double(i) / Double(count - 1)) : base }
    }

    func items(in area: Rect) -> [SceneItem] {
        let rings = spec.pieStyle == .concentric ? spec.series : Array(spec.series.prefix(1))
        let labels = spec.labels
        let labelSize = look.axisSize
        let widest = labels.map { measurer.width(of: $0, size: labelSize, bold: false) }.max() ?? 0
        let side = labels.isEmpty ? 0 : Swift.min(widest + 10, area.width * 0.3)
        let vertical = labels.isEmpty ? 0 : labelSize
        let radius = Swift.max(4, Swift.min((area.width - 2 * side) / 2, (area.height - 2 * vertical) / 2))
        let center = Point(area.midX, area.midY)
        var items: [SceneItem] = []
        var outer: [ExplicitPieLabels.Label] = []
        for (k, values) in rings.enumerated() {
            let v = values.map { $0.isNaN || $0 < 0 ? 0 : $0 }
            let total = v.reduce(0, +)
            guard total > 0, total.isFinite else { continue }
            let r1 = radius * Double(k + 1) / Double(rings.count), r0 = radius * Double(k) / Double(rings.count)
            let colors = ExplicitPie.sliceColors(spec: spec, look: look, count: v.count, series: k)
            var angle = spec.pieStart * .pi / 180
            for (i, x) in v.enumerated() where x > 0 {
                let sweep = 2 * .pi * x / total
                let path: [PathElement] = r0 > 0
                    ? [.arc(center: center, radius: r1, start: angle, end: angle + sweep),
                       .arc(center: center, radius: r0, start: angle + sweep, end: angle), .close]
                    : [.move(center), .arc(center: center, radius: r1, start: angle, end: angle + sweep), .close]
                items.append(.shape(Shape(path: path, fill: colors[i],
                                          stroke: v.count > 1 ? Stroke(color: RGBA(hex: 0xFFFFFF), width: 0.75, join: .bevel) : nil)))
                if k == rings.count - 1, i < labels.count, !labels[i].isEmpty {
                    let text = measurer.fitting(labels[i], size: labelSize, maxWidth: Swift.max(side, 20))
                    outer.append(.init(index: i, angle: angle + sweep / 2, share: x / total, text: text))
                }
                angle += sweep
            }
        }
        // Labels name the outer ring's slices, spread apart so none overlaps another.
        items += ExplicitPieLabels(center: center, radius: radius, area: area, size: labelSize, color: look.axisText,
                                   lineColor: look.axisLine).items(outer)
        return items
    }
}
