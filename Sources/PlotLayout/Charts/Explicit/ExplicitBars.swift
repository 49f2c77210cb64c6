import PlotSpec

/// Bars of an explicit frame, sized as Google's `chbh` says: fixed pixels (23 wide, 4 between
/// bars, 8 between groups by default), `a` fitted to the plot, or `r` gaps relative to the bar
/// width. Fixed bars that would not fit are fitted instead of being cut off at the edge.
struct ExplicitBars {
    let chart: ExplicitChart
    let plot: Rect

    struct Geometry {
        var width: Double
        var barGap: Double
        var groupGap: Double
        /// Bars per group (1 when stacked or overlapped).
        var perGroup: Int
        var groups: Int

        var groupLength: Double { Double(perGroup) * width + Double(perGroup - 1) * barGap }
        var pitch: Double { groupLength + (perGroup > 1 ? groupGap : barGap) }
        /// Start of group `g`'s first bar, from the start of the side.
        func groupStart(_ g: Int) -> Double { (perGroup > 1 ? groupGap : barGap) / 2 + Double(g) * pitch }
    }

    static func geometry(spec: ChartSpec, length: Double, visible: Int) -> Geometry {
        let groups = Swift.max(1, spec.series.prefix(visible).map(\.count).max() ?? 1)
        let perGroup = spec.barArrangement == .grouped ? Swift.max(1, visible) : 1
        let sizing = spec.barSizing ?? BarSizing(width: 23, barGap: 4, groupGap: 8)
        let n = Double(groups), k = Double(perGroup)
        var g = Geometry(width: 0, barGap: sizing.barGap, groupGap: sizing.groupGap, perGroup: perGroup, groups: groups)
        let slotGap = perGroup > 1 ? sizing.groupGap : sizing.barGap
        if sizing.relative {
            // Gaps are multiples of the bar width: solve length = n (k w + (k-1) b w + s w).
            let w = length / (n * (k + (k - 1) * sizing.barGap + slotGap))
            g.width = w; g.barGap = sizing.barGap * w; g.groupGap = sizing.groupGap * w
            if perGroup == 1 { g.barGap = slotGap * w }
            return g
        }
        if let width = sizing.width, n * (k * width + (k - 1) * sizing.barGap + slotGap) <= length + 0.5 {
            g.width = width
            return g
        }
        var w = (length - n * ((k - 1) * sizing.barGap + slotGap)) / (n * k)
        if w < 1 {
            // Not even 1 px bars fit with these gaps: shrink the gaps with the bars.
            let scale = length / (n * (k + (k - 1) * sizing.barGap + slotGap))
            w = scale; g.barGap = sizing.barGap * scale; g.groupGap = sizing.groupGap * scale
            if perGroup == 1 { g.barGap = slotGap * scale }
        }
        g.width = Swift.max(0.5, w)
        return g
    }

    /// Centres of the groups as fractions from the category side's start (bottom for
    /// horizontal bars, whose first bar is at the top).
    static func slotFractions(spec: ChartSpec, length: Double, visible: Int) -> [Double] {
        guard length > 0 else { return [] }
        let g = geometry(spec: spec, length: length, visible: visible)
        return (0..<g.groups).map { i in
            let centre = (g.groupStart(i) + g.groupLength / 2) / length
            return spec.horizontal ? 1 - centre : centre
        }
    }

    func place() -> ExplicitChart.Placed {
        let spec = chart.spec
        let horizontal = spec.horizontal
        let length = horizontal ? plot.height : plot.width
        let g = ExplicitBars.geometry(spec: spec, length: length, visible: chart.visibleCount)
        var placed = ExplicitChart.Placed()
        // Pixel of a value fraction, and of a position along the category side.
        func value(_ f: Double) -> Double { horizontal ? ExplicitChart.x(f, plot) : ExplicitChart.y(f, plot) }
        func along(_ d: Double) -> Double { horizontal ? plot.minY + d : plot.minX + d }

        let zero0 = zeroFraction(0)
        var positive = [Double](repeating: zero0, count: g.groups)
        var negative = [Double](repeating: zero0, count: g.groups)
        for (s, values) in spec.series.enumerated() {
            let range = ExplicitLook.range(s, spec.valueRanges)
            let zero = zeroFraction(s)
            let visible = s < chart.visibleCount
            var points: [Point?] = []
            var rects: [(Rect, RGBA)] = []
            for (i, v) in values.enumerated() {
                guard !v.isNaN, i < g.groups || !visible else { points.append(nil); continue }
                let f = range.fraction(v)
                let groupCentre = g.groupStart(i) + g.groupLength / 2
                guard visible else {
                    // Hidden series (chd=t1:...) only place their points, at the group centres.
                    points.append(horizontal ? Point(value(f), along(groupCentre)) : Point(along(groupCentre), value(f)))
                    continue
                }
                var low = zero, high = f
                if spec.barArrangement == .stacked {
                    let delta = f - zero
                    if delta >= 0 { low = positive[i]; positive[i] += delta; high = positive[i] }
                    else { high = negative[i]; negative[i] += delta; low = negative[i] }
                }
                let start = g.groupStart(i) + (spec.barArrangement == .grouped ? Double(s) * (g.width + g.barGap) : 0)
                let a = along(start), b = along(start + g.width)
                let v0 = value(Swift.min(low, high)), v1 = value(Swift.max(low, high))
                let rect = horizontal
                    ? Rect(x: v0, y: a, width: v1 - v0, height: b - a)
                    : Rect(x: a, y: v1, width: b - a, height: v0 - v1)
                rects.append((rect, chart.look.pointColor(series: s, point: i, spec: spec)))
                let tip = spec.barArrangement == .stacked ? (f >= zero ? high : low) : f
                points.append(horizontal ? Point(value(tip), along(start + g.width / 2))
                                         : Point(along(start + g.width / 2), value(tip)))
            }
            placed.points.append(points)
            placed.baselines.append(value(zero))
            // One shape per colour keeps the scene small.
            var byColor: [(RGBA, [PathElement])] = []
            for (rect, color) in rects {
                if let k = byColor.firstIndex(where: { $0.0 == color }) { byColor[k].1.append(.rect(rect)) }
                else { byColor.append((color, [.rect(rect)])) }
            }
            for (color, path) in byColor { placed.items.append(.shape(Shape(path: path, fill: color, crispFill: true))) }
        }
        return placed
    }

    /// Where series `s`'s bars start: its `chp` zero line when given, else where zero is on its
    /// range, kept inside the plot.
    private func zeroFraction(_ s: Int) -> Double {
        let given = chart.spec.barZero
        if !given.isEmpty { return given[Swift.min(s, given.count - 1)] }
        return Swift.min(1, Swift.max(0, ExplicitLook.range(s, chart.spec.valueRanges).fraction(0)))
    }
}
