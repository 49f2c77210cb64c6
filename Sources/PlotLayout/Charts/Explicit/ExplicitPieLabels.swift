import PlotSpec

/// `chl` labels around a pie, each on its side (right of the centre for slices pointing right),
/// pushed apart vertically so no two overlap, with a leader line from the slice's edge through
/// an elbow beside it to the label. Google's pies were small (300x150) with many thin slices:
/// labels at their natural places ran into each other. When a side cannot hold all its labels
/// in the height, the labels of the smallest slices are left out.
struct ExplicitPieLabels {
    struct Label {
        var index: Int
        /// Middle of the slice, radians clockwise from 3 o'clock.
        var angle: Double
        /// The slice's share of the pie, to choose whom to leave out.
        var share: Double
        var text: String
    }

    let center: Point
    let radius: Double
    let area: Rect
    let size: Double
    let color: RGBA
    let lineColor: RGBA

    var lineHeight: Double { size * FontMetrics.lineHeight }

    func items(_ labels: [Label]) -> [SceneItem] {
        var items: [SceneItem] = []
        for right in [true, false] {
            let side = labels.filter { (cos($0.angle) >= 0) == right }
            items += place(side, right: right)
        }
        return items
    }

    /// Natural heights: where the ray through the middle of the slice leaves the ring of labels.
    private func naturalY(_ l: Label) -> Double { center.y + sin(l.angle) * (radius + 6) }

    /// y of each label on one side, spread to a line apart within the area; the labels kept.
    func spread(_ side: [Label]) -> [(Label, Double)] {
        let h = lineHeight
        let top = area.minY + h / 2, bottom = area.maxY - h / 2
        var kept = side
        let room = Swift.max(1, Int(((bottom - top) / h).rounded(.down)) + 1)
        if kept.count > room {
            let keep = Set(kept.sorted { $0.share > $1.share }.prefix(room).map(\.index))
            kept = kept.filter { keep.contains($0.index) }
        }
        var placed = kept.map { ($0, naturalY($0)) }.sorted { $0.1 < $1.1 }
        guard !placed.isEmpty else { return [] }
        // Down from the top, then back up from the bottom: every gap at least a line.
        for i in placed.indices {
            let low = i == 0 ? top : placed[i - 1].1 + h
            placed[i].1 = Swift.max(placed[i].1, low)
        }
        for i in placed.indices.reversed() {
            let high = i == placed.count - 1 ? bottom : placed[i + 1].1 - h
            placed[i].1 = Swift.min(placed[i].1, high)
        }
        return placed
    }

    private func place(_ side: [Label], right: Bool) -> [SceneItem] {
        var items: [SceneItem] = []
        let sign: Double = right ? 1 : -1
        let ring = radius + 6
        for (label, y) in spread(side) {
            let c = cos(label.angle), s = sin(label.angle)
            let edge = Point(center.x + c * radius, center.y + s * radius)
            let elbow = Point(center.x + c * (radius + 4), center.y + s * (radius + 4))
            // Beside the ring at the label's height (or just outside it when pushed past it).
            let dy = y - center.y
            let reach = (ring * ring - dy * dy).squareRoot()
            let x = center.x + sign * Swift.max(abs(elbow.x - center.x) + 2, reach.isNaN ? ring * 0.3 : reach)
            var path: [PathElement] = [.move(edge), .line(elbow)]
            if abs(elbow.y - y) > 0.5 || abs(elbow.x - x) > 0.5 { path.append(.line(Point(x, y))) }
            items.append(.shape(Shape(path: path, stroke: Stroke(color: lineColor, width: 0.75))))
            items.append(.text(TextRun(label.text, at: Point(x + sign * 2, y), size: size, color: color,
                                       anchor: right ? .start : .end, baseline: .middle)))
        }
        return items
    }
}
