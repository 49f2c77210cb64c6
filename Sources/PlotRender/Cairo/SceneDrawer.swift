import CCairo
import PlotLayout
import PlotSpec

/// Draws a scene on a Cairo context. One routine for every output: PNG, SVG and PDF differ only
/// in the surface underneath.
///
/// The context's user space is CSS pixels (scaled by dpr for images). Crisp strokes and fills
/// are the exception: they are snapped in device space, so a 1 px axis is exactly one pixel
/// wide at every dpr.
struct SceneDrawer {
    let cr: OpaquePointer
    /// Device pixels per CSS pixel (1 for vector surfaces).
    let scale: Double
    /// Image surfaces can composite scatter markers from a sprite; vector ones draw circles.
    let raster: ImageTarget?

    struct ImageTarget {
        let surface: OpaquePointer
    }

    func draw(_ scene: Scene) {
        cairo_set_antialias(cr, CAIRO_ANTIALIAS_DEFAULT)
        guard scene.opacity < 1 else { return drawWhole(scene) }
        // The picture is drawn whole into a group and composited once at the opacity, over a
        // cleared surface (an image surface may hold the last render's pixels). Markers are
        // not stamped from a sprite there: stamping writes to the surface, not the group.
        cairo_save(cr)
        cairo_set_operator(cr, CAIRO_OPERATOR_CLEAR)
        cairo_paint(cr)
        cairo_restore(cr)
        cairo_push_group(cr)
        SceneDrawer(cr: cr, scale: scale, raster: nil).drawWhole(scene)
        cairo_pop_group_to_source(cr)
        cairo_paint_with_alpha(cr, Swift.max(0, scene.opacity))
    }

    private func drawWhole(_ scene: Scene) {
        if let bg = scene.background {
            cairo_save(cr)
            cairo_set_operator(cr, CAIRO_OPERATOR_SOURCE)
            setColor(bg)
            cairo_paint(cr)
            cairo_restore(cr)
        }
        draw(scene.items, clip: nil)
    }

    private func draw(_ items: [SceneItem], clip: Rect?) {
        for item in items {
            switch item {
            case .shape(let shape): draw(shape, clip: clip)
            case .text(let run): draw(run)
            case .clipped(let rect, let inner):
                cairo_save(cr)
                cairo_rectangle(cr, rect.x, rect.y, rect.width, rect.height)
                cairo_clip(cr)
                draw(inner, clip: rect)
                cairo_restore(cr)
            case .markers(let marker): draw(marker, clip: clip)
            case .gradient(let gradient): draw(gradient)
            case .qrCode(let mark): draw(mark)
            }
        }
    }

    // MARK: shapes

    private func draw(_ shape: Shape, clip: Rect?) {
        if let raster, let line = PolylineStroke(shape, scale: scale) {
            line.draw(on: raster.surface, clip: clip, scale: scale)
            return
        }
        // The current point survives cairo_save/restore and text drawing: start every shape
        // from an empty path, or its first arc would be joined to wherever the last text ended.
        cairo_new_path(cr)
        if let fill = shape.fill {
            if shape.crispFill {
                withDeviceSpace { addPath(shape.path, snap: .edges) }
            } else {
                addPath(shape.path, snap: nil)
            }
            setColor(fill)
            if shape.stroke == nil || shape.crispFill { cairo_fill(cr) } else { cairo_fill_preserve(cr) }
        }
        guard let stroke = shape.stroke else { return }
        if stroke.crisp {
            withDeviceSpace {
                let w = Swift.max(1, (stroke.width * scale).rounded())
                cairo_new_path(cr)
                addPath(shape.path, snap: .centers(odd: Int(w) % 2 == 1))
                applyStroke(stroke, width: w)
                cairo_stroke(cr)
            }
        } else {
            if shape.fill == nil || shape.crispFill { cairo_new_path(cr); addPath(shape.path, snap: nil) }
            applyStroke(stroke, width: stroke.width)
            cairo_stroke(cr)
        }
    }

    private func applyStroke(_ stroke: Stroke, width: Double) {
        setColor(stroke.color)
        cairo_set_line_width(cr, width)
        let cap: cairo_line_cap_t = switch stroke.cap {
        case .butt: CAIRO_LINE_CAP_BUTT
        case .round: CAIRO_LINE_CAP_ROUND
        case .square: CAIRO_LINE_CAP_SQUARE
        }
        let join: cairo_line_join_t = switch stroke.join {
        case .miter: CAIRO_LINE_JOIN_MITER
        case .round: CAIRO_LINE_JOIN_ROUND
        case .bevel: CAIRO_LINE_JOIN_BEVEL
        }
        cairo_set_line_cap(cr, cap)
        cairo_set_line_join(cr, join)
        if stroke.dash.isEmpty {
            cairo_set_dash(cr, nil, 0, 0)
        } else {
            stroke.dash.withUnsafeBufferPointer { cairo_set_dash(cr, $0.baseAddress, Int32($0.count), 0) }
        }
    }

    private enum Snap {
        /// Lines on pixel centres (odd device widths) or pixel edges (even widths).
        case centers(odd: Bool)
        /// Filled areas on whole pixels.
        case edges
    }

    /// Runs `body` with an identity matrix: coordinates are device pixels.
    private func withDeviceSpace(_ body: () -> Void) {
        cairo_save(cr)
        cairo_identity_matrix(cr)
        body()
        cairo_restore(cr)
    }

    private func snapped(_ v: Double, _ snap: Snap?) -> Double {
        guard let snap else { return clampCoordinate(v) }
        let d = clampCoordinate(v * scale)
        switch snap {
        case .centers(let odd): return odd ? d.rounded(.down) + 0.5 : d.rounded()
        case .edges: return d.rounded()
        }
    }

    private func addPath(_ path: [PathElement], snap: Snap?) {
        for element in path {
            switch element {
            case .move(let p): cairo_move_to(cr, snapped(p.x, snap), snapped(p.y, snap))
            case .line(let p): cairo_line_to(cr, snapped(p.x, snap), snapped(p.y, snap))
            case .close: cairo_close_path(cr)
            case .rect(let r):
                var x0 = snapped(r.minX, snap), x1 = snapped(r.maxX, snap)
                var y0 = snapped(r.minY, snap), y1 = snapped(r.maxY, snap)
                if case .edges = snap {
                    // A thin bar must not vanish by rounding to zero width.
                    if x1 - x0 < 1 && r.width > 0 { x1 = x0 + 1 }
                    if y1 - y0 < 1 && r.height > 0 { y0 = y1 - 1 }
                }
                if x1 < x0 { swap(&x0, &x1) }
                if y1 < y0 { swap(&y0, &y1) }
                cairo_rectangle(cr, x0, y0, x1 - x0, y1 - y0)
            case .arc(let c, let radius, let start, var end):
                let k = snap == nil ? 1 : scale
                guard c.x.isFinite, c.y.isFinite, radius.isFinite, start.isFinite, end.isFinite else { continue }
                // More than a full turn draws nothing more, and Cairo walks huge sweeps turn by
                // turn (a sweep of 1e300 radians spins for minutes).
                end = Swift.min(Swift.max(end, start - 2 * .pi), start + 2 * .pi)
                if end >= start {
                    cairo_arc(cr, c.x * k, c.y * k, radius * k, start, end)
                } else {
                    cairo_arc_negative(cr, c.x * k, c.y * k, radius * k, start, end)
                }
            }
        }
    }

    // MARK: gradients

    private func draw(_ g: Gradient) {
        let (start, end) = g.line
        guard let pattern = cairo_pattern_create_linear(start.x, start.y, end.x, end.y) else { return }
        for stop in g.stops {
            let c = stop.color
            cairo_pattern_add_color_stop_rgba(pattern, stop.offset, Double(c.r) / 255, Double(c.g) / 255,
                                              Double(c.b) / 255, Double(c.a) / 255)
        }
        cairo_new_path(cr)
        cairo_rectangle(cr, g.rect.x, g.rect.y, g.rect.width, g.rect.height)
        cairo_set_source(cr, pattern)
        cairo_fill(cr)
        cairo_pattern_destroy(pattern)
    }

    // MARK: text

    private func draw(_ run: TextRun) {
        if run.text.isEmpty { return }
        // A non-finite position or size would put Cairo into an error state and fail the whole
        // render; such a run cannot be seen anyway.
        guard run.position.x.isFinite, run.position.y.isFinite, run.rotation.isFinite,
              run.size.isFinite, run.size > 0 else { return }
        let text = CairoText.safe(run.text)
        cairo_save(cr)
        FontFaces.shared.apply(to: cr, size: run.size, bold: run.bold)
        var extents = cairo_text_extents_t()
        cairo_text_extents(cr, text, &extents)
        cairo_translate(cr, run.position.x, run.position.y)
        if run.rotation != 0 { cairo_rotate(cr, -run.rotation * .pi / 180) }
        let dx: Double = switch run.anchor {
        case .start: 0
        case .middle: -extents.x_advance / 2
        case .end: -extents.x_advance
        }
        let dy: Double = switch run.baseline {
        case .alphabetic: 0
        case .top: run.size * FontMetrics.ascent
        case .middle: run.size * FontMetrics.capHeight / 2
        case .bottom: -run.size * FontMetrics.descent
        }
        setColor(run.color)
        cairo_move_to(cr, dx, dy)
        cairo_show_text(cr, text)
        cairo_new_path(cr)
        cairo_restore(cr)
    }

    // MARK: markers

    private func draw(_ marker: Marker, clip: Rect?) {
        if let raster, marker.centers.count > 32 {
            MarkerSprite(marker: marker, scale: scale).stamp(on: raster.surface, clip: clip)
            return
        }
        // Vector outputs (and a handful of points): real circles, one path, one fill.
        let r = marker.size / 2
        cairo_new_path(cr)
        for c in marker.centers {
            cairo_new_sub_path(cr)
            cairo_arc(cr, clampCoordinate(c.x), clampCoordinate(c.y), r, 0, 2 * .pi)
        }
        setColor(marker.color)
        cairo_fill(cr)
    }

    func setColor(_ c: RGBA) {
        cairo_set_source_rgba(cr, Double(c.r) / 255, Double(c.g) / 255, Double(c.b) / 255, Double(c.a) / 255)
    }
}

/// Cairo keeps coordinates in 24.8 fixed point; far-off points (a value far outside an explicit
/// axis range) must be clamped before they wrap around onto the canvas.
@inline(__always) func clampCoordinate(_ v: Double) -> Double {
    v.isFinite ? Swift.min(Swift.max(v, -1_000_000), 1_000_000) : 0
}
