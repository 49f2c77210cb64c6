import PlotSpec

/// `chm` markers over (or under) the data: shapes and texts at points, value labels, fills
/// to the bottom and between series, lines and bands.
struct ExplicitMarkers {
    let chart: ExplicitChart
    let plot: Rect
    let placed: ExplicitChart.Placed

    func items(below: Bool) -> [SceneItem] {
        var items: [SceneItem] = []
        // A scatter chart draws its points in the shape a marker gave them: not again here.
        let replacing = chart.spec.type == .scatter ? ExplicitScatter.replacements(chart.spec) : []
        for (k, m) in chart.spec.markers.enumerated() where m.below == below && !replacing.contains(k) {
            items += self.items(m)
        }
        return items
    }

    /// The selected points of a series, with their index.
    private func selected(_ m: MarkerSpec) -> [(Int, Point)] {
        if case .position(let x, let y) = m.points {
            return [(-1, Point(ExplicitChart.x(x, plot), ExplicitChart.y(y, plot)))]
        }
        guard m.series < placed.points.count else { return [] }
        let points = placed.points[m.series]
        func at(_ i: Int) -> (Int, Point)? { i >= 0 && i < points.count ? points[i].map { (i, $0) } : nil }
        switch m.points {
        case .all: return points.indices.compactMap(at)
        case .every(let n): return stride(from: 0, to: points.count, by: Swift.max(1, n)).compactMap(at)
        case .position: return []  // handled above
        case .point(let p):
            let i = Int(p.rounded(.down))
            let t = p - Double(i)
            guard t > 0, let a = at(i), let b = at(i + 1) else { return at(i).map { [$0] } ?? [] }
            return [(i, Point(a.1.x + (b.1.x - a.1.x) * t, a.1.y + (b.1.y - a.1.y) * t))]
        case .range(let start, let end, let step):
            var out: [(Int, Point)] = []
            var p = Swift.max(0, start)
            while p <= Swift.min(end, Double(points.count - 1)) + 1e-9, out.count < 10_000 {
                if let x = at(Int(p.rounded())) { out.append(x) }
                p += step
            }
            return out
        }
    }

    private func items(_ m: MarkerSpec) -> [SceneItem] {
        switch m.kind {
        case .shape(let shape):
            let path = selected(m).flatMap { ExplicitMarkers.path(shape, at: $0.1, size: m.size) }
            guard !path.isEmpty else { return [] }
            if shape == .cross || shape == .xMark {
                return [.shape(Shape(path: path, stroke: Stroke(color: m.color, width: Swift.max(1, m.size / 5))))]
            }
            return [.shape(Shape(path: path, fill: m.color))]
        case .text(let text):
            return selected(m).map { .text(TextRun(text, at: Point($0.1.x, $0.1.y - 4), size: m.size, color: m.color,
                                                   anchor: .middle, baseline: .bottom)) }
        case .value(let style):
            guard m.series < chart.spec.series.count else { return [] }
            // `x` in the format labels a point with its x value (scatter, lxy).
            let values = style.useX ? (chart.spec.x?.list(forSeries: m.series) ?? []) : chart.spec.series[m.series]
            return selected(m).compactMap { i, p -> SceneItem? in
                guard i >= 0, i < values.count, !values[i].isNaN else { return nil }
                let text = style.text(values[i])
                return .text(TextRun(text, at: Point(p.x, p.y - 3), size: m.size, color: m.color,
                                     anchor: .middle, baseline: .bottom))
            }
        case .fillToBottom:
            return fill(upper: m.series, lower: nil, color: m.color)
        case .fillBetween(let other):
            return fill(upper: m.series, lower: other, color: m.color)
        case .horizontalLine(let f):
            let y = ExplicitChart.y(f, plot)
            return [.shape(Shape(path: [.move(Point(plot.minX, y)), .line(Point(plot.maxX, y))],
                                 stroke: Stroke(color: m.color, width: m.size)))]
        case .verticalLine:
            return selected(m).map { .shape(Shape(path: [.move(Point($0.1.x, plot.maxY)), .line($0.1)],
                                                  stroke: Stroke(color: m.color, width: m.size))) }
        case .horizontalBand(let a, let b):
            let y0 = ExplicitChart.y(Swift.max(a, b), plot), y1 = ExplicitChart.y(Swift.min(a, b), plot)
            return [.shape(Shape(path: [.rect(Rect(x: plot.minX, y: y0, width: plot.width, height: Swift.max(1, y1 - y0)))],
                                 fill: m.color))]
        case .verticalBand(let a, let b):
            let x0 = ExplicitChart.x(Swift.min(a, b), plot), x1 = ExplicitChart.x(Swift.max(a, b), plot)
            return [.shape(Shape(path: [.rect(Rect(x: x0, y: plot.minY, width: Swift.max(1, x1 - x0), height: plot.height))],
                                 fill: m.color))]
        case .line:
            let pts = selected(m).map(\.1)
            guard pts.count > 1 else { return [] }
            return [.shape(Shape(path: [.move(pts[0])] + pts.dropFirst().map { .line($0) },
                                 stroke: Stroke(color: m.color, width: m.size, join: .round)))]
        }
    }

    /// The area under a series' line down to the bottom, or down to another series' line.
    private func fill(upper: Int, lower: Int?, color: RGBA) -> [SceneItem] {
        guard upper < placed.points.count else { return [] }
        let top = placed.points[upper]
        let bottom = lower.flatMap { $0 < placed.points.count ? placed.points[$0] : nil }
        var path: [PathElement] = []
        // Runs where both lines have points, so a gap leaves a gap in the fill.
        var run: [(Point, Point)] = []
        func flush() {
            if run.count > 1 {
                path.append(.move(run[0].0))
                for (p, _) in run.dropFirst() { path.append(.line(p)) }
                for (_, q) in run.reversed() { path.append(.line(q)) }
                path.append(.close)
            }
            run = []
        }
        for (i, p) in top.enumerated() {
            guard let p else { flush(); continue }
            if let bottom {
                guard i < bottom.count, let q = bottom[i] else { flush(); continue }
                run.append((p, q))
            } else {
                run.append((p, Point(p.x, plot.maxY)))
            }
        }
        flush()
        return path.isEmpty ? [] : [.shape(Shape(path: path, fill: color))]
    }

    static func path(_ shape: MarkerSpec.Shape, at c: Point, size: Double) -> [PathElement] {
        let r = size / 2
        switch shape {
        case .circle: return [.move(Point(c.x + r, c.y)), .arc(center: c, radius: r, start: 0, end: 2 * .pi), .close]
        case .square: return [.rect(Rect(x: c.x - r, y: c.y - r, width: size, height: size))]
        case .diamond:
            return [.move(Point(c.x, c.y - r)), .line(Point(c.x + r, c.y)), .line(Point(c.x, c.y + r)),
                    .line(Point(c.x - r, c.y)), .close]
        case .arrow:
            return [.move(Point(c.x, c.y)), .line(Point(c.x - r, c.y - size)), .line(Point(c.x + r, c.y - size)), .close]
        case .cross:
            return [.move(Point(c.x - r, c.y)), .line(Point(c.x + r, c.y)), .move(Point(c.x, c.y - r)), .line(Point(c.x, c.y + r))]
        case .xMark:
            return [.move(Point(c.x - r, c.y - r)), .line(Point(c.x + r, c.y + r)), .move(Point(c.x - r, c.y + r)),
                    .line(Point(c.x + r, c.y - r))]
        }
    }
}
