import CCairo
import Foundation
import PlotLayout
import PlotSpec
@testable import PlotRender
import SeededRandom
import Testing

/// Line-chart polylines are composited by `PolylineStroke` instead of Cairo's stroker; they must
/// look like Cairo's: the same pixels within a few levels, with joins, ends, clips, translucent
/// colours and retina scales, and nothing blended twice where segments overlap.
@Suite struct PolylineStrokeTests {
    private struct Case {
        let name: String
        let points: [Point]
        var width = 1.5
        var color = RGBA(31, 119, 180)
        var cap = Stroke.Cap.butt
        var clip: Rect? = nil
        var scale = 1.0
        /// Where the polyline crosses itself the union of two partial coverages is more than
        /// their maximum: the crossing pixel comes out lighter than Cairo's (78 levels here).
        var worstAllowed = 64
    }

    /// Both renderings of `c` on a white 160 x 100 canvas (times the scale), as pixel arrays.
    private func renderBoth(_ c: Case) -> (cairo: [UInt32], ours: [UInt32], width: Int) {
        let width = Int(160 * c.scale), height = Int(100 * c.scale)
        func canvas(_ draw: (OpaquePointer, OpaquePointer) -> Void) -> [UInt32] {
            let surface = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, Int32(width), Int32(height))!
            defer { cairo_surface_destroy(surface) }
            let cr = cairo_create(surface)!
            cairo_set_source_rgb(cr, 1, 1, 1)
            cairo_paint(cr)
            draw(cr, surface)
            cairo_destroy(cr)
            cairo_surface_flush(surface)
            let stride = Int(cairo_image_surface_get_stride(surface)) / 4
            let px = UnsafeRawPointer(cairo_image_surface_get_data(surface)!)
                .bindMemory(to: UInt32.self, capacity: stride * height)
            return (0..<height).flatMap { y in (0..<width).map { px[y * stride + $0] } }
        }
        let stroke = Stroke(color: c.color, width: c.width, cap: c.cap, join: .round)
        let shape = Shape(path: [.move(c.points[0])] + c.points.dropFirst().map { .line($0) }, stroke: stroke)
        let cairo = canvas { cr, _ in
            cairo_scale(cr, c.scale, c.scale)
            if let clip = c.clip {
                cairo_rectangle(cr, clip.x, clip.y, clip.width, clip.height)
                cairo_clip(cr)
            }
            cairo_move_to(cr, c.points[0].x, c.points[0].y)
            for p in c.points.dropFirst() { cairo_line_to(cr, p.x, p.y) }
            cairo_set_source_rgba(cr, Double(c.color.r) / 255, Double(c.color.g) / 255,
                                  Double(c.color.b) / 255, Double(c.color.a) / 255)
            cairo_set_line_width(cr, c.width)
            cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND)
            cairo_set_line_cap(cr, c.cap == .round ? CAIRO_LINE_CAP_ROUND : CAIRO_LINE_CAP_BUTT)
            cairo_stroke(cr)
        }
        let ours = canvas { _, surface in
            PolylineStroke(shape, scale: c.scale)!.draw(on: surface, clip: c.clip, scale: c.scale)
        }
        return (cairo, ours, width)
    }

    private static let wave = (0..<60).map { i in
        Point(5 + Double(i) * 2.6, 50 + 25 * sin(0.15 * Double(i)) + 5 * sin(0.9 * Double(i)))
    }

    private static let cases: [Case] = [
        Case(name: "wave", points: wave),
        Case(name: "wave, 3 px", points: wave, width: 3),
        Case(name: "wave, retina", points: wave, scale: 2),
        Case(name: "wave, translucent", points: wave, color: RGBA(214, 39, 40, 128)),
        Case(name: "wave, clipped off-grid", points: wave, clip: Rect(x: 20.4, y: 35.3, width: 100.2, height: 30.6)),
        Case(name: "horizontal and vertical", points: [Point(10, 20.5), Point(150, 20.5),
                                                       Point(150, 90), Point(20, 90)]),
        Case(name: "sharp zigzag", points: (0..<12).map { Point(10 + Double($0) * 12, $0 % 2 == 0 ? 10 : 90) }),
        Case(name: "doubling back (overlap)", points: [Point(10, 50), Point(150, 52), Point(20, 54)],
             color: RGBA(44, 160, 44, 160)),
        Case(name: "long diagonals crossing", points: [Point(2, 3), Point(158, 97), Point(3, 96), Point(157, 2)],
             worstAllowed: 96),
        Case(name: "round caps, thick", points: [Point(20, 20), Point(140, 80)], width: 8, cap: .round),
        Case(name: "butt caps, thick", points: [Point(20, 80), Point(140, 30)], width: 8),
    ]

    @Test(arguments: cases.indices)
    func looksLikeCairosStroke(index: Int) {
        let c = Self.cases[index]
        let r = renderBoth(c)
        var total = 0, worst = 0, inked = 0
        for (a, b) in zip(r.cairo, r.ours) where a != 0xFFFF_FFFF || b != 0xFFFF_FFFF {
            inked += 1
            for shift: UInt32 in [0, 8, 16, 24] {
                let d = abs(Int((a >> shift) & 0xFF) - Int((b >> shift) & 0xFF))
                total += d
                worst = max(worst, d)
            }
        }
        let mean = Double(total) / Double(max(1, inked * 4))
        #expect(inked > 100, "\(c.name): nothing drawn")
        // Measured (Cairo 1.16): mean differences of 0.4-2.0 levels over the inked pixels, the
        // worst pixel 14-48 levels, at the inside of a sharp join, where a maximum of two
        // partial coverages is less than their union. Without round joins (tried) the worst
        // pixel is 102-224 in every case with a join.
        #expect(mean < 4, "\(c.name): mean difference \(mean) over \(inked) pixels")
        #expect(worst <= c.worstAllowed, "\(c.name): worst difference \(worst)")
    }

    /// A segment visits only the pixels near its line (`segment`'s bounds). Visiting the whole
    /// box instead must change nothing: random polylines (widths from a hairline to 12 px, both
    /// caps, retina scales, off-grid clips, points off the canvas) come out pixel for pixel the
    /// same either way.
    @Test func visitingFewerPixelsDropsNoInk() {
        var rng = SplitMix64(seed: 6)
        for trial in 0..<40 {
            let scale = [1.0, 1.5, 2][Int(rng.next() % 3)]
            let width = [0.3, 1, 1.5, 2.5, 4, 7, 12][Int(rng.next() % 7)]
            let count = 2 + Int(rng.next() % 20)
            let points = (0..<count).map { _ in Point(Double.random(in: -10...170, using: &rng), Double.random(in: -10...110, using: &rng)) }
            let stroke = Stroke(color: RGBA(200, 30, 90, trial % 3 == 0 ? 150 : 255), width: width,
                                cap: trial % 2 == 0 ? .butt : .round, join: .round)
            let shape = Shape(path: [.move(points[0])] + points.dropFirst().map { .line($0) }, stroke: stroke)
            let clip: Rect? = trial % 4 == 1 ? Rect(x: 12.3, y: 7.6, width: 120.5, height: 70.2) : nil
            func draw(wholeBox: Bool) -> [UInt32] {
                let (w, h) = (Int(160 * scale), Int(100 * scale))
                let surface = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, Int32(w), Int32(h))!
                defer { cairo_surface_destroy(surface) }
                var line = PolylineStroke(shape, scale: scale)!
                line.visitsWholeBox = wholeBox
                line.draw(on: surface, clip: clip, scale: scale)
                cairo_surface_flush(surface)
                let stride = Int(cairo_image_surface_get_stride(surface)) / 4
                let px = UnsafeRawPointer(cairo_image_surface_get_data(surface)!)
                    .bindMemory(to: UInt32.self, capacity: stride * h)
                return (0..<h).flatMap { y in (0..<w).map { px[y * stride + $0] } }
            }
            let reference = draw(wholeBox: true), bounded = draw(wholeBox: false)
            #expect(reference.contains { $0 != 0 } || clip != nil, "trial \(trial): nothing drawn")
            let differing = zip(reference, bounded).filter { $0 != $1 }.count
            #expect(differing == 0, "trial \(trial): \(differing) pixels differ (\(count) points, width \(width), scale \(scale))")
        }
    }

    /// What does not qualify stays with Cairo: fills, dashes, crisp lines, curves, miter joins,
    /// pens wider than any canvas.
    @Test func onlyPlainPolylinesQualify() {
        let path: [PathElement] = [.move(Point(0, 0)), .line(Point(10, 10))]
        let plain = Stroke(color: RGBA(0, 0, 0), width: 1.5, join: .round)
        #expect(PolylineStroke(Shape(path: path, stroke: plain), scale: 1) != nil)
        var dashed = plain; dashed.dash = [4, 2]
        var crisp = plain; crisp.crisp = true
        var miter = plain; miter.join = .miter
        var square = plain; square.cap = .square
        var huge = plain; huge.width = 5000
        for stroke in [dashed, crisp, miter, square, huge] {
            #expect(PolylineStroke(Shape(path: path, stroke: stroke), scale: 1) == nil)
        }
        #expect(PolylineStroke(Shape(path: path, fill: RGBA(0, 0, 0), stroke: plain), scale: 1) == nil)
        #expect(PolylineStroke(Shape(path: path + [.close], stroke: plain), scale: 1) == nil)
        #expect(PolylineStroke(Shape(path: [.move(Point(0, 0)), .arc(center: Point(0, 0), radius: 3, start: 0, end: 1)],
                                     stroke: plain), scale: 1) == nil)
    }
}

