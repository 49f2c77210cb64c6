import CCairo
import PlotLayout

/// Scatter markers the way Agg (matplotlib) draws them: one marker rasterised once, then
/// composited at pixel-snapped positions. For 5,000 points this is several times faster than
/// one Cairo path of 5,000 circles, and identical markers compress far better.
struct MarkerSprite {
    let marker: Marker
    let scale: Double

    func stamp(on surface: OpaquePointer, clip: Rect?) {
        let side = Int((marker.size * scale).rounded(.up)) + 2
        let sprite = rasterise(side: side)
        SurfacePixels.edit(surface) { stamp(sprite, side: side, on: $0, clip: clip) }
    }

    private func stamp(_ sprite: [UInt32], side: Int, on target: SurfacePixels, clip: Rect?) {
        let (pixels, width, height, stride) = (target.pixels, target.width, target.height, target.stride)

        // Device-pixel bounds every stamp must stay inside: the canvas and the clip rectangle.
        var minX = 0, minY = 0, maxX = width, maxY = height
        if let clip {
            minX = Swift.max(minX, Int((clip.minX * scale).rounded()))
            minY = Swift.max(minY, Int((clip.minY * scale).rounded()))
            maxX = Swift.min(maxX, Int((clip.maxX * scale).rounded()))
            maxY = Swift.min(maxY, Int((clip.maxY * scale).rounded()))
        }
        let half = Double(side) / 2
        // Each sprite row's covered span: a round marker's corners are empty, and skipping them
        // saves a third of the per-pixel work.
        let spans = rowSpans(sprite, side: side)
        sprite.withUnsafeBufferPointer { src in
            for c in marker.centers {
                let fx = clampCoordinate(c.x * scale - half), fy = clampCoordinate(c.y * scale - half)
                let ox = Int(fx.rounded()), oy = Int(fy.rounded())
                if ox >= maxX || oy >= maxY || ox + side <= minX || oy + side <= minY { continue }
                for sy in Swift.max(0, minY - oy)..<Swift.min(side, maxY - oy) {
                    let span = spans[sy]
                    let from = Swift.max(span.lowerBound, minX - ox), to = Swift.min(span.upperBound, maxX - ox)
                    if from >= to { continue }
                    let row = (oy + sy) * stride + ox
                    let srcRow = sy * side
                    for sx in from..<to {
                        let s = src[srcRow + sx]
                        if s != 0 { pixels[row + sx] = blend(s, over: pixels[row + sx]) }
                    }
                }
            }
        }
    }

    /// For each sprite row, the range of columns holding any ink (empty when the row has none).
    private func rowSpans(_ sprite: [UInt32], side: Int) -> [Range<Int>] {
        (0..<side).map { y in
            let row = sprite[(y * side)..<(y * side + side)]
            guard let first = row.firstIndex(where: { $0 != 0 }),
                  let last = row.lastIndex(where: { $0 != 0 }) else { return 0..<0 }
            return (first - y * side)..<(last - y * side + 1)
        }
    }

    /// The marker drawn once by Cairo, antialiased, centred in a `side` x `side` sprite.
    private func rasterise(side: Int) -> [UInt32] {
        let s = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, Int32(side), Int32(side))
        defer { cairo_surface_destroy(s) }
        let cr = cairo_create(s)
        let c = marker.color
        cairo_set_source_rgba(cr, Double(c.r) / 255, Double(c.g) / 255, Double(c.b) / 255, Double(c.a) / 255)
        cairo_arc(cr, Double(side) / 2, Double(side) / 2, marker.size * scale / 2, 0, 2 * .pi)
        cairo_fill(cr)
        cairo_destroy(cr)
        cairo_surface_flush(s)
        var out = [UInt32](repeating: 0, count: side * side)
        guard let data = cairo_image_surface_get_data(s) else { return out }
        let stride = Int(cairo_image_surface_get_stride(s)) / 4
        let px = UnsafeRawPointer(data).bindMemory(to: UInt32.self, capacity: stride * side)
        for y in 0..<side { for x in 0..<side { out[y * side + x] = px[y * stride + x] } }
        return out
    }
}
