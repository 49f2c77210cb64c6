import PlotSpec

/// Type sizes and inks of the explicit frame. Google charts are small (median 300x150), so
/// type is smaller than the native look's, in greys that stay legible at 11 px.
struct ExplicitLook {
    var axisSize = 11.0
    var axisText = RGBA(hex: 0x555555)
    var axisLine = RGBA(hex: 0x999999)
    var titleSize = 13.0
    var titleText = RGBA(hex: 0x333333)
    var legendSize = 11.0
    var legendText = RGBA(hex: 0x333333)
    var grid = RGBA(hex: 0xCCCCCC)
    var pad = 4.0
    var tickLength = 4.0

    /// The colour of series `i`: `chco`, else Google's default palette.
    func seriesColor(_ i: Int, spec: ChartSpec) -> RGBA {
        i < spec.colors.count ? spec.colors[i] : GooglePalette.color(i)
    }

    /// A bar's or slice's own colour when `chco` gave one per point.
    func pointColor(series s: Int, point i: Int, spec: ChartSpec) -> RGBA {
        if s < spec.pointColors.count, !spec.pointColors[s].isEmpty {
            let list = spec.pointColors[s]
            return list[i % list.count]
        }
        return seriesColor(s, spec: spec)
    }

    /// The value range of series `i` (the last one given serves the rest).
    static func range(_ i: Int, _ ranges: [ValueRange]) -> ValueRange {
        ranges.isEmpty ? .percent : ranges[Swift.min(i, ranges.count - 1)]
    }
}

/// Mixes two colours: t = 0 is `a`, 1 is `b`.
func mix(_ a: RGBA, _ b: RGBA, _ t: Double) -> RGBA {
    func ch(_ x: UInt8, _ y: UInt8) -> UInt8 {
        UInt8(Swift.max(0, Swift.min(255, (Double(x) + (Double(y) - Double(x)) * t).rounded())))
    }
    return RGBA(ch(a.r, b.r), ch(a.g, b.g), ch(a.b, b.b), ch(a.a, b.a))
}

extension Paint {
    /// The paint over `rect` as scene items.
    func items(in rect: Rect) -> [SceneItem] {
        switch self {
        case .solid(let c): [.shape(Shape(path: [.rect(rect)], fill: c))]
        case .linear(let angle, let stops): [.gradient(Gradient(rect: rect, angle: angle, stops: stops))]
        case .stripes(let angle, let stripes): StripedFill.items(in: rect, angle: angle, stripes: stripes)
        }
    }
}
