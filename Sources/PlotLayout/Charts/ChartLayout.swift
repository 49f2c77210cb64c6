import PlotSpec

/// The layout stage's entry point: a validated spec becomes a scene of drawing primitives.
public enum ChartLayout {
    public static func scene(for spec: ChartSpec, measurer: any TextMeasurer) -> Scene {
        if spec.frameStyle == .explicit {
            return ExplicitChart(spec: spec, measurer: measurer).scene()
        }
        let style = Style.of(spec.theme)
        switch spec.type {
        case .line, .area, .bar, .scatter:
            return CartesianChart(spec: spec, style: style, measurer: measurer).scene()
        case .pie, .donut:
            return PieChart(spec: spec, style: style, measurer: measurer).scene()
        case .spark:
            return Sparkline(spec: spec, style: style).scene()
        }
    }
}
