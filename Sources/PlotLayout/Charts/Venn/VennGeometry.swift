import PlotSpec
// libm's acos, like Style/Math.swift's cos and sin: a plain function on numbers.
#if canImport(Glibc)
import func Glibc.acos
#elseif canImport(Darwin)
import func Darwin.acos
#endif

/// Circle placement for Venn diagrams: areas proportional to the sizes, each pair of circles
/// as far apart as makes their overlap the size of their intersection. Three pairwise distances
/// fix a triangle; the triple intersection is not fitted (no placement of three circles can
/// honour all seven numbers in general; Google's own drawing approximated it the same way).
enum VennGeometry {
    struct Circle: Equatable { var center: Point; var radius: Double }

    /// Area of the lens where circles of radii `r1`, `r2` with centres `d` apart overlap.
    static func lensArea(_ r1: Double, _ r2: Double, _ d: Double) -> Double {
        if d >= r1 + r2 { return 0 }
        if d <= abs(r1 - r2) { return .pi * Swift.min(r1, r2) * Swift.min(r1, r2) }
        let a1 = acos(Swift.max(-1, Swift.min(1, (d * d + r1 * r1 - r2 * r2) / (2 * d * r1))))
        let a2 = acos(Swift.max(-1, Swift.min(1, (d * d + r2 * r2 - r1 * r1) / (2 * d * r2))))
        let k = (-d + r1 + r2) * (d + r1 - r2) * (d - r1 + r2) * (d + r1 + r2)
        return r1 * r1 * a1 + r2 * r2 * a2 - 0.5 * (Swift.max(0, k)).squareRoot()
    }

    /// The centre distance that gives an overlap of `area` (the overlap shrinks as the distance
    /// grows, so bisection finds it). No overlap leaves a small gap, so the circles read as apart.
    static func distance(_ r1: Double, _ r2: Double, overlap area: Double) -> Double {
        let full = .pi * Swift.min(r1, r2) * Swift.min(r1, r2)
        if area <= 0 { return (r1 + r2) * 1.05 }
        if area >= full { return abs(r1 - r2) }
        var lo = abs(r1 - r2), hi = r1 + r2
        for _ in 0..<60 {
            let mid = (lo + hi) / 2
            if lensArea(r1, r2, mid) > area { lo = mid } else { hi = mid }
        }
        return (lo + hi) / 2
    }

    /// Circles for A, B, C, AB, AC, BC (ABC unused) in size units: A at the origin, B to its
    /// right, C below the pair. Missing values count as zero; a zero circle has radius zero.
    static func circles(_ values: [Double]) -> [Circle] {
        func v(_ i: Int) -> Double { i < values.count && values[i].isFinite ? Swift.max(0, values[i]) : 0 }
        let r = (0..<3).map { (v($0) / .pi).squareRoot() }
        let dAB = distance(r[0], r[1], overlap: v(3))
        let dAC = distance(r[0], r[2], overlap: v(4))
        let dBC = distance(r[1], r[2], overlap: v(5))
        let a = Point(0, 0), b = Point(dAB, 0)
        var c = Point(dAC, 0)
        if dAB > 1e-9 && r[2] > 0 {
            // Law of cosines; when the three distances cannot form a triangle, the nearest
            // one that can (C on the line through A and B).
            let x = (dAC * dAC - dBC * dBC + dAB * dAB) / (2 * dAB)
            c = Point(x, Swift.max(0, dAC * dAC - x * x).squareRoot())
        }
        return [Circle(center: a, radius: r[0]), Circle(center: b, radius: r[1]), Circle(center: c, radius: r[2])]
    }

    /// The circles scaled and moved to fit `rect`, centred.
    static func fitted(_ circles: [Circle], in rect: Rect) -> [Circle] {
        let drawn = circles.filter { $0.radius > 0 }
        guard !drawn.isEmpty else { return circles }
        let minX = drawn.map { $0.center.x - $0.radius }.min()!, maxX = drawn.map { $0.center.x + $0.radius }.max()!
        let minY = drawn.map { $0.center.y - $0.radius }.min()!, maxY = drawn.map { $0.center.y + $0.radius }.max()!
        let w = Swift.max(maxX - minX, 1e-9), h = Swift.max(maxY - minY, 1e-9)
        let k = Swift.min(rect.width / w, rect.height / h)
        let dx = rect.midX - (minX + maxX) / 2 * k, dy = rect.midY - (minY + maxY) / 2 * k
        return circles.map { Circle(center: Point($0.center.x * k + dx, $0.center.y * k + dy), radius: $0.radius * k) }
    }
}
