import PlotSpec

/// Venn diagrams (`v`): two or three translucent circles sized by area, overlapping by their
/// intersections (see `VennGeometry`). Colours from `chco` (one per circle) or Google's palette;
/// a colour given without alpha is drawn half transparent so every overlap stays visible.
struct VennChart {
    let spec: ChartSpec
    let look: ExplicitLook

    /// The colour of circle i as the legend shows it (opaque).
    static func colors(_ spec: ChartSpec, look: ExplicitLook) -> [RGBA] {
        (0..<3).map { look.seriesColor($0, spec: spec) }
    }

    func items(in area: Rect) -> [SceneItem] {
        let values = spec.series.first ?? []
        let circles = VennGeometry.fitted(VennGeometry.circles(values), in: area.inset(by: 2))
        let colors = VennChart.colors(spec, look: look)
        var items: [SceneItem] = []
        for (i, c) in circles.enumerated() where c.radius > 0 {
            let fill = colors[i].a == 255 ? colors[i].withAlpha(0x99) : colors[i]
            items.append(.shape(Shape(path: [.move(Point(c.center.x + c.radius, c.center.y)),
                                             .arc(center: c.center, radius: c.radius, start: 0, end: 2 * .pi), .close],
                                      fill: fill, stroke: Stroke(color: colors[i].withAlpha(0xFF), width: 1))))
        }
        return items
    }
}
