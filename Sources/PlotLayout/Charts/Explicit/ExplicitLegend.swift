import PlotSpec

/// `chdl` entries, with `chdlp` placing them right (Google's default), left, top or bottom.
/// Bars and pies get squares, lines short strokes.
struct ExplicitLegend {
    struct Entry { var text: String; var color: RGBA }
    let entries: [Entry]
    let side: LegendSide
    let size: Double
    let textColor: RGBA
    let widths: [Double]
    let squares: Bool
    static let swatch = 10.0
    static let gap = 4.0

    init(spec: ChartSpec, look: ExplicitLook, measurer: any TextMeasurer, visible: Int) {
        let size = spec.legendStyle?.size ?? look.legendSize
        self.size = size
        textColor = spec.legendStyle?.color ?? look.legendText
        side = spec.legendSide
        squares = spec.type != .line
        let maxWidth = Double(spec.width) * 0.35
        var entries: [Entry] = []
        if spec.figure == .venn {
            // A Venn diagram's legend names its circles.
            let colors = VennChart.colors(spec, look: look)
            for (i, name) in spec.names.prefix(3).enumerated() where !name.isEmpty {
                entries.append(Entry(text: measurer.fitting(name, size: size, maxWidth: maxWidth), color: colors[i]))
            }
        } else if spec.figure == .gauge {
            // A gauge's legend names its arrows.
            let arrows = GaugeChart.arrows(spec)
            for (i, name) in spec.names.enumerated() where i < arrows.count && !name.isEmpty {
                entries.append(Entry(text: measurer.fitting(name, size: size, maxWidth: maxWidth), color: arrows[i].color))
            }
        } else if spec.type == .pie {
            // A pie's legend names its slices.
            let colors = ExplicitPie.sliceColors(spec: spec, look: look, count: spec.series.first?.count ?? 0, series: 0)
            for (i, name) in spec.names.enumerated() where i < colors.count && !name.isEmpty {
                entries.append(Entry(text: measurer.fitting(name, size: size, maxWidth: maxWidth), color: colors[i]))
            }
        } else {
            for (i, name) in spec.names.enumerated() where i < visible && !name.isEmpty {
                // A scatter's swatch shows its points' colour (Google's blue by default).
                let color = spec.type == .scatter ? ExplicitScatter.seriesColor(i, spec: spec) : look.seriesColor(i, spec: spec)
                entries.append(Entry(text: measurer.fitting(name, size: size, maxWidth: maxWidth), color: color))
            }
        }
        self.entries = entries
        widths = entries.map { measurer.width(of: $0.text, size: size, bold: false) }
    }

    var rowHeight: Double { Swift.max(ExplicitLegend.swatch, size * FontMetrics.lineHeight) + 2 }
    var boxWidth: Double { ExplicitLegend.swatch + ExplicitLegend.gap + (widths.max() ?? 0) + 6 }

    /// Rows for top/bottom: entries flow left to right, wrapping at the canvas width.
    private func rows(width: Double) -> [[Int]] {
        var rows: [[Int]] = [[]]
        var used = 0.0
        for i in entries.indices {
            let w = ExplicitLegend.swatch + ExplicitLegend.gap + widths[i] + 10
            if used + w > width, !(rows.last?.isEmpty ?? true) { rows.append([]); used = 0 }
            rows[rows.count - 1].append(i)
            used += w
        }
        return rows
    }

    /// The area left for the chart once the legend has its room.
    func reserve(in area: Rect) -> Rect {
        guard !entries.isEmpty else { return area }
        switch side {
        case .right: return Rect(x: area.x, y: area.y, width: Swift.max(10, area.width - boxWidth - 6), height: area.height)
        case .left:
            return Rect(x: area.x + boxWidth + 6, y: area.y, width: Swift.max(10, area.width - boxWidth - 6), height: area.height)
        case .top, .bottom:
            let h = Double(rows(width: area.width - 8).count) * rowHeight + 2
            return Rect(x: area.x, y: side == .top ? area.y + h : area.y, width: area.width, height: Swift.max(10, area.height - h))
        }
    }

    func items(plot: Rect, area: Rect) -> [SceneItem] {
        guard !entries.isEmpty else { return [] }
        var items: [SceneItem] = []
        func entry(_ i: Int, x: Double, cy: Double) {
            let s = ExplicitLegend.swatch
            if squares {
                items.append(.shape(Shape(path: [.rect(Rect(x: x, y: cy - s / 2, width: s, height: s))], fill: entries[i].color)))
            } else {
                items.append(.shape(Shape(path: [.move(Point(x, cy)), .line(Point(x + s, cy))],
                                          stroke: Stroke(color: entries[i].color, width: 2))))
            }
            items.append(.text(TextRun(entries[i].text, at: Point(x + s + ExplicitLegend.gap, cy), size: size,
                                       color: textColor, baseline: .middle)))
        }
        switch side {
        case .right, .left:
            let total = Double(entries.count) * rowHeight
            let x = side == .right ? area.maxX + 4 : area.minX - boxWidth - 2
            var cy = Swift.max(area.minY + 2, plot.midY - total / 2) + rowHeight / 2
            for i in entries.indices { entry(i, x: x, cy: cy); cy += rowHeight }
        case .top, .bottom:
            let rows = rows(width: area.width - 8)
            var cy = (side == .top ? area.minY - Double(rows.count) * rowHeight - 2 : area.maxY + 2) + rowHeight / 2
            for row in rows {
                let total = row.reduce(0.0) { $0 + ExplicitLegend.swatch + ExplicitLegend.gap + widths[$1] + 10 } - 10
                var x = Swift.max(4, plot.midX - total / 2)
                for i in row { entry(i, x: x, cy: cy); x += ExplicitLegend.swatch + ExplicitLegend.gap + widths[i] + 10 }
                cy += rowHeight
            }
        }
        return items
    }
}
