import CCairo

/// Arithmetic on Cairo's premultiplied ARGB32 pixels, and access to them, for the code that
/// composites into an image surface itself (marker sprites, polylines).

/// Porter-Duff "over" on premultiplied ARGB32 pixels, two channels at a time: red and blue in
/// one word, alpha and green in another. `(t + (t >> 8)) >> 8` with `t = x + 128` is x / 255
/// rounded, exact for every product of two bytes. No channel can carry into the next: with
/// premultiplied colours each channel of the result is at most 255.
@inline(__always) func blend(_ src: UInt32, over dst: UInt32) -> UInt32 {
    let inv = 255 - (src >> 24)
    if inv == 0 { return src }
    var rb = (dst & 0x00FF_00FF) &* inv &+ 0x0080_0080
    rb = ((rb &+ ((rb >> 8) & 0x00FF_00FF)) >> 8) & 0x00FF_00FF
    var ag = ((dst >> 8) & 0x00FF_00FF) &* inv &+ 0x0080_0080
    ag = (ag &+ ((ag >> 8) & 0x00FF_00FF)) & 0xFF00_FF00
    return src &+ rb &+ ag
}

/// `x * y / 255`, rounded, for bytes (pixman's MUL_UN8).
@inline(__always) func mul255(_ x: UInt32, _ y: UInt32) -> UInt32 {
    let t = x &* y &+ 0x80
    return (t &+ (t >> 8)) >> 8
}

/// A premultiplied pixel times coverage `c` / 255, each channel rounded (a solid source
/// through an A8 mask, as pixman computes it).
@inline(__always) func scaled(_ p: UInt32, by c: UInt32) -> UInt32 {
    mul255(p >> 24, c) << 24 | mul255((p >> 16) & 0xFF, c) << 16 | mul255((p >> 8) & 0xFF, c) << 8 | mul255(p & 0xFF, c)
}

/// An image surface's ARGB32 pixels, for compositing into them directly.
struct SurfacePixels {
    let pixels: UnsafeMutablePointer<UInt32>
    let width: Int
    let height: Int
    /// Pixels per row (Cairo may pad rows).
    let stride: Int

    /// Runs `body` on the pixels between Cairo's flush (its pending drawing lands first) and
    /// mark-dirty (its caches learn the pixels changed); nothing when the surface has no data.
    static func edit(_ surface: OpaquePointer, _ body: (SurfacePixels) -> Void) {
        cairo_surface_flush(surface)
        defer { cairo_surface_mark_dirty(surface) }
        guard let data = cairo_image_surface_get_data(surface) else { return }
        let height = Int(cairo_image_surface_get_height(surface))
        let stride = Int(cairo_image_surface_get_stride(surface)) / 4
        body(SurfacePixels(pixels: UnsafeMutableRawPointer(data).bindMemory(to: UInt32.self, capacity: stride * height),
                           width: Int(cairo_image_surface_get_width(surface)), height: height, stride: stride))
    }
}
