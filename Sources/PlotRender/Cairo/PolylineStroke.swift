import CCairo
import PlotLayout
import PlotSpec

/// The data lines of line charts, drawn straight into an image surface.
///
/// Cairo strokes a polyline by building its outline polygon and scan-converting that with 15
/// sub-rows per pixel row: for R1's three 200-point lines that was 10 M instructions, the largest
/// single cost of the chart (bench/README.md). Here a pixel's coverage comes from the distance
/// of its centre to the nearest segment, as a box filter sees a band of the line's width: exact
/// for horizontal and vertical lines, within a few levels of Cairo's elsewhere, and round joins
/// come for free (the nearest point of a polyline is a vertex or on a segment). The union is a
/// maximum, so where segments overlap nothing is blended twice, as in Cairo's one-polygon stroke
/// (where a line crosses itself, the crossing pixels come out a little lighter than Cairo's: the
/// maximum of two partial coverages is less than their union; line charts rarely cross themselves).
/// Butt ends ramp off along the first and last segment. Only plain solid strokes qualify
/// (`init?`); anything else, and every vector surface, still goes through Cairo.
struct PolylineStroke {
    /// Device-pixel vertices.
    private let points: [(x: Double, y: Double)]
    private let halfWidth: Double
    private let color: RGBA
    private let roundCaps: Bool
    /// Tests only: every segment visits every pixel of the line's box, the reference that the
    /// bounds in `segment` are checked against (PolylineStrokeTests).
    var visitsWholeBox = false

    init?(_ shape: Shape, scale: Double) {
        guard shape.fill == nil, let stroke = shape.stroke, !stroke.crisp, stroke.dash.isEmpty,
              stroke.join == .round, stroke.cap != .square, stroke.width > 0,
              // Any width the specs allow (at most 50 px) times any dpr; a pen wider than the
              // largest canvas is left to Cairo rather than sized into integer pixel bounds.
              stroke.width * scale <= 4096,
              shape.path.count >= 2, case .move(let first) = shape.path[0] else { return nil }
        var points = [(x: Double, y: Double)]()
        points.reserveCapacity(shape.path.count)
        points.append((clampCoordinate(first.x * scale), clampCoordinate(first.y * scale)))
        for element in shape.path.dropFirst() {
            guard case .line(let p) = element else { return nil }
            points.append((clampCoordinate(p.x * scale), clampCoordinate(p.y * scale)))
        }
        self.points = points
        halfWidth = stroke.width * scale / 2
        color = stroke.color
        roundCaps = stroke.cap == .round
    }

    /// Composites the line over the surface, inside `clip` (CSS pixels) when given.
    func draw(on surface: OpaquePointer, clip: Rect?, scale: Double) {
        SurfacePixels.edit(surface) { draw(on: $0, clip: clip, scale: scale) }
    }

    private func draw(on target: SurfacePixels, clip: Rect?, scale: Double) {
        let (pixels, width, height, stride) = (target.pixels, target.width, target.height, target.stride)

        // The area that may change: the line's bounds widened by the pen, within the canvas
        // and the clip (whose partly covered edge pixels are weighted below, as Cairo does).
        var clipBox = (left: 0.0, top: 0.0, right: Double(width), bottom: Double(height))
        if let clip {
            clipBox = (max(0, clip.minX * scale), max(0, clip.minY * scale),
                       min(Double(width), clip.maxX * scale), min(Double(height), clip.maxY * scale))
        }
        let reach = halfWidth + 1
        var minX = Double.infinity, minY = Double.infinity, maxX = -Double.infinity, maxY = -Double.infinity
        for p in points {
            minX = min(minX, p.x); maxX = max(maxX, p.x); minY = min(minY, p.y); maxY = max(maxY, p.y)
        }
        let x0 = max(Int((max(minX - reach, clipBox.left)).rounded(.down)), 0)
        let y0 = max(Int((max(minY - reach, clipBox.top)).rounded(.down)), 0)
        let x1 = min(Int((min(maxX + reach, clipBox.right)).rounded(.up)), width)
        let y1 = min(Int((min(maxY + reach, clipBox.bottom)).rounded(.up)), height)
        guard x0 < x1, y0 < y1 else { return }
        let boxWidth = x1 - x0

        // Coverage 0...255 per pixel of the box, and the column spans each segment touched, per
        // row, packed as `row << 40 | from << 20 | to` (columns fit in 20 bits: Limits caps a
        // canvas far below a million pixels wide). Compositing visits only those spans: a row
        // crossed by several far-apart segments (a zigzag) is not walked from its first ink to
        // its last.
        var coverage = [UInt8](repeating: 0, count: boxWidth * (y1 - y0))
        var spans: [UInt64] = []
        spans.reserveCapacity(4 * (y1 - y0))
        coverage.withUnsafeMutableBufferPointer { cov in
            guard let base = cov.baseAddress else { return }
            for k in 0..<(points.count - 1) {
                segment(k, into: base, box: (x0, y0, x1, y1), spans: &spans)
            }
        }

        // Source colour, premultiplied, and the clip's weight of the box's edge columns/rows.
        let a = UInt32(color.a)
        let source = a << 24 | mul255(UInt32(color.r), a) << 16 | mul255(UInt32(color.g), a) << 8 | mul255(UInt32(color.b), a)
        func weight(_ i: Int, _ lo: Double, _ hi: Double) -> Double {
            max(0, min(Double(i + 1), hi) - max(Double(i), lo))
        }
        // Each pixel's coverage is cleared once it is composited, so where spans overlap (as
        // neighbouring segments' spans do on every row they share) the second visit skips it:
        // no pixel is blended twice, and the spans need no sorting or merging.
        func composite(row: Int, from: Int, to: Int, coverage: UnsafeMutablePointer<UInt8>) {
            let y = y0 + row
            let wy = weight(y, clipBox.top, clipBox.bottom)
            let line = pixels + y * stride
            let ink = coverage + row * boxWidth - x0
            for x in from..<to {
                var c = UInt32(ink[x])
                if c == 0 { continue }
                ink[x] = 0
                if wy < 1 || Double(x) < clipBox.left || Double(x + 1) > clipBox.right {
                    c = UInt32((Double(c) * wy * weight(x, clipBox.left, clipBox.right)).rounded())
                    if c == 0 { continue }
                }
                line[x] = blend(c == 255 ? source : scaled(source, by: c), over: line[x])
            }
        }
        coverage.withUnsafeMutableBufferPointer { cov in
            guard let base = cov.baseAddress else { return }
            for span in spans {
                composite(row: Int(span >> 40), from: Int((span >> 20) & 0xF_FFFF), to: Int(span & 0xF_FFFF),
                          coverage: base)
            }
        }
    }

    /// Coverage of segment `k` (from point k to k + 1) into the box, kept where larger.
    private func segment(_ k: Int, into cov: UnsafeMutablePointer<UInt8>, box: (Int, Int, Int, Int),
                         spans: inout [UInt64]) {
        let (bx0, by0, bx1, by1) = box
        let a = points[k], b = points[k + 1]
        let dx = b.x - a.x, dy = b.y - a.y
        let length = (dx * dx + dy * dy).squareRoot()
        // Direction; a zero-length segment only matters for its round join (a dot).
        let ux = length > 0 ? dx / length : 1, uy = length > 0 ? dy / length : 0
        // Butt ends cut the line square at the polyline's first and last point.
        let cutStart = !roundCaps && k == 0
        let cutEnd = !roundCaps && k == points.count - 2
        if length == 0 && (cutStart || cutEnd) { return }
        let h = halfWidth
        // Which pixels can be inked. The band below is empty unless the distance from a pixel's
        // centre is under h + 1/2, and every distance used (to the segment, to an end vertex,
        // across the line at a butt cut) is at least the distance across the infinite line
        // through the segment. Centres therefore lie within h + 1/2 of that line, and within
        // `margin` of the segment's ends: h + 1/2, or up to half a pixel more past a butt cut,
        // which ramps off over half a pixel along the line. (Coverage under 1/510 rounds to 0,
        // so the float rounding in these bounds never drops an inked pixel.)
        let margin = (0.25 + (h + 0.5) * (h + 0.5)).squareRoot()
        // Centre x + 1/2 in (lo, hi) is column x in floor(lo - 1/2) + 1 ..< ceil(hi - 1/2).
        func columns(_ lo: Double, _ hi: Double) -> (Int, Int) {
            (Int((lo - 0.5).rounded(.down)) + 1, Int((hi - 0.5).rounded(.up)))
        }
        let (cx0, cx1) = columns(min(a.x, b.x) - margin, max(a.x, b.x) + margin)
        let (cy0, cy1) = columns(min(a.y, b.y) - margin, max(a.y, b.y) + margin)
        let sx0 = visitsWholeBox ? bx0 : max(cx0, bx0), sx1 = visitsWholeBox ? bx1 : min(cx1, bx1)
        let sy0 = visitsWholeBox ? by0 : max(cy0, by0), sy1 = visitsWholeBox ? by1 : min(cy1, by1)
        if sx0 >= sx1 || sy0 >= sy1 { return }
        let boxWidth = bx1 - bx0
        // Along a row, within h + 1/2 of the line is within (h + 1/2) / |uy| of where the line
        // crosses the row's centre. Without this a long diagonal segment would visit its whole
        // bounding box (a canvas-wide diagonal: millions of pixels).
        let slope = abs(uy) > 1e-9 ? dx / dy : 0
        let rowReach = abs(uy) > 1e-9 ? (h + 0.5) / abs(uy) : 0
        for y in sy0..<sy1 {
            let py = Double(y) + 0.5 - a.y
            var fromX = sx0, toX = sx1
            if abs(uy) > 1e-9 && !visitsWholeBox {
                let xCentre = a.x + py * slope
                let (rx0, rx1) = columns(xCentre - rowReach, xCentre + rowReach)
                fromX = max(sx0, rx0)
                toX = min(sx1, rx1)
            }
            if fromX >= toX { continue }
            var touchedFrom = Int.max, touchedTo = Int.min
            let rowBase = cov + (y - by0) * boxWidth - bx0
            for x in fromX..<toX {
                let px = Double(x) + 0.5 - a.x
                let along = px * ux + py * uy
                let across = abs(px * uy - py * ux)
                // Beyond an end: the distance to that vertex (a round join or cap), unless the
                // polyline ends there with a butt cap, which the box filter ramps off over the
                // pixel straddling the cut.
                var distance = across
                var endWeight = 1.0
                if along < 0 && !cutStart {
                    distance = (px * px + py * py).squareRoot()
                } else if along > length && !cutEnd {
                    let qx = px - dx, qy = py - dy
                    distance = (qx * qx + qy * qy).squareRoot()
                }
                if cutStart && along < 0.5 { endWeight = max(0, 0.5 + along) }
                if cutEnd && along > length - 0.5 { endWeight = min(endWeight, max(0, 0.5 + length - along)) }
                // A pixel-wide box filter over a band of width 2h centred `distance` away.
                let band = min(distance + 0.5, h) - max(distance - 0.5, -h)
                if band <= 0 || endWeight <= 0 { continue }
                let c = UInt8(min(1, band * endWeight) * 255 + 0.5)
                if c == 0 { continue }
                if c > rowBase[x] { rowBase[x] = c }
                touchedFrom = min(touchedFrom, x)
                touchedTo = x + 1
            }
            if touchedFrom < touchedTo {
                spans.append(UInt64(y - by0) << 40 | UInt64(touchedFrom) << 20 | UInt64(touchedTo))
            }
        }
    }
}
