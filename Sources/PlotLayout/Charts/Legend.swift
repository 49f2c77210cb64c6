import PlotSpec

/// The series legend: which entries, how big, where, and its scene items.
///
/// Geometry follows the reference suite: rows 18 px, 6 px padding above and 4 below, a swatch
/// 8 px in (a 20 px line, or a 12 px square for bars 12 px in), the label 36 px from the left.
struct Legend {
    struct Entry {
        var label: String
        var color: RGBA
    }

    let entries: [Entry]
    let swatch: Swatch
    let style: Style
    let measurer: any TextMeasurer
    private let labelWidths: [Double]

    enum Swatch { case line, square, dot }

    static let rowHeight = 18.0
    static let padTop = 6.0
    static let padBottom = 4.0
    static let labelOffset = 36.0
    static let inset = 10.0

    init(spec: ChartSpec, style: Style, measurer: any TextMeasurer, maxLabelWidth: Double) {
        self.style = style
        self.measurer = measurer
        var entries: [Entry] = []
        for i in spec.series.indices where i < spec.names.count && !spec.names[i].isEmpty {
            let label = measurer.fitting(spec.names[i], size: style.legendSize, maxWidth: maxLabelWidth)
            entries.append(Entry(label: label, color: style.seriesColor(i, spec: spec)))
        }
        self.entries = entries
        switch spec.type {
        case .bar, .area: swatch = .square
        case .scatter: swatch = .dot
        default: swatch = .line
        }
        labelWidths = entries.map { measurer.width(of: $0.label, size: style.legendSize, bold: false) }
    }

    /// `auto` shows a legend only when more than one series is named (one name is the title's job).
    func initialPlacement(_ position: LegendPosition) -> LegendPlacement {
        if entries.isEmpty { return .none }
        switch position {
        case .none: return .none
        case .auto: return entries.count > 1 ? .inside(.upperRight) : .none
        case .top: return .top
        case .bottom: return .bottom
        case .right: return .right
        }
    }

    /// The boxed, one-entry-per-row form.
    var size: (width: Double, height: Double) {
        (Legend.labelOffset + (labelWidths.max() ?? 0) + 8,
         Legend.padTop + Legend.padBottom + Legend.rowHeight * Double(entries.count))
    }

    /// Room an outside legend takes: a row (or rows) for top/bottom, the box for right.
    /// Rows wrap at the canvas width (less a margin), the same width `items` uses, so the rows
    /// reserved are the rows drawn.
    func size(for placement: LegendPlacement, canvasWidth: Double) -> (width: Double, height: Double) {
        switch placement {
        case .top, .bottom:
            let rows = flowRows(maxWidth: canvasWidth - 16)
            return (canvasWidth - 16, Legend.rowHeight * Double(rows.count))
        case .right: return size
        case .none, .inside: return (0, 0)
        }
    }

    /// The first corner (matplotlib's order) whose box covers none of the data.
    func freeCorner(in plot: Rect, avoiding obstacles: [Rect]) -> Corner? {
        let (w, h) = size
        guard w + 2 * Legend.inset < plot.width, h + 2 * Legend.inset < plot.height * 0.75 else { return nil }
        for corner in Corner.allCases {
            let box = boxRect(corner, plot: plot).inset(by: -3)
            if !obstacles.contains(where: { $0.intersects(box) }) { return corner }
        }
        return nil
    }

    private func boxRect(_ corner: Corner, plot: Rect) -> Rect {
        let (w, h) = size
        let x = (corner == .upperLeft || corner == .lowerLeft) ? plot.minX + Legend.inset : plot.maxX - Legend.inset - w
        let y = (corner == .upperLeft || corner == .upperRight) ? plot.minY + Legend.inset : plot.maxY - Legend.inset - h
        return Rect(x: x, y: y, width: w, height: h)
    }

    func items(placement: LegendPlacement, plot: Rect, canvasWidth: Double, canvasHeight: Double) -> [SceneItem] {
        switch placement {
        case .none: return []
        case .inside(let corner): return boxed(at: boxRect(corner, plot: plot))
        case .right:
            return boxed(at: Rect(x: plot.maxX + 16, y: plot.minY, width: size.width, height: size.height))
        case .top:
            let rows = flowRows(maxWidth: canvasWidth - 16)
            let top = plot.minY - 6 - Legend.rowHeight * Double(rows.count)
            return flowed(rows, top: top, plot: plot, canvasWidth: canvasWidth)
        case .bottom:
            let rows = flowRows(maxWidth: canvasWidth - 16)
            let top = canvasHeight - 4 - Legend.rowHeight * Double(rows.count)
            return flowed(rows, top: top, plot: plot, canvasWidth: canvasWidth)
        }
    }

    private func boxed(at box: Rect) -> [SceneItem] {
        var items: [SceneItem] = [
            .shape(Shape(path: [.rect(box)], fill: style.legendFill,
                         stroke: Stroke(color: style.legendBorder, width: 1, crisp: true))),
        ]
        for (i, e) in entries.enumerated() {
            let cy = box.minY + Legend.padTop + Legend.rowHeight * (Double(i) + 0.5)
            items += swatchItems(e.color, x: box.minX + 8, centerY: cy)
            items.append(.text(TextRun(e.label, at: Point(box.minX + Legend.labelOffset, cy), size: style.legendSize,
                                       color: style.text, baseline: .middle)))
        }
        return items
    }

    /// Entries laid left to right, wrapping, each row centred over the plot.
    private func flowRows(maxWidth: Double) -> [[Int]] {
        var rows: [[Int]] = [[]]
        var used = 0.0
        for i in entries.indices {
            let w = Legend.labelOffset - 8 + labelWidths[i] + 16
            if used + w > maxWidth, !(rows.last?.isEmpty ?? true) { rows.append([]); used = 0 }
            rows[rows.count - 1].append(i)
            used += w
        }
        return rows
    }

    /// Each row centred over the plot, shifted back onto the canvas when it is wider.
    private func flowed(_ rows: [[Int]], top: Double, plot: Rect, canvasWidth: Double) -> [SceneItem] {
        var items: [SceneItem] = []
        for (r, row) in rows.enumerated() {
            let widths = row.map { Legend.labelOffset - 8 + labelWidths[$0] }
            let total = widths.reduce(0, +) + 16 * Double(Swift.max(0, row.count - 1))
            var x = Swift.min(Swift.max(plot.midX - total / 2, 8), canvasWidth - 8 - total)
            let cy = top + Legend.rowHeight * (Double(r) + 0.5)
            for (k, i) in row.enumerated() {
                items += swatchItems(entries[i].color, x: x, centerY: cy)
                items.append(.text(TextRun(entries[i].label, at: Point(x + Legend.labelOffset - 8, cy),
                                           size: style.legendSize, color: style.text, baseline: .middle)))
                x += widths[k] + 16
            }
        }
        return items
    }

    private func swatchItems(_ color: RGBA, x: Double, centerY: Double) -> [SceneItem] {
        switch swatch {
        case .line:
            return [.shape(Shape(path: [.move(Point(x, centerY)), .line(Point(x + 20, centerY))],
                                 stroke: Stroke(color: color, width: 1.5)))]
        case .square:
            return [.shape(Shape(path: [.rect(Rect(x: x + 4, y: centerY - 6, width: 12, height: 12))], fill: color,
                                 crispFill: true))]
        case .dot:
            return [.shape(Shape(path: [.arc(center: Point(x + 10, centerY), radius: 3.5, start: 0, end: 2 * .pi)],
                                 fill: color))]
        }
    }
}
