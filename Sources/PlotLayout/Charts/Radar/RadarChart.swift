import PlotSpec

/// Radar charts (`r`, and `rs` with curves): a line chart wrapped around a circle. Points are
/// spaced evenly clockwise from 12 o'clock; the centre is each series' range minimum and the
/// rim its maximum. As on Google, the circle has as many segments as the larger of the
/// perimeter labels and the longest series less one (n + 1 points make a full circuit, the last
/// one back at the top), and at least four.
struct RadarChart {
    let spec: ChartSpec
    let look: ExplicitLook
    let measurer: any TextMeasurer
    let smooth: Bool

    /// The perimeter axis (`x` or `t`) and the radial one (`y` or `r`), the first of each.
    private var perimeterAxis: AxisSpec? { spec.axes.first { $0.side == .bottom || $0.side == .top } }
    private var radialAxis: AxisSpec? { spec.axes.first { $0.side == .left || $0.side == .right } }

    var segments: Int {
        let longest = spec.series.map(\.count).max() ?? 0
        return Swift.max(4, perimeterAxis?.labels?.count ?? 0, longest - 1)
    }

    /// Angle of point k: clockwise from 12 o'clock.
    func angle(_ k: Double) -> Double { -.pi / 2 + 2 * .pi * k / Double(segments) }

    func items(in area: Rect) -> [SceneItem] {
        let size = perimeterAxis?.fontSize ?? look.axisSize
        let perimeter = perimeterLabels()
        let widest = perimeter.map { measurer.width(of: $0.text, size: size, bold: false) }.max() ?? 0
        let side = perimeter.isEmpty ? 2 : Swift.min(widest + 6, area.width * 0.3)
        let vertical = perimeter.isEmpty ? 2 : size * FontMetrics.lineHeight + 4
        let radius = Swift.max(8, Swift.min((area.width - 2 * side) / 2, (area.height - 2 * vertical) / 2))
        let center = Point(area.midX, area.midY)

        var items = grid(center: center, radius: radius)
        let points = spec.series.enumerated().map { s, values in
            let range = ExplicitLook.range(s, spec.valueRanges)
            return values.enumerated().map { k, v -> Point? in
                guard !v.isNaN else { return nil }
                let r = Swift.min(1, Swift.max(0, range.fraction(v))) * radius
                return Point(center.x + cos(angle(Double(k))) * r, center.y + sin(angle(Double(k))) * r)
            }
        }
        items += fills(points)
        let visible = Swift.min(spec.series.count, spec.visibleSeries ?? spec.series.count)
        for s in 0..<visible { items += line(points[s], series: s) }
        items += axisItems(center: center, radius: radius, perimeter: perimeter, size: size)
        // Shapes, texts and values at the points: the same markers as a line chart's.
        var pointMarkers = spec
        pointMarkers.markers = spec.markers.filter {
            switch $0.kind {
            case .shape, .text, .value: true
            default: false
            }
        }
        let chart = ExplicitChart(spec: pointMarkers, measurer: measurer)
        let placed = ExplicitChart.Placed(points: points)
        let bounds = Rect(x: center.x - radius, y: center.y - radius, width: 2 * radius, height: 2 * radius)
        let markers = ExplicitMarkers(chart: chart, plot: bounds, placed: placed)
        return items + markers.items(below: true) + markers.items(below: false)
    }

    // MARK: grid and axes

    /// Spokes and rings: from `chg` (x step: spokes every x percent of the circle, y step:
    /// rings every y percent of the radius); by default a spoke per segment and a ring per
    /// radial label (or four).
    private func grid(center: Point, radius: Double) -> [SceneItem] {
        var spokes: [Double] = [], rings: [Double] = []
        var dash: [Double] = []
        if let g = spec.gridLines {
            if g.xStep > 0 { spokes = Array(stride(from: 0.0, to: 100, by: Swift.max(g.xStep, 1))).map { $0 / 100 } }
            if g.yStep > 0 { rings = Array(stride(from: g.yStep, through: 100.0001, by: Swift.max(g.yStep, 1))).map { $0 / 100 } }
            if g.dash > 0 && g.gap > 0 { dash = [g.dash, g.gap] }
        } else {
            spokes = (0..<segments).map { Double($0) / Double(segments) }
            let labelled = radialAxis.map { ExplicitAxes.labels($0, slots: nil, target: radialTarget(radius)).map(\.fraction) } ?? []
            rings = labelled.filter { $0 > 0.001 && $0 <= 1.001 }
            if rings.isEmpty { rings = [0.25, 0.5, 0.75, 1] }
        }
        var path: [PathElement] = []
        for f in spokes {
            let a = -.pi / 2 + 2 * .pi * f
            path += [.move(center), .line(Point(center.x + cos(a) * radius, center.y + sin(a) * radius))]
        }
        for f in rings {
            let r = f * radius
            for k in 0...segments {
                let p = Point(center.x + cos(angle(Double(k))) * r, center.y + sin(angle(Double(k))) * r)
                path.append(k == 0 ? .move(p) : .line(p))
            }
        }
        guard !path.isEmpty else { return [] }
        return [.shape(Shape(path: path, stroke: Stroke(color: look.grid, width: 0.75, dash: dash)))]
    }

    /// Perimeter labels at their angles: `chxl` labels one per segment from the top, `chxp`
    /// positions as fractions of the range around the circle, else numbers from the range.
    private func perimeterLabels() -> [ExplicitAxes.Label] {
        guard let axis = perimeterAxis else { return [] }
        if let texts = axis.labels, axis.positions == nil {
            return texts.prefix(segments).enumerated().map { ExplicitAxes.Label(text: $1, fraction: Double($0) / Double(segments)) }
        }
        var labels = ExplicitAxes.labels(axis, slots: nil, target: 8).filter { $0.fraction >= -0.001 && $0.fraction < 0.999 }
        labels = labels.filter { !$0.text.isEmpty }
        return labels
    }

    private func axisItems(center: Point, radius: Double, perimeter: [ExplicitAxes.Label], size: Double) -> [SceneItem] {
        var items: [SceneItem] = []
        var taken: [Rect] = []
        let color = perimeterAxis?.color ?? look.axisText
        for label in perimeter {
            let a = -.pi / 2 + 2 * .pi * label.fraction
            let text = measurer.fitting(label.text, size: size, maxWidth: Swift.max(40, center.x))
            let placed = RadialLabel(text, center: center, radius: radius + 4, angle: a, size: size, color: color,
                                     measurer: measurer)
            taken.append(placed.box)
            items.append(.text(placed.run))
        }
        if let axis = radialAxis {
            // Along the 12 o'clock spoke, just right of it; the centre's label is left out
            // (every series meets there).
            let rsize = axis.fontSize ?? look.axisSize
            if axis.showLine {
                items.append(.shape(Shape(path: [.move(center), .line(Point(center.x, center.y - radius))],
                                          stroke: Stroke(color: axis.lineColor ?? look.axisLine, width: 1, crisp: true))))
            }
            let height = rsize * FontMetrics.lineHeight
            for label in ExplicitAxes.labels(axis, slots: nil, target: radialTarget(radius))
            where label.fraction > 0.001 && label.fraction <= 1.001 && !label.text.isEmpty {
                let y = center.y - label.fraction * radius
                let box = Rect(x: center.x + 3, y: y - height / 2,
                               width: measurer.width(of: label.text, size: rsize, bold: false), height: height)
                // A perimeter label (the one at the top) wins over the scale.
                guard !taken.contains(where: { $0.intersects(box) }) else { continue }
                taken.append(box)
                items.append(.text(TextRun(label.text, at: Point(center.x + 3, y), size: rsize,
                                           color: axis.color ?? look.axisText, baseline: .middle)))
            }
        }
        return items
    }

    /// As many radial labels as fit along the radius with room to read them.
    private func radialTarget(_ radius: Double) -> Int { Swift.max(2, Swift.min(6, Int(radius / 24))) }

    // MARK: data

    /// `chm=B` fills a series' polygon; `chm=b` the ring between two series.
    private func fills(_ points: [[Point?]]) -> [SceneItem] {
        var items: [SceneItem] = []
        for m in spec.markers {
            let other: Int?
            switch m.kind {
            case .fillToBottom: other = nil
            case .fillBetween(let s2): other = s2
            default: continue
            }
            guard m.series < points.count else { continue }
            let outline = outlinePoints(points[m.series])
            guard outline.count > 2 else { continue }
            var path: [PathElement] = [.move(outline[0])] + outline.dropFirst().map { .line($0) } + [.close]
            if let other, other < points.count {
                // The other polygon the other way round: the non-zero rule leaves the ring.
                let inner = outlinePoints(points[other]).reversed().map { $0 }
                if inner.count > 2 { path += [.move(inner[0])] + inner.dropFirst().map { .line($0) } + [.close] }
            }
            items.append(.shape(Shape(path: path, fill: m.color)))
        }
        return items
    }

    /// The drawn outline of a series (curved for `rs`), gaps skipped.
    private func outlinePoints(_ points: [Point?]) -> [Point] {
        let present = points.compactMap { $0 }
        return smooth ? RadarSpline.curve(through: present, closed: isClosed(points)) : present
    }

    /// A series that comes back to its first point (n + 1 values, the last equal to the first)
    /// is a closed loop: its curve has no corner at the top.
    private func isClosed(_ points: [Point?]) -> Bool {
        guard points.count == segments + 1, let first = points.first ?? nil, let last = points.last ?? nil else { return false }
        return abs(first.x - last.x) < 0.01 && abs(first.y - last.y) < 0.01
    }

    private func line(_ points: [Point?], series s: Int) -> [SceneItem] {
        let style = s < spec.lineStyles.count ? spec.lineStyles[s] : nil
        let width = style?.width ?? spec.lineWidth ?? 2
        guard width > 0 else { return [] }
        let dash = style.map { $0.dash > 0 && $0.gap > 0 ? [$0.dash, $0.gap] : [] } ?? []
        var path: [PathElement] = []
        // Runs between gaps; a closed loop is one run.
        var runs: [[Point]] = [[]]
        for p in points {
            if let p { runs[runs.count - 1].append(p) } else if !runs[runs.count - 1].isEmpty { runs.append([]) }
        }
        let closed = isClosed(points)
        for run in runs where run.count > 1 {
            let drawn = smooth ? RadarSpline.curve(through: run, closed: closed && runs.count == 1) : run
            path.append(.move(drawn[0]))
            path += drawn.dropFirst().map { .line($0) }
        }
        guard !path.isEmpty else { return [] }
        return [.shape(Shape(path: path, stroke: Stroke(color: look.seriesColor(s, spec: spec), width: width,
                                                        join: .round, dash: dash)))]
    }
}

/// Catmull-Rom curves through points, sampled into short lines (the scene has no curve
/// element, and eight steps per segment are smooth at chart sizes).
enum RadarSpline {
    static func curve(through p: [Point], closed: Bool, steps: Int = 8) -> [Point] {
        guard p.count > 2 else { return p }
        // A closed loop repeats its first point at the end; its neighbours wrap around.
        let n = closed ? p.count - 1 : p.count
        func at(_ i: Int) -> Point {
            if closed { return p[((i % n) + n) % n] }
            return p[Swift.min(Swift.max(i, 0), n - 1)]
        }
        var out: [Point] = [p[0]]
        let last = closed ? n : n - 1
        for i in 0..<last {
            let p0 = at(i - 1), p1 = at(i), p2 = at(i + 1), p3 = at(i + 2)
            for k in 1...steps {
                let t = Double(k) / Double(steps), t2 = t * t, t3 = t2 * t
                func c(_ a: Double, _ b: Double, _ c: Double, _ d: Double) -> Double {
                    0.5 * (2 * b + (-a + c) * t + (2 * a - 5 * b + 4 * c - d) * t2 + (-a + 3 * b - 3 * c + d) * t3)
                }
                out.append(Point(c(p0.x, p1.x, p2.x, p3.x), c(p0.y, p1.y, p2.y, p3.y)))
            }
        }
        return out
    }
}
