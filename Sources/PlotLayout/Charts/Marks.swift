import PlotSpec

/// The data marks of a cartesian chart in pixel space, plus the rectangles they cover (used to
/// place a legend where it hides nothing).
struct Marks {
    let chart: CartesianChart
    let frame: CartesianFrame

    struct Output {
        var items: [SceneItem] = []
        /// Pixel boxes of what was drawn: points, segment midpoints, bar rectangles.
        var obstacles: [Rect] = []
        var empty = true
    }

    static let defaultLineWidth = 1.5

    /// A point alone between gaps is drawn as a dot a little wider than the line.
    static func loneDotRadius(lineWidth: Double) -> Double { Swift.max(lineWidth * 1.5, 2.5) }

    func items() -> Output {
        var out = Output()
        let spec = chart.spec
        out.empty = !spec.series.contains { $0.contains { !$0.isNaN } }
        switch spec.type {
        case .line: lines(into: &out, area: false)
        case .area: lines(into: &out, area: true)
        case .bar: bars(into: &out)
        case .scatter: scatter(into: &out)
        case .pie, .donut, .spark: break
        }
        return out
    }

    private var plot: Rect { frame.plot }
    private var xScale: any AxisScale { frame.bottom.scale(from: plot.minX, to: plot.maxX) }
    private var yScale: any AxisScale { frame.left.scale(from: plot.maxY, to: plot.minY) }

    // MARK: lines and areas

    private func lines(into out: inout Output, area: Bool) {
        let spec = chart.spec, data = chart.data
        let xs = xScale, ys = yScale
        let width = spec.lineWidth ?? Marks.defaultLineWidth
        let baseY = ys(frame.left.baseline)
        let stacked = area && spec.stacked

        var fills: [SceneItem] = [], strokes: [SceneItem] = []
        for si in data.ys.indices {
            let color = chart.style.seriesColor(si, spec: spec)
            let top = stacked ? data.stackHigh[si] : data.ys[si]
            let runs = pixelRuns(xs: data.xs[si], values: top, xScale: xs, yScale: ys, skipGaps: !stacked)
            var path: [PathElement] = []
            var dots: [PathElement] = []
            for run in runs {
                out.obstacles += obstacleBoxes(run)
                if run.count == 1 {
                    // A lone point between gaps would be invisible as a line: draw a dot.
                    dots.append(.arc(center: run[0], radius: Marks.loneDotRadius(lineWidth: width), start: 0, end: 2 * .pi))
                    continue
                }
                path.append(.move(run[0]))
                for p in run.dropFirst() { path.append(.line(p)) }
                if area {
                    var poly: [PathElement] = [.move(run[0])]
                    for p in run.dropFirst() { poly.append(.line(p)) }
                    if stacked {
                        let lowRun = pixelRuns(xs: data.xs[si], values: data.stackLow[si], xScale: xs, yScale: ys,
                                               skipGaps: false).first ?? []
                        for p in lowRun.reversed() { poly.append(.line(p)) }
                    } else {
                        poly.append(.line(Point(run[run.count - 1].x, baseY)))
                        poly.append(.line(Point(run[0].x, baseY)))
                    }
                    poly.append(.close)
                    fills.append(.shape(Shape(path: poly, fill: color.withAlpha(stacked ? 200 : 72))))
                }
            }
            if !path.isEmpty {
                strokes.append(.shape(Shape(path: path, stroke: Stroke(color: color, width: width, cap: .butt,
                                                                       join: .round))))
            }
            if !dots.isEmpty { strokes.append(.shape(Shape(path: dots, fill: color))) }
        }
        out.items += fills + strokes
    }

    /// Contiguous runs of present points in pixel space; dense runs are reduced to what a pixel
    /// column can show (see `Decimate`).
    private func pixelRuns(xs: [Double], values: [Double], xScale: any AxisScale, yScale: any AxisScale,
                           skipGaps: Bool) -> [[Point]] {
        var runs: [[Point]] = []
        var current: [Point] = []
        let n = Swift.min(xs.count, values.count)
        for i in 0..<n {
            let x = xs[i], v = values[i]
            if x.isNaN || v.isNaN {
                if skipGaps, !current.isEmpty { runs.append(current); current = [] }
                continue
            }
            current.append(Point(xScale(x), yScale(v)))
        }
        if !current.isEmpty { runs.append(current) }
        return runs.map { Decimate.columns($0) }
    }

    private func obstacleBoxes(_ run: [Point]) -> [Rect] {
        // Points and segment midpoints are enough to tell whether a legend corner is free.
        var boxes: [Rect] = []
        boxes.reserveCapacity(run.count * 2)
        for (i, p) in run.enumerated() {
            boxes.append(Rect(x: p.x - 2, y: p.y - 2, width: 4, height: 4))
            if i > 0 {
                let q = run[i - 1]
                boxes.append(Rect(x: (p.x + q.x) / 2 - 2, y: (p.y + q.y) / 2 - 2, width: 4, height: 4))
            }
        }
        return boxes
    }

    // MARK: bars

    private func bars(into out: inout Output) {
        let spec = chart.spec, data = chart.data
        let horizontal = chart.horizontal
        // Categories run along the bottom, or down the left side for horizontal bars.
        let catScale = horizontal ? frame.left.scale(from: plot.minY, to: plot.maxY) : xScale
        let valueAxis = horizontal ? frame.bottom : frame.left
        let valScale = horizontal ? valueAxis.scale(from: plot.minX, to: plot.maxX) : yScale
        let base = valueAxis.baseline
        let groupWidth = 0.8
        let n = Double(Swift.max(1, data.ys.count))
        let barWidth = spec.stacked ? groupWidth : groupWidth / n

        for si in data.ys.indices {
            let color = chart.style.seriesColor(si, spec: spec)
            var path: [PathElement] = []
            for i in data.ys[si].indices where !data.ys[si][i].isNaN {
                let slotStart = Double(i) - groupWidth / 2 + (spec.stacked ? 0 : Double(si) * barWidth)
                let low = spec.stacked ? data.stackLow[si][i] : Swift.min(base, data.ys[si][i])
                let high = spec.stacked ? data.stackHigh[si][i] : Swift.max(base, data.ys[si][i])
                let c0 = catScale(slotStart), c1 = catScale(slotStart + barWidth)
                let v0 = valScale(low), v1 = valScale(high)
                let rect = horizontal
                    ? Rect(x: Swift.min(v0, v1), y: Swift.min(c0, c1), width: abs(v1 - v0), height: abs(c1 - c0))
                    : Rect(x: Swift.min(c0, c1), y: Swift.min(v0, v1), width: abs(c1 - c0), height: abs(v1 - v0))
                path.append(.rect(rect))
                out.obstacles.append(rect)
            }
            if !path.isEmpty { out.items.append(.shape(Shape(path: path, fill: color, crispFill: true))) }
        }
    }

    // MARK: scatter

    private func scatter(into out: inout Output) {
        let spec = chart.spec, data = chart.data
        let xs = xScale, ys = yScale
        let total = data.ys.reduce(0) { $0 + $1.count }
        // Small markers when there are many points, so clouds keep their shape (R5: 3 px).
        let size = total > 1000 ? 3.0 : (total > 200 ? 4.5 : 6.0)
        for si in data.ys.indices {
            var centers: [Point] = []
            let sx = data.xs[si], sy = data.ys[si]
            centers.reserveCapacity(sy.count)
            for i in 0..<Swift.min(sx.count, sy.count) where !sx[i].isNaN && !sy[i].isNaN {
                let p = Point(xs(sx[i]), ys(sy[i]))
                centers.append(p)
                out.obstacles.append(Rect(x: p.x - size / 2, y: p.y - size / 2, width: size, height: size))
            }
            if !centers.isEmpty {
                out.items.append(.markers(Marker(symbol: .circle, size: size,
                                                 color: chart.style.seriesColor(si, spec: spec), centers: centers)))
            }
        }
    }
}
