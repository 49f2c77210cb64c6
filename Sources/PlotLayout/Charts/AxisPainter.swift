import PlotSpec

/// Grid lines, the frame, tick marks and tick labels of a cartesian frame. All lines are 1 px
/// and `crisp`, so the renderer lays them on pixel centres.
struct AxisPainter {
    let frame: CartesianFrame
    let style: Style
    let measurer: any TextMeasurer
    let gridMode: GridMode
    let horizontal: Bool

    private var plot: Rect { frame.plot }
    private var bottomScale: any AxisScale { frame.bottom.scale(from: plot.minX, to: plot.maxX) }
    private var leftScale: any AxisScale {
        // Categories read top to bottom; values grow upward.
        frame.left.isCategory ? frame.left.scale(from: plot.minY, to: plot.maxY)
                              : frame.left.scale(from: plot.maxY, to: plot.minY)
    }

    /// `grid=y` means lines across the value axis (horizontal lines, or vertical ones for
    /// horizontal bars); `x` the other direction.
    func grid() -> [SceneItem] {
        let valueLines = gridMode.horizontalLines, otherLines = gridMode.verticalLines
        let leftLines = horizontal ? otherLines : valueLines
        let bottomLines = horizontal ? valueLines : otherLines
        var path: [PathElement] = []
        if leftLines {
            let s = leftScale
            for t in frame.left.ticks {
                let y = s(t.value)
                path += [.move(Point(plot.minX, y)), .line(Point(plot.maxX, y))]
            }
        }
        if bottomLines {
            let s = bottomScale
            for t in frame.bottom.ticks {
                let x = s(t.value)
                path += [.move(Point(x, plot.minY)), .line(Point(x, plot.maxY))]
            }
        }
        guard !path.isEmpty else { return [] }
        return [.shape(Shape(path: path, stroke: Stroke(color: style.grid, width: 1, crisp: true)))]
    }

    func frameAndTicks() -> [SceneItem] {
        var path: [PathElement] = [.rect(plot)]
        let t = CartesianFrame.tickLength
        let bs = bottomScale, ls = leftScale
        for (i, tick) in frame.bottom.ticks.enumerated() where i % frame.bottomLabelStep == 0 {
            let x = bs(tick.value)
            path += [.move(Point(x, plot.maxY)), .line(Point(x, plot.maxY + t))]
        }
        for (i, tick) in frame.left.ticks.enumerated() where i % frame.leftLabelStep == 0 {
            let y = ls(tick.value)
            path += [.move(Point(plot.minX - t, y)), .line(Point(plot.minX, y))]
        }
        return [.shape(Shape(path: path, stroke: Stroke(color: style.axis, width: 1, crisp: true)))]
    }

    func tickLabels() -> [SceneItem] {
        var items: [SceneItem] = []
        let bs = bottomScale, ls = leftScale
        let gap = CartesianFrame.tickGap
        let maxLeftWidth = plot.minX - gap - 4
        for (i, tick) in frame.left.ticks.enumerated() where i % frame.leftLabelStep == 0 {
            let text = measurer.fitting(tick.label, size: style.tickSize, maxWidth: maxLeftWidth)
            items.append(.text(TextRun(text, at: Point(plot.minX - gap, ls(tick.value)), size: style.tickSize,
                                       color: style.tickText, anchor: .end, baseline: .middle)))
        }
        for (i, tick) in frame.bottom.ticks.enumerated() where i % frame.bottomLabelStep == 0 {
            let x = bs(tick.value)
            if frame.bottomLabelsRotated {
                // Slanted 45 degrees, ending at the tick, so long category names stay readable.
                let text = measurer.fitting(tick.label, size: style.tickSize, maxWidth: plot.minY + plot.height * 0.35)
                items.append(.text(TextRun(text, at: Point(x + 3, plot.maxY + gap), size: style.tickSize,
                                           color: style.tickText, anchor: .end, baseline: .top, rotation: 45)))
            } else {
                items.append(.text(TextRun(tick.label, at: Point(x, plot.maxY + gap), size: style.tickSize,
                                           color: style.tickText, anchor: .middle, baseline: .top)))
            }
        }
        return items
    }
}
