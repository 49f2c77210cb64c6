/// Puts decoded, scaled data where each chart family wants it: y series and their ranges,
/// x lists for `lxy` and `s`, and the native type, orientation and arrangement.
enum GoogleLayoutMapping {
    static func apply(_ type: GoogleChartType, scaled: GoogleScaling.Scaled, raw: GoogleData,
                      to spec: inout ChartSpec, notes: inout GoogleNotes) throws(SpecError) {
        spec.frameLines = type.frameLines
        spec.visibleSeries = raw.visibleSeries
        switch type.family {
        case .bar:
            spec.type = .bar
            spec.horizontal = type.horizontal
            spec.barArrangement = type.arrangement
            spec.stacked = type.arrangement == .stacked
            spec.series = scaled.series
            spec.valueRanges = scaled.ranges
        case .line, .sparkline:
            spec.type = .line
            spec.series = scaled.series
            spec.valueRanges = scaled.ranges
        case .pie:
            spec.type = .pie
            spec.pieStyle = type.pie
            spec.series = scaled.series
            spec.valueRanges = scaled.ranges
        case .gauge:
            spec.type = .pie
            spec.figure = .gauge
            spec.series = scaled.series
            spec.valueRanges = scaled.ranges
        case .radar:
            spec.type = .line
            spec.figure = .radar(smooth: type.smooth)
            spec.series = scaled.series
            spec.valueRanges = scaled.ranges
        case .venn:
            // One list A, B, C, AB, AC, BC, ABC; proportions only, so the scale does not matter
            // beyond Google's clipping (a text value above 100 counts as 100 without chds).
            spec.type = .pie
            spec.figure = .venn
            var values = scaled.series.flatMap { $0 }
            if values.count > 7 { notes.add(Messages.googleVennExtraValues()); values = Array(values.prefix(7)) }
            spec.series = [values.map { $0.isNaN ? 0 : $0 }]
            spec.valueRanges = Array(scaled.ranges.prefix(1))
        case .qrCode:
            break  // decoded before the data (GoogleDecoder.qrCode)
        case .lineXY, .scatter:
            spec.type = type.family == .scatter ? .scatter : .line
            pairs(type, scaled: scaled, raw: raw, into: &spec, notes: &notes)
        }
    }

    /// `lxy`: x,y,x,y...; `s`: x, y and point sizes. An x list of just `-1` (or
    /// missing values) spaces its points evenly.
    private static func pairs(_ type: GoogleChartType, scaled: GoogleScaling.Scaled, raw: GoogleData,
                              into spec: inout ChartSpec, notes: inout GoogleNotes) {
        var ys: [[Double]] = [], xs: [[Double]] = [], yRanges: [ValueRange] = [], xRanges: [ValueRange] = []
        let s = scaled.series
        let pairCount = type.family == .scatter ? Swift.min(1, s.count / 2) : s.count / 2
        if type.family == .scatter && s.count > 3 { notes.add(Messages.googleScatterExtraSeries()) }
        if type.family == .lineXY && s.count % 2 == 1 { notes.add(Messages.googleUnpairedSeries()) }
        if pairCount == 0 {
            // One list: y values at evenly spaced x.
            ys = s
            yRanges = scaled.ranges
        }
        for p in 0..<pairCount {
            let rawX = raw.series[2 * p]
            var y = s[2 * p + 1]
            var x = s[2 * p]
            var xRange = scaled.ranges[2 * p]
            if rawX.allSatisfy({ $0.isNaN || $0 == -1 }) {
                let n = Swift.max(1, y.count - 1)
                x = y.indices.map { Double($0) * 100 / Double(n) }
                xRange = .percent
            }
            let n = Swift.min(x.count, y.count)
            x = Array(x.prefix(n)); y = Array(y.prefix(n))
            xs.append(x); ys.append(y)
            xRanges.append(xRange); yRanges.append(scaled.ranges[2 * p + 1])
        }
        spec.series = ys
        spec.valueRanges = yRanges
        if type.family == .scatter, s.count > 2, let n = ys.first?.count {
            // The third series sizes the points, relative to its scale's top (a missing size
            // hides its point).
            let range = scaled.ranges[2]
            var sizes = s[2].prefix(n).map { $0.isNaN ? 0 : Swift.max(0, Swift.min(1, range.fraction($0))) }
            sizes += Array(repeating: 1, count: n - sizes.count)
            spec.pointSizes = sizes
        }
        if !xs.isEmpty {
            spec.x = XValues(kind: .number, lists: xs)
            spec.xRanges = xRanges
        }
    }
}
