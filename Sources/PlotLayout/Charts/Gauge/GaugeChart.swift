import PlotSpec

/// Google-o-meter (`gom`): a half dial from the value range's minimum (left) to its maximum
/// (right), painted with a gradient through `colors` (red, amber, green when none are given).
/// Every value of every series is an arrow from the pivot; `labels` (`chl`) are written beyond
/// the arrow tips. Axes label the dial: a single `x` label is a caption under the pivot; any
/// other axis (or an `x` axis with several labels) is a scale around the outside.
struct GaugeChart {
    let spec: ChartSpec
    let look: ExplicitLook
    let measurer: any TextMeasurer

    static let defaultColors = [RGBA(hex: 0xDC3912), RGBA(hex: 0xFFB300), RGBA(hex: 0x109618)]
    /// Arrows are dark so they read over every part of the dial; several arrows get distinct
    /// dark hues so a legend (`chdl`, one entry per arrow) can tell them apart.
    static let arrowColors: [RGBA] = [0x333333, 0x3366CC, 0x990099, 0x0099C6, 0xDD4477, 0x66AA00].map { RGBA(hex: $0) }

    struct Arrow { var fraction: Double; var series: Int; var color: RGBA }

    /// One arrow per present value, series after series.
    static func arrows(_ spec: ChartSpec) -> [Arrow] {
        var out: [Arrow] = []
        for (s, values) in spec.series.enumerated() {
            let range = ExplicitLook.range(s, spec.valueRanges)
            for v in values where !v.isNaN && out.count < 100 {
                out.append(Arrow(fraction: Swift.min(1, Swift.max(0, range.fraction(v))), series: s,
                                 color: arrowColors[out.count % arrowColors.count]))
            }
        }
        return out
    }

    private var size: Double { look.axisSize }
    private var lineHeight: Double { size * FontMetrics.lineHeight }

    /// The caption under the pivot: the one label of an `x` axis.
    private var caption: (text: String, axis: AxisSpec)? {
        for axis in spec.axes where axis.side == .bottom {
            if let labels = axis.labels, labels.count == 1, !labels[0].isEmpty { return (labels[0], axis) }
        }
        return nil
    }

    /// Scale labels around the dial, as fractions of the range.
    private var scale: [(label: ExplicitAxes.Label, axis: AxisSpec)] {
        var out: [(ExplicitAxes.Label, AxisSpec)] = []
        for axis in spec.axes where !(axis.side == .bottom && axis.labels?.count == 1) {
            for label in ExplicitAxes.labels(axis, slots: nil, target: 5)
            where label.fraction >= -0.001 && label.fraction <= 1.001 && !label.text.isEmpty {
                out.append((label, axis))
            }
        }
        return out
    }

    func items(in area: Rect) -> [SceneItem] {
        let arrows = GaugeChart.arrows(spec)
        let tipLabels = spec.labels
        let outer = scale
        let outerTexts = outer.map { ($0.label.text, $0.axis.fontSize ?? size) } + tipLabels.map { ($0, size) }
        let widest = outerTexts.map { measurer.width(of: $0.0, size: $0.1, bold: false) }.max() ?? 0
        let side = outerTexts.isEmpty ? 2 : Swift.min(widest + 6, area.width * 0.25)
        let top = outerTexts.isEmpty ? 2 : lineHeight + 4
        let caption = self.caption
        let radius = Swift.max(8, Swift.min((area.width - 2 * side) / 2, area.height - top - pivotRoom(caption, 8)))
        let bottom = pivotRoom(caption, radius)
        let used = top + radius + bottom
        let center = Point(area.midX, area.minY + Swift.max(0, (area.height - used) / 2) + top + radius)

        var items = dial(center: center, radius: radius) + ticks(outer, center: center, radius: radius)
        var taken: [Rect] = []
        var texts: [SceneItem] = []
        // Tip labels first: they name the arrows, so they win over scale labels in their way.
        for (i, arrow) in arrows.enumerated() where i < tipLabels.count && !tipLabels[i].isEmpty {
            let label = RadialLabel(measurer.fitting(tipLabels[i], size: size, maxWidth: Swift.max(side, 30)),
                                    center: center, radius: radius + 4, angle: angle(arrow.fraction),
                                    size: size, color: look.titleText, measurer: measurer)
            taken.append(label.box)
            texts.append(.text(label.run))
        }
        for (label, axis) in outer {
            let placed = RadialLabel(label.text, center: center, radius: radius + 4, angle: angle(label.fraction),
                                     size: axis.fontSize ?? size, color: axis.color ?? look.axisText, measurer: measurer)
            guard !taken.contains(where: { $0.intersects(placed.box) }) else { continue }
            taken.append(placed.box)
            texts.append(.text(placed.run))
        }
        for (i, arrow) in arrows.enumerated() {
            items += self.arrow(arrow, index: i, center: center, radius: radius)
        }
        let pivot = pivotRadius(radius)
        items.append(.shape(Shape(path: [.move(Point(center.x + pivot, center.y)),
                                         .arc(center: center, radius: pivot, start: 0, end: 2 * .pi), .close],
                                  fill: arrows.first?.color ?? GaugeChart.arrowColors[0])))
        if let caption {
            items.append(.text(TextRun(measurer.fitting(caption.text, size: caption.axis.fontSize ?? size, maxWidth: area.width),
                                       at: Point(center.x, center.y + pivot + 3), size: caption.axis.fontSize ?? size,
                                       color: caption.axis.color ?? look.titleText, anchor: .middle, baseline: .top)))
        }
        return items + texts
    }

    /// `chxtc` on a scale axis: a radial tick at each of its labels, outward from the dial's
    /// rim, or (negative length) inward across the band, at most to the pivot.
    private func ticks(_ scale: [(label: ExplicitAxes.Label, axis: AxisSpec)], center: Point, radius: Double) -> [SceneItem] {
        var byColor: [(RGBA, [PathElement])] = []
        for (label, axis) in scale {
            guard axis.showTicks, let length = axis.tickLength, length != 0 else { continue }
            let theta = angle(label.fraction)
            let c = cos(theta), s = sin(theta)
            // Outward ticks stay short of the labels, which sit 4 px beyond the rim.
            let from = length > 0 ? radius : radius - Swift.min(-length, radius * 0.9)
            let to = length > 0 ? radius + Swift.min(length, 3.5) : radius
            let color = axis.tickColor ?? axis.lineColor ?? look.axisLine
            let path: [PathElement] = [.move(Point(center.x + c * from, center.y + s * from)),
                                       .line(Point(center.x + c * to, center.y + s * to))]
            if let k = byColor.firstIndex(where: { $0.0 == color }) { byColor[k].1 += path } else { byColor.append((color, path)) }
        }
        return byColor.map { .shape(Shape(path: $0.1, stroke: Stroke(color: $0.0, width: 1))) }
    }

    /// Angle of a value fraction: 0 at 9 o'clock, 1 at 3 o'clock, over the top.
    private func angle(_ fraction: Double) -> Double { .pi + fraction * .pi }

    private func pivotRadius(_ radius: Double) -> Double { Swift.max(3, radius * 0.07) }

    private func pivotRoom(_ caption: (text: String, axis: AxisSpec)?, _ radius: Double) -> Double {
        pivotRadius(radius) + (caption == nil ? 2 : 3 + (caption!.axis.fontSize ?? size) * FontMetrics.lineHeight)
    }

    /// The coloured band: thin wedges, each a step of the gradient. They overlap slightly so
    /// antialiased seams do not show as hairlines.
    private func dial(center: Point, radius: Double) -> [SceneItem] {
        let colors = spec.colors.count >= 1 ? spec.colors : GaugeChart.defaultColors
        let inner = radius * 0.6
        let steps = 60
        var items: [SceneItem] = []
        for k in 0..<steps {
            let t0 = Double(k) / Double(steps), t1 = Double(k + 1) / Double(steps)
            let a0 = angle(t0), a1 = angle(t1) + (k + 1 < steps ? 0.01 : 0)
            let color = GaugeChart.color(at: (t0 + t1) / 2, colors)
            items.append(.shape(Shape(path: [.arc(center: center, radius: radius, start: a0, end: a1),
                                             .arc(center: center, radius: inner, start: a1, end: a0), .close],
                                      fill: color)))
        }
        // A hairline edge keeps a pale dial (chco=FFFFFF,...) visible on a white page.
        items.append(.shape(Shape(path: [.arc(center: center, radius: radius, start: .pi, end: 2 * .pi),
                                         .arc(center: center, radius: inner, start: 2 * .pi, end: .pi), .close],
                                  stroke: Stroke(color: look.grid, width: 0.75))))
        return items
    }

    /// The gradient through `colors`, evenly spaced, at `t` in 0...1.
    static func color(at t: Double, _ colors: [RGBA]) -> RGBA {
        guard colors.count > 1 else { return colors.first ?? RGBA(hex: 0x999999) }
        let x = Swift.min(1, Swift.max(0, t)) * Double(colors.count - 1)
        let k = Swift.min(Int(x), colors.count - 2)
        return mix(colors[k], colors[k + 1], x - Double(k))
    }

    /// A shaft from the pivot and a head reaching into the band. `chls` per series: the first
    /// number is the shaft width, the second the head's size (Google's "advanced" gom syntax).
    private func arrow(_ a: Arrow, index: Int, center: Point, radius: Double) -> [SceneItem] {
        let style = a.series < spec.lineStyles.count ? spec.lineStyles[a.series] : nil
        let width = style?.width ?? Swift.max(2, radius / 25)
        let head = style.map { $0.dash > 0 ? $0.dash : Swift.max(6, radius * 0.16) } ?? Swift.max(6, radius * 0.16)
        let theta = angle(a.fraction)
        let c = cos(theta), s = sin(theta)
        let length = radius * 0.92
        let tip = Point(center.x + c * length, center.y + s * length)
        let base = Point(center.x + c * (length - head), center.y + s * (length - head))
        let half = head * 0.45
        let left = Point(base.x - s * half, base.y + c * half), right = Point(base.x + s * half, base.y - c * half)
        var items: [SceneItem] = []
        if width > 0 {
            items.append(.shape(Shape(path: [.move(center), .line(base)],
                                      stroke: Stroke(color: a.color, width: width, cap: .round))))
        }
        items.append(.shape(Shape(path: [.move(tip), .line(left), .line(right), .close], fill: a.color)))
        return items
    }
}
