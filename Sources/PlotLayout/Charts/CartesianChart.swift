import PlotSpec

/// Line, area, bar and scatter charts: one frame with two axes, marks clipped to the plot.
struct CartesianChart {
    let spec: ChartSpec
    let style: Style
    let measurer: any TextMeasurer
    let data: CartesianData

    init(spec: ChartSpec, style: Style, measurer: any TextMeasurer) {
        self.spec = spec
        self.style = style
        self.measurer = measurer
        self.data = CartesianData(spec: spec)
    }

    /// Horizontal bars put the categories on the left and the values along the bottom.
    var horizontal: Bool { spec.type == .bar && spec.horizontal }

    func scene() -> Scene {
        let legend = Legend(spec: spec, style: style, measurer: measurer, maxLabelWidth: spec.widthD * 0.3)
        var placement = legend.initialPlacement(spec.legend)
        var frame = layoutFrame(legend: legend, placement: placement)
        var marks = Marks(chart: self, frame: frame).items()

        if case .inside = placement {
            // Pick the corner that hides no data; if every corner would, move the legend out.
            if let corner = legend.freeCorner(in: frame.plot, avoiding: marks.obstacles) {
                placement = .inside(corner)
            } else {
                placement = legend.size.width + 16 < frame.plot.width * 0.9 ? .top : .right
                frame = layoutFrame(legend: legend, placement: placement)
                marks = Marks(chart: self, frame: frame).items()
            }
        }

        var scene = Scene(width: spec.widthD, height: spec.heightD, dpr: spec.dpr,
                          background: style.canvas(for: spec.background))
        let axes = AxisPainter(frame: frame, style: style, measurer: measurer, gridMode: spec.grid, horizontal: horizontal)
        scene.items += axes.grid()
        scene.add(.clipped(marksClip(frame.plot), marks.items))
        if marks.empty { scene.add(noDataNotice(in: frame.plot)) }
        scene.items += axes.frameAndTicks()
        scene.items += axes.tickLabels()
        scene.items += titles(frame: frame, placement: placement, legend: legend)
        scene.items += legend.items(placement: placement, plot: frame.plot, canvasWidth: spec.widthD,
                                    canvasHeight: spec.heightD)
        return scene
    }

    /// Marks are clipped to the plot, except that lines and areas may overhang the top and
    /// bottom by a line's half width (or a lone point's radius): a peak that lands exactly on
    /// the top tick is then drawn whole instead of cut in half by the frame.
    private func marksClip(_ plot: Rect) -> Rect {
        guard spec.type == .line || spec.type == .area else { return plot }
        let overhang = Marks.loneDotRadius(lineWidth: spec.lineWidth ?? Marks.defaultLineWidth)
        return Rect(x: plot.x, y: plot.y - overhang, width: plot.width, height: plot.height + 2 * overhang)
    }

    private func layoutFrame(legend: Legend, placement: LegendPlacement) -> CartesianFrame {
        let request = FrameRequest(
            width: spec.widthD, height: spec.heightD, title: spec.title,
            xTitle: spec.xLabel, yTitle: spec.yLabel,
            legend: placement, legendSize: legend.size(for: placement, canvasWidth: spec.widthD),
            makeAxes: { bottomTicks, leftTicks in
                let x = makeXAxis(target: horizontal ? leftTicks : bottomTicks)
                let y = makeYAxis(target: horizontal ? bottomTicks : leftTicks)
                return horizontal ? (y, x) : (x, y)
            })
        return CartesianFrame.layout(request, style: style, measurer: measurer)
    }

    private func makeXAxis(target: Int) -> Axis {
        // Lines and areas run edge to edge: their x domain is the data's extent, not widened to
        // the next tick (which would leave an empty strip on the right).
        Axis.make(kind: data.xKind, dataRange: scatterPadded(data.xRange), explicitMin: spec.xMin,
                  explicitMax: spec.xMax, includeZero: false, nice: spec.type == .scatter, targetCount: target)
    }

    private func makeYAxis(target: Int) -> Axis {
        Axis.make(kind: spec.yLog ? .log : .linear, dataRange: spec.yLog ? data.yRange : scatterPadded(data.yRange),
                  explicitMin: spec.yMin,
                  explicitMax: spec.yMax, includeZero: spec.type == .bar || spec.type == .area,
                  targetCount: target)
    }

    /// Scatter markers have a size: 5% of room on each side (as matplotlib's margins) keeps
    /// the outermost ones from being cut in half by the frame when they land on a tick.
    private func scatterPadded(_ range: ClosedRange<Double>?) -> ClosedRange<Double>? {
        guard spec.type == .scatter, let range else { return range }
        let span = range.upperBound - range.lowerBound
        let margin = span > 0 && span.isFinite ? span * 0.05 : 0
        // Data near ±1.8e308 has no room for a margin: the padded ends stay finite.
        let top = Double.greatestFiniteMagnitude
        return Swift.max(range.lowerBound - margin, -top)...Swift.min(range.upperBound + margin, top)
    }

    private func titles(frame: CartesianFrame, placement: LegendPlacement, legend: Legend) -> [SceneItem] {
        var items: [SceneItem] = []
        let plot = frame.plot
        if let title = spec.title {
            let text = measurer.fitting(title, size: style.titleSize, maxWidth: spec.widthD - 16)
            // Centred over the plot unless that would push a long title off the canvas.
            let w = measurer.width(of: text, size: style.titleSize, bold: false)
            var x = plot.midX
            x = Swift.min(Swift.max(x, w / 2 + 8), spec.widthD - w / 2 - 8)
            let baseline = 15 + style.titleSize * FontMetrics.ascent
            items.append(.text(TextRun(text, at: Point(x, baseline), size: style.titleSize, color: style.text,
                                       anchor: .middle)))
        }
        // Axis titles follow the screen: xlabel names the bottom axis, ylabel the left one, also
        // for horizontal bars (where the values run along the bottom).
        if let t = spec.xLabel {
            let text = measurer.fitting(t, size: style.axisTitleSize, maxWidth: plot.width)
            var baseline = spec.heightD - CartesianFrame.edgeBaseline
            if placement == .bottom { baseline -= legend.size(for: .bottom, canvasWidth: spec.widthD).height + 6 }
            items.append(.text(TextRun(text, at: Point(plot.midX, baseline), size: style.axisTitleSize,
                                       color: style.text, anchor: .middle)))
        }
        if let t = spec.yLabel {
            let text = measurer.fitting(t, size: style.axisTitleSize, maxWidth: plot.height)
            items.append(.text(TextRun(text, at: Point(CartesianFrame.axisTitleBaseline, plot.midY),
                                       size: style.axisTitleSize, color: style.text, anchor: .middle,
                                       rotation: 90)))
        }
        return items
    }

    private func noDataNotice(in plot: Rect) -> SceneItem {
        .text(TextRun("No data", at: Point(plot.midX, plot.midY), size: style.legendSize,
                      color: style.tickText, anchor: .middle, baseline: .middle))
    }
}

extension ChartSpec {
    var widthD: Double { Double(width) }
    var heightD: Double { Double(height) }
}
