import PlotSpec

/// The numbers of a line, area, bar or scatter chart, prepared once: x positions per series,
/// stacked extents, and the data ranges the axes are built from.
struct CartesianData {
    /// x position of every point, per series (index, number or unix time).
    var xs: [[Double]]
    /// y value of every point, per series; NaN is a gap.
    var ys: [[Double]]
    /// For stacked charts: the bottom and top of each series' band at each point.
    var stackLow: [[Double]] = []
    var stackHigh: [[Double]] = []
    /// Number of category slots (bars) or the longest series.
    var count: Int
    var xKind: Axis.Kind
    var xRange: ClosedRange<Double>?
    var yRange: ClosedRange<Double>?

    init(spec: ChartSpec) {
        let series = spec.series
        count = series.map(\.count).max() ?? 0
        ys = series
        // x positions. Category labels are built only for category axes: formatting every x
        // of a 5,000-point scatter as text cost more than the rest of its layout.
        if spec.type == .bar {
            xKind = .category(CartesianData.categoryLabels(spec: spec, count: count))
            xs = series.map { s in s.indices.map(Double.init) }
        } else if let x = spec.x {
            xKind = x.kind == .time ? .time : .linear
            xs = series.indices.map { x.list(forSeries: $0) }
        } else if !spec.labels.isEmpty {
            xKind = .category(CartesianData.categoryLabels(spec: spec, count: count))
            xs = series.map { s in s.indices.map(Double.init) }
        } else {
            xKind = .linear
            xs = series.map { s in s.indices.map(Double.init) }
        }

        let stacked = spec.stacked && (spec.type == .bar || spec.type == .area)
        if stacked { computeStacks() }

        // Ranges over present values only.
        var xr = RangeAccumulator(), yr = RangeAccumulator()
        for (si, s) in ys.enumerated() {
            let sx = xs[si]
            for i in s.indices where !s[i].isNaN {
                if i < sx.count { xr.add(sx[i]) }
                if stacked {
                    yr.add(stackLow[si][i]); yr.add(stackHigh[si][i])
                } else {
                    yr.add(s[i])
                }
            }
        }
        xRange = xr.range
        yRange = yr.range
    }

    /// Bars and areas stack positives upward and negatives downward from zero, so a negative
    /// value never hides a positive one. Missing values add nothing.
    private mutating func computeStacks() {
        var positive = [Double](repeating: 0, count: count)
        var negative = [Double](repeating: 0, count: count)
        stackLow = []; stackHigh = []
        for s in ys {
            var low = [Double](repeating: .nan, count: s.count)
            var high = [Double](repeating: .nan, count: s.count)
            for i in s.indices {
                let v = s[i].isNaN ? 0 : s[i]
                // Saturating sums: two values of 1e308 stack to the largest Double, not to
                // infinity (which no scale can place).
                let top = Double.greatestFiniteMagnitude
                if v >= 0 {
                    low[i] = positive[i]; positive[i] = Swift.min(positive[i] + v, top); high[i] = positive[i]
                } else {
                    high[i] = negative[i]; negative[i] = Swift.max(negative[i] + v, -top); low[i] = negative[i]
                }
            }
            stackLow.append(low); stackHigh.append(high)
        }
    }

    /// Category labels: the user's, else the x values as text, else 1, 2, 3...
    static func categoryLabels(spec: ChartSpec, count: Int) -> [String] {
        var labels = Array(spec.labels.prefix(count))
        if labels.count < count {
            let firstX = spec.x?.lists.first
            for i in labels.count..<count {
                if let firstX, i < firstX.count, !firstX[i].isNaN {
                    labels.append(spec.x?.kind == .time ? CartesianData.timeCategoryLabel(firstX[i])
                                                        : NumberFormat.value(firstX[i], significant: 6))
                } else {
                    labels.append(spec.labels.isEmpty && spec.x == nil ? String(i + 1) : "")
                }
            }
        }
        return labels
    }
}

extension CartesianData {
    /// A category named by a time: its date, plus the time of day when it is not midnight
    /// (`May 4 12:00`), since neighbouring bars give no context the way an axis does.
    static func timeCategoryLabel(_ t: Double) -> String {
        let midnight = (t / 86_400).rounded(.down) * 86_400
        let date = TimeTicks.label(midnight)
        return t == midnight ? date : date + " " + TimeTicks.label(t)
    }
}

/// Smallest range holding every finite value added.
struct RangeAccumulator {
    private var low = Double.infinity
    private var high = -Double.infinity
    mutating func add(_ v: Double) {
        guard v.isFinite else { return }
        if v < low { low = v }
        if v > high { high = v }
    }
    var range: ClosedRange<Double>? { low <= high ? low...high : nil }
}
