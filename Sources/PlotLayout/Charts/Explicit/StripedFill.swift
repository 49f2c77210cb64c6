import PlotSpec

/// Google's striped fills (`chf=...,ls,angle,color,width,...`): the stripes repeat across the
/// area, each as wide as its fraction of the area's width, laid side by side along the
/// direction `angle` (0: left to right, so the stripes stand upright; 90: bottom to top).
enum StripedFill {
    static func items(in rect: Rect, angle: Double, stripes: [Stripe]) -> [SceneItem] {
        let period = stripes.reduce(0) { $0 + $1.width } * rect.width
        // Stripes thinner than a pixel would be a blur of colours: the first colour fills.
        guard period >= 1, let first = stripes.first else {
            return stripes.first.map { [.shape(Shape(path: [.rect(rect)], fill: $0.color))] } ?? []
        }
        let radians = angle.truncatingRemainder(dividingBy: 360) * .pi / 180
        // Direction across the stripes, in screen coordinates (y grows downward).
        let d = Point(cos(radians), -sin(radians))
        let n = Point(-d.y, d.x)
        let corners = [Point(rect.minX, rect.minY), Point(rect.maxX, rect.minY),
                       Point(rect.minX, rect.maxY), Point(rect.maxX, rect.maxY)]
        // Stripes start at the corner the direction starts from and run past the far one.
        let along = corners.map { ($0.x - rect.minX) * d.x + ($0.y - rect.maxY) * d.y }
        let start = along.min() ?? 0, end = along.max() ?? 0
        let reach = rect.width + rect.height
        let origin = Point(rect.minX, rect.maxY)
        var paths: [(RGBA, [PathElement])] = stripes.map { ($0.color, []) }
        // From the whole period at or before the first corner, so the pattern is anchored at
        // the bottom left whatever the angle.
        var t = (start / period).rounded(.down) * period
        var k = 0
        var bands = 0
        while t < end, bands < 4_000 {
            let w = stripes[k].width * rect.width
            if w > 0 {
                func at(_ s: Double, _ u: Double) -> Point {
                    Point(origin.x + d.x * s + n.x * u, origin.y + d.y * s + n.y * u)
                }
                paths[k].1 += [.move(at(t, -reach)), .line(at(t + w, -reach)), .line(at(t + w, reach)),
                               .line(at(t, reach)), .close]
            }
            t += w
            k = (k + 1) % stripes.count
            bands += 1
        }
        let shapes: [SceneItem] = paths.filter { !$0.1.isEmpty }.map { .shape(Shape(path: $0.1, fill: $0.0)) }
        // Under the stripes, the first colour: no hairline of background between two bands.
        return [.clipped(rect, [.shape(Shape(path: [.rect(rect)], fill: first.color))] + shapes)]
    }
}
