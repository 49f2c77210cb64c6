import PlotSpec

/// The axes of an explicit frame: label texts and where they sit (as fractions along the
/// side), the room they take, and their lines, ticks and texts.
struct ExplicitAxes {
    struct Label {
        var text: String
        /// 0 at the start of the side (left, or bottom), 1 at its end.
        var fraction: Double
    }

    struct Prepared {
        var spec: AxisSpec
        var labels: [Label]
        var size: Double
        var color: RGBA
        /// Depth of the band this axis takes beside the plot.
        var depth: Double
    }

    let look: ExplicitLook
    let measurer: any TextMeasurer
    var prepared: [Prepared] = []

    /// - Parameter slots: for the category axis of a bar chart, the centres of the bar groups
    ///   as fractions from the side's start; labels given without positions go there.
    init(spec: ChartSpec, look: ExplicitLook, measurer: any TextMeasurer, categorySide: AxisSpec.Side?,
         slots: [Double]) {
        self.look = look
        self.measurer = measurer
        for axis in spec.axes {
            let size = axis.fontSize ?? look.axisSize
            let length = axis.side == .bottom || axis.side == .top ? Double(spec.width) : Double(spec.height)
            let labels = ExplicitAxes.labels(axis, slots: axis.side == categorySide ? slots : nil,
                                             target: tickTarget(length: length * 0.8, spacing: axis.side == .bottom || axis.side == .top ? 55 : 28))
            let depth: Double
            let tick = axis.showTicks ? Swift.max(0, axis.tickLength ?? look.tickLength) : 0
            if axis.side == .left || axis.side == .right {
                let widest = labels.map { measurer.width(of: $0.text, size: size, bold: false) }.max() ?? 0
                depth = widest + tick + 4
            } else {
                depth = labels.isEmpty ? tick + 2 : size * FontMetrics.lineHeight + tick + 3
            }
            prepared.append(Prepared(spec: axis, labels: labels, size: size, color: axis.color ?? look.axisText, depth: depth))
        }
    }

    /// Room on each side of the plot: the sum of the bands of the axes there.
    func room(_ side: AxisSpec.Side) -> Double {
        prepared.filter { $0.spec.side == side }.reduce(0) { $0 + $1.depth }
    }

    /// Half the widest end label of the bottom/top axes, which hangs past the plot's ends.
    func overhang() -> (left: Double, right: Double) {
        var l = 0.0, r = 0.0
        for p in prepared where p.spec.side == .bottom || p.spec.side == .top {
            for label in p.labels {
                let w = measurer.width(of: label.text, size: p.size, bold: false) / 2
                if label.fraction <= 0.01 { l = Swift.max(l, w) }
                if label.fraction >= 0.99 { r = Swift.max(r, w) }
            }
        }
        return (l, r)
    }

    static func labels(_ axis: AxisSpec, slots: [Double]?, target: Int) -> [Label] {
        let range = axis.range
        if let texts = axis.labels {
            if let positions = axis.positions {
                return zip(texts, positions).map { Label(text: $0, fraction: range.fraction($1)) }
            }
            let n = texts.count
            if let slots, !slots.isEmpty {
                if n == slots.count {
                    return zip(texts, slots.sorted()).map { Label(text: $0, fraction: $1) }
                }
                return texts.enumerated().map { Label(text: $1, fraction: (Double($0) + 0.5) / Double(n)) }
            }
            if n == 1 { return [Label(text: texts[0], fraction: 0)] }
            return texts.enumerated().map { Label(text: $1, fraction: Double($0) / Double(n - 1)) }
        }
        // Numbers from the range: in the axis' own style (`chxs=1N*f1*`) when it has one.
        func text(_ v: Double, step: Double?) -> String {
            if let format = axis.format { return format.text(v) }
            if let step { return NumberFormat.tick(v, step: step) }
            return NumberFormat.value(v, significant: 6)
        }
        if let positions = axis.positions {
            return positions.map { Label(text: text($0, step: nil), fraction: range.fraction($0)) }
        }
        let lo = Swift.min(range.min, range.max), hi = Swift.max(range.min, range.max)
        if let step = axis.step, step > 0, (hi - lo) / step <= 200 {
            var out: [Label] = []
            var k = 0.0
            while true {
                let v = range.min <= range.max ? range.min + k * step : range.min - k * step
                if v < lo - step * 1e-9 || v > hi + step * 1e-9 { break }
                out.append(Label(text: text(v, step: step), fraction: range.fraction(v)))
                k += 1
            }
            return out
        }
        let ticks = NiceTicks.linear(min: lo, max: hi, targetCount: target, extend: false).ticks
        return ticks.map { tick in
            Label(text: axis.format.map { $0.text(tick.value) } ?? tick.label, fraction: range.fraction(tick.value))
        }
    }

    /// Lines, ticks and labels, each axis in its band (axes sharing a side stack outward).
    func items(plot: Rect) -> [SceneItem] {
        var items: [SceneItem] = []
        var offsets: [AxisSpec.Side: Double] = [:]
        for p in prepared {
            let side = p.spec.side
            let offset = offsets[side, default: 0]
            offsets[side] = offset + p.depth
            let lineColor = p.spec.lineColor ?? look.axisLine
            let tickColor = p.spec.tickColor ?? lineColor
            var line: [PathElement] = [], ticks: [PathElement] = []
            let vertical = side == .left || side == .right
            // The edge this axis is drawn along, pushed out by the bands inside it.
            let edge: Double = switch side {
            case .left: plot.minX - offset
            case .right: plot.maxX + offset
            case .bottom: plot.maxY + offset
            case .top: plot.minY - offset
            }
            let outward: Double = side == .left || side == .top ? -1 : 1
            if p.spec.showLine {
                line = vertical ? [.move(Point(edge, plot.minY)), .line(Point(edge, plot.maxY))]
                                : [.move(Point(plot.minX, edge)), .line(Point(plot.maxX, edge))]
            }
            let tickLength = p.spec.tickLength ?? look.tickLength
            let tickOut = p.spec.showTicks ? Swift.max(0, tickLength) : 0
            for label in p.labels where label.fraction >= -0.001 && label.fraction <= 1.001 {
                let at = vertical ? plot.maxY - label.fraction * plot.height : plot.minX + label.fraction * plot.width
                if p.spec.showTicks && tickLength != 0 {
                    // A negative length reaches across the plot, as Google's chxtc did.
                    let far = tickLength < 0 ? Swift.min(-tickLength, vertical ? plot.width : plot.height) : tickLength
                    let dir = tickLength < 0 ? -outward : outward
                    ticks += vertical ? [.move(Point(edge, at)), .line(Point(edge + dir * far, at))]
                                      : [.move(Point(at, edge)), .line(Point(at, edge + dir * far))]
                }
                let gap = tickOut + 3
                let run: TextRun
                switch side {
                case .left:
                    run = TextRun(label.text, at: Point(edge - gap, at), size: p.size, color: p.color,
                                  anchor: anchor(p.spec.alignment, default: .end), baseline: .middle)
                case .right:
                    run = TextRun(label.text, at: Point(edge + gap, at), size: p.size, color: p.color,
                                  anchor: anchor(p.spec.alignment, default: .start), baseline: .middle)
                case .bottom:
                    run = TextRun(label.text, at: Point(at, edge + gap - 1), size: p.size, color: p.color,
                                  anchor: anchor(p.spec.alignment, default: .middle), baseline: .top)
                case .top:
                    run = TextRun(label.text, at: Point(at, edge - gap + 1), size: p.size, color: p.color,
                                  anchor: anchor(p.spec.alignment, default: .middle), baseline: .bottom)
                }
                items.append(.text(run))
            }
            if !ticks.isEmpty { items.append(.shape(Shape(path: ticks, stroke: Stroke(color: tickColor, width: 1, crisp: true)))) }
            if !line.isEmpty { items.append(.shape(Shape(path: line, stroke: Stroke(color: lineColor, width: 1, crisp: true)))) }
        }
        return items
    }

    private func anchor(_ a: AxisSpec.Alignment?, default d: TextRun.Anchor) -> TextRun.Anchor {
        switch a {
        case .start?: .start
        case .end?: .end
        case .center?: .middle
        case nil: d
        }
    }
}
