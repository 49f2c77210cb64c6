import PlotSpec

/// Pie and donut charts: the first series gives the slices, `labels` names them.
///
/// Slices start at 12 o'clock and go clockwise. Names sit outside at 1.1 r, pushed apart
/// vertically when they would overlap (with a leader line back to the slice); percentages sit
/// inside when the slice has room for them.
struct PieChart {
    let spec: ChartSpec
    let style: Style
    let measurer: any TextMeasurer

    private static let labelRadius = 1.1
    private static let donutHole = 0.55

    func scene() -> Scene {
        var scene = Scene(width: spec.widthD, height: spec.heightD, dpr: spec.dpr,
                          background: style.canvas(for: spec.background))
        let values = (spec.series.first ?? []).map { $0.isNaN || $0 < 0 ? 0 : $0 }
        let total = values.reduce(0, +)
        let names = values.indices.map { i -> String in
            i < spec.labels.count ? spec.labels[i] : (i < spec.names.count ? spec.names[i] : "")
        }

        var top = 8.0
        if let title = spec.title {
            let text = measurer.fitting(title, size: style.titleSize, maxWidth: spec.widthD - 16)
            let baseline = 15 + style.titleSize * FontMetrics.ascent
            scene.add(.text(TextRun(text, at: Point(spec.widthD / 2, baseline), size: style.titleSize,
                                    color: style.text, anchor: .middle)))
            top = baseline + 8
        }

        let labelSize = style.pieLabelSize
        let maxName = Swift.min(names.map { measurer.width(of: $0, size: labelSize, bold: false) }.max() ?? 0,
                                spec.widthD * 0.3)
        let lineHeight = labelSize * FontMetrics.lineHeight
        let availableHeight = spec.heightD - top - 8
        let rByWidth = (spec.widthD / 2 - 8 - maxName - 4) / PieChart.labelRadius
        let rByHeight = (availableHeight / 2 - lineHeight / 2) / PieChart.labelRadius
        let radius = Swift.max(4, Swift.min(rByWidth, rByHeight))
        let center = Point(spec.widthD / 2, top + availableHeight / 2)

        guard total > 0, total.isFinite else {
            scene.add(.shape(Shape(path: [.arc(center: center, radius: radius, start: 0, end: 2 * .pi)],
                                   stroke: Stroke(color: style.grid, width: 1))))
            scene.add(.text(TextRun("No data", at: center, size: style.legendSize, color: style.tickText,
                                    anchor: .middle, baseline: .middle)))
            return scene
        }

        let hole = spec.type == .donut ? radius * PieChart.donutHole : 0
        var angle = -Double.pi / 2
        var outside: [OutsideLabel] = []
        var inside: [SceneItem] = []
        for (i, v) in values.enumerated() where v > 0 {
            let sweep = 2 * Double.pi * (v / total)  // v / total first: 2πv overflows past 2.9e307
            let end = angle + sweep
            let color = style.seriesColor(i, spec: spec)
            var path: [PathElement] = []
            if hole > 0 {
                path = [.arc(center: center, radius: radius, start: angle, end: end),
                        .arc(center: center, radius: hole, start: end, end: angle), .close]
            } else {
                path = [.move(center), .arc(center: center, radius: radius, start: angle, end: end), .close]
            }
            scene.add(.shape(Shape(path: path, fill: color, stroke: Stroke(color: style.separator, width: 1,
                                                                           join: .bevel))))
            let mid = angle + sweep / 2
            let share = v / total * 100
            let pct = PieChart.percentText(share)
            let rText = hole > 0 ? (radius + hole) / 2 : radius * 0.6
            let pctWidth = measurer.width(of: pct, size: style.pieValueSize, bold: false)
            // Only when the arc at that radius is wide enough to hold the text.
            if sweep * rText > pctWidth + 6 && (hole == 0 || radius - hole > style.pieValueSize + 2) {
                inside.append(.text(TextRun(pct, at: Point(center.x + cos(mid) * rText, center.y + sin(mid) * rText),
                                            size: style.pieValueSize, color: PieChart.ink(on: color),
                                            anchor: .middle, baseline: .middle)))
            }
            if !names[i].isEmpty {
                outside.append(OutsideLabel(text: names[i], angle: mid))
            }
            angle = end
        }
        scene.items += inside
        scene.items += placeOutside(outside, center: center, radius: radius, lineHeight: lineHeight,
                                    maxWidth: maxName)
        return scene
    }

    struct OutsideLabel {
        var text: String
        var angle: Double
    }

    /// Names at 1.1 r, each side of the pie resolved separately: sorted top to bottom, pushed
    /// down so rows never overlap, then back up if the last one left the canvas.
    private func placeOutside(_ labels: [OutsideLabel], center: Point, radius: Double, lineHeight: Double,
                              maxWidth: Double) -> [SceneItem] {
        var items: [SceneItem] = []
        let r = radius * PieChart.labelRadius
        for rightSide in [true, false] {
            var side = labels.filter { (cos($0.angle) > 0) == rightSide }
                .map { (label: $0, y: center.y + sin($0.angle) * r) }
            side.sort { $0.y < $1.y }
            let minY = lineHeight / 2 + 2, maxY = spec.heightD - lineHeight / 2 - 2
            for k in side.indices {
                side[k].y = Swift.max(side[k].y, k > 0 ? side[k - 1].y + lineHeight : minY)
            }
            if let last = side.last, last.y > maxY {
                var limit = maxY
                for k in side.indices.reversed() {
                    side[k].y = Swift.min(side[k].y, limit)
                    limit = side[k].y - lineHeight
                }
            }
            for (label, y) in side {
                let natural = center.y + sin(label.angle) * r
                let edge = Point(center.x + cos(label.angle) * radius, center.y + sin(label.angle) * radius)
                // x follows the circle at the label's (possibly moved) height.
                let dy = Swift.max(-r, Swift.min(r, y - center.y))
                let dx = (r * r - dy * dy).squareRoot()
                let x = center.x + (rightSide ? dx : -dx)
                if abs(y - natural) > 2 {
                    let end = Point(x + (rightSide ? -2 : 2), y)
                    items.append(.shape(Shape(path: [.move(edge), .line(end)],
                                              stroke: Stroke(color: style.tickText, width: 0.75))))
                }
                let text = measurer.fitting(label.text, size: style.pieLabelSize, maxWidth: maxWidth)
                items.append(.text(TextRun(text, at: Point(x + (rightSide ? 3 : -3), y), size: style.pieLabelSize,
                                           color: style.text, anchor: rightSide ? .start : .end,
                                           baseline: .middle)))
            }
        }
        return items
    }

    /// "30%" for whole shares, "2.5%" or "0.4%" for small ones.
    static func percentText(_ share: Double) -> String {
        if share >= 9.5 { return NumberFormat.value(share.rounded(), significant: 3) + "%" }
        return NumberFormat.value((share * 10).rounded() / 10, significant: 2) + "%"
    }

    /// White text on dark slices, near-black on light ones (yellow, light grey).
    static func ink(on color: RGBA) -> RGBA {
        let luminance = 0.299 * Double(color.r) + 0.587 * Double(color.g) + 0.114 * Double(color.b)
        return luminance > 165 ? RGBA(hex: 0x222222) : RGBA(hex: 0xFFFFFF)
    }
}
