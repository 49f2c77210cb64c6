import PlotSpec

/// Where things go on a cartesian chart: the plot rectangle, the two axes with the ticks that
/// fit, and how the bottom tick labels are set (every k-th, possibly slanted).
///
/// Margins are measured, not fixed: the left margin holds the widest y tick label, the bottom
/// one the (possibly rotated) x tick labels, and titles and an outside legend take their rows.
/// At 600x400 with a title and axis titles this gives the reference suite's plot rectangle
/// (60, 40, 580, 350).
struct CartesianFrame {
    var plot: Rect
    /// The axis drawn along the bottom and the one along the left side.
    var bottom: Axis
    var left: Axis
    var bottomLabelStep = 1
    var bottomLabelsRotated = false
    var leftLabelStep = 1
    var legendBox: Rect? = nil

    static let tickLength = 4.0
    static let tickGap = 7.0
    static let titleGap = 10.0
    static let axisTitleBaseline = 20.0
    static let edgeBaseline = 10.0
}

/// What the frame needs to reserve room for, besides the axes.
struct FrameRequest {
    var width: Double
    var height: Double
    var title: String?
    var xTitle: String?
    var yTitle: String?
    /// An outside legend and the size it needs.
    var legend: LegendPlacement
    var legendSize: (width: Double, height: Double)
    /// Builds the bottom and left axes for about this many ticks each.
    var makeAxes: (_ bottomTicks: Int, _ leftTicks: Int) -> (bottom: Axis, left: Axis)
}

enum LegendPlacement: Equatable {
    case none
    /// Inside the plot, in the corner that hides no data (chosen after marks are placed).
    case inside(Corner)
    case top, bottom, right
}

enum Corner: CaseIterable { case upperRight, upperLeft, lowerLeft, lowerRight }

extension CartesianFrame {
    static func layout(_ req: FrameRequest, style: Style, measurer: any TextMeasurer) -> CartesianFrame {
        let tickLineHeight = style.tickSize * FontMetrics.lineHeight

        var top = 14.0
        if req.title != nil { top = 15 + style.titleSize * FontMetrics.ascent + titleGap }
        if req.legend == .top { top += req.legendSize.height + 6 }

        var leftEdge = 10.0
        if req.yTitle != nil { leftEdge = axisTitleBaseline + style.axisTitleSize * FontMetrics.descent + 6 }

        var bottomFixed = 8.0
        if req.xTitle != nil { bottomFixed = 6 + edgeBaseline + style.axisTitleSize * FontMetrics.ascent }
        if req.legend == .bottom { bottomFixed += req.legendSize.height + 6 }

        var rightFixed = 0.0
        if req.legend == .right { rightFixed = req.legendSize.width + 16 }

        // Two passes: tick labels decide the margins, and the margins decide which ticks fit.
        var left = leftEdge + 30 + tickGap
        var bottom = bottomFixed + tickGap + tickLineHeight
        var right = 16.0 + rightFixed
        var frame = CartesianFrame(plot: Rect(x: 0, y: 0, width: 0, height: 0),
                                   bottom: Axis(kind: .linear, domain: 0...1, ticks: []),
                                   left: Axis(kind: .linear, domain: 0...1, ticks: []))
        for _ in 0..<2 {
            let plotWidth = Swift.max(10, req.width - left - right)
            let plotHeight = Swift.max(10, req.height - top - bottom)
            var bottomTarget = tickTarget(length: plotWidth, spacing: 100)
            let leftTarget = tickTarget(length: plotHeight, spacing: 55)
            var axes = req.makeAxes(bottomTarget, leftTarget)

            // Left: widest label sets the margin; category labels are thinned to fit vertically.
            let leftWidths = axes.left.ticks.map { measurer.width(of: $0.label, size: style.tickSize, bold: false) }
            let maxLeft = Swift.min(leftWidths.max() ?? 0, req.width * 0.3)
            frame.leftLabelStep = axes.left.isCategory
                ? labelStep(count: axes.left.ticks.count, slot: plotHeight / Double(Swift.max(1, axes.left.ticks.count)),
                            need: tickLineHeight + 2)
                : 1
            left = leftEdge + maxLeft + tickGap

            // Bottom: numeric ticks are re-made with fewer steps until labels stop colliding;
            // categories are thinned or slanted.
            var rotated = false, step = 1
            if axes.bottom.isCategory {
                let n = Swift.max(1, axes.bottom.ticks.count)
                let slot = plotWidth / Double(n)
                let widths = axes.bottom.ticks.map { measurer.width(of: $0.label, size: style.tickSize, bold: false) }
                let widest = widths.max() ?? 0
                if widest + 8 > slot {
                    if slot >= tickLineHeight + 4 || widest > 3 * slot {
                        rotated = true
                        step = labelStep(count: n, slot: slot, need: tickLineHeight + 4)
                    } else {
                        step = labelStep(count: n, slot: slot, need: widest + 8)
                    }
                }
                if rotated {
                    let slant = Swift.min(widest, req.height * 0.25) * 0.7071 + style.tickSize * 0.7071
                    bottom = bottomFixed + tickGap + slant + 4
                } else {
                    bottom = bottomFixed + tickGap + tickLineHeight
                }
            } else {
                while bottomTarget > 2 && labelsCollide(axes.bottom, length: plotWidth, style: style, measurer: measurer) {
                    bottomTarget -= 1
                    axes = req.makeAxes(bottomTarget, leftTarget)
                }
                bottom = bottomFixed + tickGap + tickLineHeight
            }
            let lastLabel = axes.bottom.ticks.last.map { measurer.width(of: $0.label, size: style.tickSize, bold: false) } ?? 0
            right = Swift.max(16, rotated ? 8 : lastLabel / 2 + 6) + rightFixed

            frame.bottom = axes.bottom
            frame.left = axes.left
            frame.bottomLabelStep = step
            frame.bottomLabelsRotated = rotated
            frame.plot = Rect(x: left, y: top, width: Swift.max(10, req.width - left - right),
                              height: Swift.max(10, req.height - top - bottom))
        }
        return frame
    }

    /// Show every k-th label so each gets `need` px when slots are `slot` px apart.
    private static func labelStep(count: Int, slot: Double, need: Double) -> Int {
        guard slot > 0, need > slot else { return 1 }
        let k = (need / slot).rounded(.up)
        return k.isFinite ? Swift.max(1, Swift.min(count, Int(k))) : count
    }

    /// Whether two neighbouring tick labels of a numeric bottom axis would touch.
    private static func labelsCollide(_ axis: Axis, length: Double, style: Style, measurer: any TextMeasurer) -> Bool {
        let scale = axis.scale(from: 0, to: length)
        var previousEnd = -Double.infinity
        for tick in axis.ticks {
            let w = measurer.width(of: tick.label, size: style.tickSize, bold: false)
            let x = scale(tick.value)
            if x - w / 2 < previousEnd + 8 { return true }
            previousEnd = x + w / 2
        }
        return false
    }
}
