import PlotSpec

/// Charts with an explicit frame (the Google dialect): the plot fills the canvas less the
/// title, legend, margins and the axes the spec lists; data are mapped through their own
/// value ranges; axes are labelled from theirs.
struct ExplicitChart {
    let spec: ChartSpec
    let measurer: any TextMeasurer
    let look = ExplicitLook()

    /// Points of every series (hidden ones too, for markers) in pixels; nil for missing values.
    struct Placed {
        var points: [[Point?]] = []
        /// The pixel the series' bars or fills grow from.
        var baselines: [Double] = []
        var items: [SceneItem] = []
    }

    var visibleCount: Int { Swift.min(spec.series.count, spec.visibleSeries ?? spec.series.count) }

    func scene() -> Scene {
        var scene = Scene(width: Double(spec.width), height: Double(spec.height), dpr: spec.dpr,
                          background: canvasColor)
        scene.opacity = Swift.max(0, Swift.min(1, spec.opacity))
        let full = Rect(x: 0, y: 0, width: Double(spec.width), height: Double(spec.height))
        if let paint = spec.canvasPaint { scene.items += paint.items(in: full) }
        if case .qrCode(let code)? = spec.figure {
            scene.items += QRCodeLayout.items(code, width: full.width, height: full.height)
            return scene
        }

        let title = ExplicitTitle(spec: spec, look: look, measurer: measurer)
        var area = Rect(x: 0, y: title.height, width: full.width, height: Swift.max(10, full.height - title.height))
        let legend = ExplicitLegend(spec: spec, look: look, measurer: measurer, visible: visibleCount)
        area = legend.reserve(in: area)
        scene.items += title.items(width: full.width)

        if let figure = spec.figure {
            let inner = apply(margins: area)
            scene.items += figureItems(figure, in: inner)
            scene.items += legend.items(plot: inner, area: area)
            return scene
        }
        if spec.type == .pie {
            let pie = ExplicitPie(spec: spec, look: look, measurer: measurer)
            let inner = apply(margins: area)
            scene.items += pie.items(in: inner)
            scene.items += legend.items(plot: inner, area: area)
            return scene
        }

        let bars = spec.type == .bar
        let categorySide: AxisSpec.Side? = bars ? (spec.horizontal ? .left : .bottom) : nil
        // Slot centres depend on the plot size only through fractions, so a first guess at
        // the plot is good enough for the labels.
        let slots = bars ? ExplicitBars.slotFractions(spec: spec, length: spec.horizontal ? area.height : area.width,
                                                      visible: visibleCount) : []
        let axes = ExplicitAxes(spec: spec, look: look, measurer: measurer, categorySide: categorySide, slots: slots)
        let plot = plotRect(in: area, axes: axes)

        if let paint = spec.plotPaint { scene.items += paint.items(in: plot) }
        scene.items += ExplicitGrid(spec: spec, look: look).items(plot: plot)

        let placed: Placed = bars ? ExplicitBars(chart: self, plot: plot).place()
                                  : ExplicitLines(chart: self, plot: plot).place()
        let markers = ExplicitMarkers(chart: self, plot: plot, placed: placed)
        let clip = Rect(x: plot.x - 1, y: plot.y - 3, width: plot.width + 2, height: plot.height + 6)
        scene.add(.clipped(clip, markers.items(below: true) + placed.items))
        if spec.frameLines && spec.axes.isEmpty {
            scene.add(.shape(Shape(path: [.move(Point(plot.minX, plot.minY)), .line(Point(plot.minX, plot.maxY)),
                                          .line(Point(plot.maxX, plot.maxY))],
                                   stroke: Stroke(color: look.axisLine, width: 1, crisp: true))))
        }
        scene.items += axes.items(plot: plot)
        scene.items += markers.items(below: false)
        scene.items += legend.items(plot: plot, area: area)
        return scene
    }

    /// Gauges, radars and Venn diagrams: no cartesian frame, each fills the area it is given
    /// (`chf=c,...` paints that area).
    private func figureItems(_ figure: Figure, in area: Rect) -> [SceneItem] {
        let paint = spec.plotPaint?.items(in: area) ?? []
        switch figure {
        case .gauge: return paint + GaugeChart(spec: spec, look: look, measurer: measurer).items(in: area)
        case .radar(let smooth):
            return paint + RadarChart(spec: spec, look: look, measurer: measurer, smooth: smooth).items(in: area)
        case .venn: return paint + VennChart(spec: spec, look: look).items(in: area)
        case .qrCode: return []  // drawn before any frame (scene())
        }
    }

    private var canvasColor: RGBA? {
        switch spec.background {
        case .theme: RGBA(hex: 0xFFFFFF)
        case .color(let c): c
        case .transparent: nil
        }
    }

    private func apply(margins area: Rect) -> Rect {
        let p = look.pad
        let m = spec.margins ?? Margins(left: p, right: p, top: p, bottom: p)
        return Rect(x: area.x + m.left, y: area.y + m.top, width: Swift.max(10, area.width - m.left - m.right),
                    height: Swift.max(10, area.height - m.top - m.bottom))
    }

    /// The area less the axes' bands and the labels hanging past the ends, and at least the
    /// `chma` margins.
    private func plotRect(in area: Rect, axes: ExplicitAxes) -> Rect {
        let p = look.pad
        let m = spec.margins ?? Margins(left: 0, right: 0, top: 0, bottom: 0)
        let hang = axes.overhang()
        let left = Swift.max(m.left, axes.room(.left) + p, hang.left + 2, p)
        let right = Swift.max(m.right, axes.room(.right) + p, hang.right + 2, p)
        let top = Swift.max(m.top, axes.room(.top) + p, p + 2)
        let bottom = Swift.max(m.bottom, axes.room(.bottom) + p, p)
        return Rect(x: area.x + left, y: area.y + top, width: Swift.max(10, area.width - left - right),
                    height: Swift.max(10, area.height - top - bottom))
    }

    /// Pixel of a value fraction along the plot.
    static func x(_ f: Double, _ plot: Rect) -> Double { plot.minX + f * plot.width }
    static func y(_ f: Double, _ plot: Rect) -> Double { plot.maxY - f * plot.height }
}

/// `chtt` in one or more centred lines (`chts` for colour, size, alignment).
struct ExplicitTitle {
    let lines: [String]
    let size: Double
    let color: RGBA
    let alignment: AxisSpec.Alignment

    init(spec: ChartSpec, look: ExplicitLook, measurer: any TextMeasurer) {
        size = spec.titleStyle?.size ?? look.titleSize
        color = spec.titleStyle?.color ?? look.titleText
        alignment = spec.titleStyle?.alignment ?? .center
        let width = Double(spec.width) - 8
        let size = self.size
        lines = (spec.title ?? "").split(separator: "\n", omittingEmptySubsequences: false)
            .map { measurer.fitting(String($0), size: size, maxWidth: width) }
            .filter { !$0.isEmpty }
    }

    var height: Double { lines.isEmpty ? 0 : 5 + Double(lines.count) * size * FontMetrics.lineHeight }

    func items(width: Double) -> [SceneItem] {
        lines.enumerated().map { i, line in
            let baseline = 5 + size * FontMetrics.ascent + Double(i) * size * FontMetrics.lineHeight
            let (x, anchor): (Double, TextRun.Anchor) = switch alignment {
            case .start: (6, .start)
            case .end: (width - 6, .end)
            case .center: (width / 2, .middle)
            }
            return .text(TextRun(line, at: Point(x, baseline), size: size, color: color, anchor: anchor))
        }
    }
}

/// `chg`: dashed lines every x and y percent of the plot.
struct ExplicitGrid {
    let spec: ChartSpec
    let look: ExplicitLook

    func items(plot: Rect) -> [SceneItem] {
        guard let g = spec.gridLines else { return [] }
        var path: [PathElement] = []
        if g.xStep > 0 {
            var p = g.xOffset.truncatingRemainder(dividingBy: g.xStep)
            if p < 0 { p += g.xStep }
            while p <= 100.0001 {
                let x = ExplicitChart.x(p / 100, plot)
                path += [.move(Point(x, plot.minY)), .line(Point(x, plot.maxY))]
                p += g.xStep
            }
        }
        if g.yStep > 0 {
            var p = g.yOffset.truncatingRemainder(dividingBy: g.yStep)
            if p < 0 { p += g.yStep }
            while p <= 100.0001 {
                let y = ExplicitChart.y(p / 100, plot)
                path += [.move(Point(plot.minX, y)), .line(Point(plot.maxX, y))]
                p += g.yStep
            }
        }
        guard !path.isEmpty else { return [] }
        let dash = g.dash > 0 && g.gap > 0 ? [g.dash, g.gap] : []
        return [.shape(Shape(path: path, stroke: Stroke(color: look.grid, width: 1, dash: dash, crisp: true)))]
    }
}
