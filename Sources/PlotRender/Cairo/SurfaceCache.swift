import CCairo

/// The image surface of the last PNG render, kept for the next one of the same size.
///
/// A new surface is zero-filled memory (1.9 MB for 800x600); a worker mostly draws charts of a
/// few repeated sizes, and every scene paints its background over the whole surface anyway.
/// Only modest sizes are kept (a 4096x4096 surface would hold 64 MB for good). Touched only
/// while holding `cairoLock`.
struct SurfaceCache: ~Copyable {
    static let maxPixels = 1 << 21  // 2 Mpx: 8 MB

    private var surface: OpaquePointer? = nil
    private var width: Int32 = 0
    private var height: Int32 = 0

    /// A surface of this size, cleared to transparent when `cleared` (scenes without a background
    /// of their own), or nil when Cairo cannot make one. The caller must `give back` it.
    mutating func take(width: Int32, height: Int32, cleared: Bool) -> OpaquePointer? {
        if let surface, self.width == width, self.height == height {
            self.surface = nil
            if cleared { clear(surface) }
            return surface
        }
        return cairo_image_surface_create(CAIRO_FORMAT_ARGB32, width, height)
    }

    /// Keeps `surface` for the next render when its size is worth keeping, else destroys it.
    mutating func giveBack(_ surface: OpaquePointer) {
        let w = cairo_image_surface_get_width(surface), h = cairo_image_surface_get_height(surface)
        guard cairo_surface_status(surface) == CAIRO_STATUS_SUCCESS, Int(w) * Int(h) <= Self.maxPixels else {
            cairo_surface_destroy(surface)
            return
        }
        if let old = self.surface { cairo_surface_destroy(old) }
        self.surface = surface
        width = w
        height = h
    }

    private func clear(_ surface: OpaquePointer) {
        guard let cr = cairo_create(surface) else { return }
        cairo_set_operator(cr, CAIRO_OPERATOR_CLEAR)
        cairo_paint(cr)
        cairo_destroy(cr)
    }

    deinit { if let surface { cairo_surface_destroy(surface) } }
}
