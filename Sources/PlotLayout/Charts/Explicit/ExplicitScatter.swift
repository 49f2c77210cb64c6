import PlotSpec

/// Scatter points (`cht=s`) as Google drew them: circles 10 px across in blue by default; a
/// `chm` shape marker on every point of a series (`chm=d,FF0000,0,-1,15`) replaces the default
/// shape, colour and size; the third data series (`pointSizes`) scales each point relative to
/// that size; `chco=a|b|c` colours each point.
struct ExplicitScatter {
    let chart: ExplicitChart

    static let defaultSize = 10.0
    /// Google's scatter points were blue, not the orange of its other first series.
    static let defaultColor = GooglePalette.color(1)

    /// The colour of series `s`'s points (and of its legend swatch): `chco`, else Google's
    /// scatter blue for the first series and its palette for the others, unless a `chm` shape
    /// marker on all points recolours them.
    static func seriesColor(_ s: Int, spec: ChartSpec) -> RGBA {
        if let k = replacements(spec).first(where: { spec.markers[$0].series == s }),
           case .shape = spec.markers[k].kind {
            return spec.markers[k].color
        }
        return s < spec.colors.count ? spec.colors[s] : (s == 0 ? defaultColor : GooglePalette.color(s))
    }

    /// Indexes of the markers that give a series its point shape: the first shape marker on
    /// all points of each series.
    static func replacements(_ spec: ChartSpec) -> [Int] {
        var seen: Set<Int> = []
        var out: [Int] = []
        for (k, m) in spec.markers.enumerated() {
            guard case .shape = m.kind, m.points == .all, !m.below, !seen.contains(m.series) else { continue }
            seen.insert(m.series)
            out.append(k)
        }
        return out
    }

    func items(_ points: [Point?], series s: Int) -> [SceneItem] {
        let spec = chart.spec
        let marker = ExplicitScatter.replacements(spec).map { spec.markers[$0] }.first { $0.series == s }
        var shape = MarkerSpec.Shape.circle
        var base = ExplicitScatter.defaultSize
        var color = ExplicitScatter.seriesColor(s, spec: spec)
        if let marker, case .shape(let given) = marker.kind { shape = given; base = marker.size; color = marker.color }
        let perPoint = s < spec.pointColors.count && !spec.pointColors[s].isEmpty && marker == nil
        let sizes = spec.pointSizes
        // The common case, one size and one colour of circle, stays one stamped marker item.
        if shape == .circle && !perPoint && sizes.isEmpty {
            let centers = points.compactMap { $0 }
            guard !centers.isEmpty, base > 0 else { return [] }
            return [.markers(Marker(symbol: .circle, size: base, color: color, centers: centers))]
        }
        var byColor: [(RGBA, [PathElement])] = []
        for (i, p) in points.enumerated() {
            guard let p else { continue }
            let size = base * (i < sizes.count ? sizes[i] : 1)
            guard size > 0 else { continue }
            let c = perPoint ? chart.look.pointColor(series: s, point: i, spec: spec) : color
            let path = ExplicitMarkers.path(shape, at: p, size: size)
            if let k = byColor.firstIndex(where: { $0.0 == c }) { byColor[k].1 += path } else { byColor.append((c, path)) }
        }
        return byColor.map { c, path in
            shape == .cross || shape == .xMark
                ? .shape(Shape(path: path, stroke: Stroke(color: c, width: Swift.max(1, base / 5))))
                : .shape(Shape(path: path, fill: c))
        }
    }
}
