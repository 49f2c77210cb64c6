/// One of Cairo's premultiplied ARGB32 pixels as the straight (un-premultiplied) RGBA a PNG
/// stores, rounded to nearest. Opaque and fully transparent pixels pass unchanged.
@inline(__always)
func straightRGBA(_ p: UInt32) -> (r: UInt8, g: UInt8, b: UInt8, a: UInt8) {
    let a = p >> 24
    var r = (p >> 16) & 0xFF, g = (p >> 8) & 0xFF, b = p & 0xFF
    if a != 0 && a != 255 {
        r = min(255, (r * 255 + a / 2) / a)
        g = min(255, (g * 255 + a / 2) / a)
        b = min(255, (b * 255 + a / 2) / a)
    }
    return (UInt8(r), UInt8(g), UInt8(b), UInt8(a))
}
