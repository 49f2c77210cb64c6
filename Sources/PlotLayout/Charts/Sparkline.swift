import PlotSpec

/// A word-sized line: no axes, no text, 3 px padding, and a dot on the last value so the
/// reader sees "where it is now".
struct Sparkline {
    let spec: ChartSpec
    let style: Style

    static let padding = 3.0

    func scene() -> Scene {
        var scene = Scene(width: spec.widthD, height: spec.heightD, dpr: spec.dpr,
                          background: style.canvas(for: spec.background))
        let pad = Sparkline.padding
        let inner = Rect(x: pad, y: pad, width: Swift.max(1, spec.widthD - 2 * pad),
                         height: Swift.max(1, spec.heightD - 2 * pad))

        var yr = RangeAccumulator(), xr = RangeAccumulator()
        for (si, s) in spec.series.enumerated() {
            let xs = xValues(si)
            for i in s.indices where !s[i].isNaN {
                yr.add(s[i])
                if i < xs.count { xr.add(xs[i]) }
            }
        }
        guard let yRange = yr.range, let xRange = xr.range else { return scene }
        let yDomain = (spec.yMin ?? yRange.lowerBound)...Swift.max(spec.yMax ?? yRange.upperBound,
                                                                   spec.yMin ?? yRange.lowerBound)
        let xDomain = (spec.xMin ?? xRange.lowerBound)...Swift.max(spec.xMax ?? xRange.upperBound,
                                                                   spec.xMin ?? xRange.lowerBound)
        let xs = LinearScale(domain: xDomain, from: inner.minX, to: inner.maxX)
        let ys: any AxisScale = spec.yLog ? LogScale(domain: yDomain, from: inner.maxY, to: inner.minY)
                                          : LinearScale(domain: yDomain, from: inner.maxY, to: inner.minY)
        let width = spec.lineWidth ?? 1.25

        for (si, s) in spec.series.enumerated() {
            let color = style.seriesColor(si, spec: spec)
            let sx = xValues(si)
            var run: [Point] = [], path: [PathElement] = [], dots: [PathElement] = []
            var lastPoint: Point? = nil
            func flush() {
                let pts = Decimate.columns(run)
                if pts.count > 1 {
                    path.append(.move(pts[0]))
                    for p in pts.dropFirst() { path.append(.line(p)) }
                } else if let lone = pts.first {
                    // A point alone between gaps: a dot the width of the line, as on line charts.
                    dots.append(.arc(center: lone, radius: Swift.max(width, 1), start: 0, end: 2 * .pi))
                }
                run = []
            }
            for i in 0..<Swift.min(s.count, sx.count) {
                if s[i].isNaN || sx[i].isNaN { flush(); continue }
                let p = Point(xs(sx[i]), ys(s[i]))
                run.append(p)
                lastPoint = p
            }
            flush()
            if !path.isEmpty {
                scene.add(.shape(Shape(path: path, stroke: Stroke(color: color, width: width, cap: .round,
                                                                  join: .round))))
            }
            if !dots.isEmpty { scene.add(.shape(Shape(path: dots, fill: color))) }
            if let end = lastPoint {
                let dot = spec.series.count == 1 && spec.colors.isEmpty ? style.accent : color
                scene.add(.shape(Shape(path: [.arc(center: end, radius: 2, start: 0, end: 2 * .pi)], fill: dot)))
            }
        }
        return scene
    }

    private func xValues(_ series: Int) -> [Double] {
        if let x = spec.x { return x.list(forSeries: series) }
        return spec.series[series].indices.map(Double.init)
    }
}
