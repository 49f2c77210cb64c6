import PlotSpec

/// Lines (`lc`, `ls`, `lxy`) and scatter points (`s`) of an explicit frame. Without x values
/// the points of a series spread evenly from the left edge to the right one.
struct ExplicitLines {
    let chart: ExplicitChart
    let plot: Rect

    func place() -> ExplicitChart.Placed {
        let spec = chart.spec
        var placed = ExplicitChart.Placed()
        for (s, values) in spec.series.enumerated() {
            let range = ExplicitLook.range(s, spec.valueRanges)
            let xs = spec.x?.list(forSeries: s)
            let xRange = ExplicitLook.range(s, spec.xRanges)
            let n = values.count
            var points: [Point?] = []
            for (i, v) in values.enumerated() {
                let fx: Double
                if let xs {
                    guard i < xs.count, !xs[i].isNaN else { points.append(nil); continue }
                    fx = xRange.fraction(xs[i])
                } else {
                    fx = n > 1 ? Double(i) / Double(n - 1) : 0.5
                }
                points.append(v.isNaN ? nil : Point(ExplicitChart.x(fx, plot), ExplicitChart.y(range.fraction(v), plot)))
            }
            placed.points.append(points)
            placed.baselines.append(plot.maxY)
            guard s < chart.visibleCount else { continue }
            if spec.type == .scatter {
                placed.items += ExplicitScatter(chart: chart).items(points, series: s)
                continue
            }
            let color = chart.look.seriesColor(s, spec: spec)
            placed.items += line(points, series: s, color: color)
        }
        return placed
    }

    private func line(_ points: [Point?], series s: Int, color: RGBA) -> [SceneItem] {
        let spec = chart.spec
        let style = s < spec.lineStyles.count ? spec.lineStyles[s] : nil
        let width = style?.width ?? spec.lineWidth ?? 2
        guard width > 0 else { return [] }
        var path: [PathElement] = []
        var run: [Point] = []
        var dots: [PathElement] = []
        func flush() {
            if run.count == 1 {
                dots.append(.arc(center: run[0], radius: Swift.max(width, 1.5), start: 0, end: 2 * .pi))
            } else if let first = run.first {
                path.append(.move(first))
                for p in run.dropFirst() { path.append(.line(p)) }
            }
            run = []
        }
        for p in points {
            if let p { run.append(p) } else { flush() }
        }
        flush()
        var items: [SceneItem] = []
        if !path.isEmpty {
            let dash = (style?.dash ?? 0) > 0 ? [style!.dash, Swift.max(style!.gap, 0.5)] : []
            items.append(.shape(Shape(path: path, stroke: Stroke(color: color, width: width, join: .round, dash: dash))))
        }
        if !dots.isEmpty { items.append(.shape(Shape(path: dots, fill: color))) }
        return items
    }
}
