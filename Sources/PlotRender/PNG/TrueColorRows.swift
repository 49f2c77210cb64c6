/// PNG row filters (RFC 2083 §6). `up` (each byte minus the one above) turns repeated rows
/// of flat bar charts into zeros; on antialiased line charts it measured worse than `none`.
public enum RowFilter: UInt8, Sendable {
    case none = 0, up = 2
    /// Per row: `up` where the row repeats the one above (flat fills, bar interiors), `none`
    /// elsewhere (antialiased lines and text, where `up` residuals compress worse). Not a PNG
    /// filter type itself: each row records the one it used.
    case repeatedRowsUp = 255
}

/// The filtered scanlines of an RGB or RGBA image, each prefixed with its filter byte.
enum TrueColorRows {
    static func build(_ pixels: UnsafePointer<UInt32>, width: Int, height: Int, stride: Int, opaque: Bool,
                      filter: RowFilter) -> [UInt8] {
        let channels = opaque ? 3 : 4
        let lineBytes = width * channels
        let rowBytes = 1 + lineBytes
        var raw = [UInt8](repeating: 0, count: rowBytes * height)
        var previous = [UInt8](repeating: 0, count: lineBytes)
        var line = [UInt8](repeating: 0, count: lineBytes)
        raw.withUnsafeMutableBufferPointer { out in
            line.withUnsafeMutableBufferPointer { cur in
                previous.withUnsafeMutableBufferPointer { prev in
                    for y in 0..<height {
                        unpack(pixels + y * stride, width: width, opaque: opaque, into: cur)
                        let o = y * rowBytes
                        var rowFilter = filter
                        if filter == .repeatedRowsUp {
                            var same = y > 0
                            if same { for i in 0..<lineBytes where cur[i] != prev[i] { same = false; break } }
                            rowFilter = same ? .up : .none
                        }
                        out[o] = rowFilter.rawValue
                        switch rowFilter {
                        case .none, .repeatedRowsUp:
                            for i in 0..<lineBytes { out[o + 1 + i] = cur[i] }
                        case .up:
                            for i in 0..<lineBytes { out[o + 1 + i] = cur[i] &- prev[i] }
                        }
                        // The current line becomes the previous one (copied into the buffer kept
                        // for it: no allocation per row).
                        for i in 0..<lineBytes { prev[i] = cur[i] }
                    }
                }
            }
        }
        return raw
    }

    /// One row of premultiplied ARGB32 as RGB or straight-alpha RGBA bytes.
    @inline(__always)
    private static func unpack(_ row: UnsafePointer<UInt32>, width: Int, opaque: Bool,
                               into out: UnsafeMutableBufferPointer<UInt8>) {
        var o = 0
        for x in 0..<width {
            let p = row[x]
            let a = p >> 24
            var r = (p >> 16) & 0xFF, g = (p >> 8) & 0xFF, b = p & 0xFF
            if opaque {
                out[o] = UInt8(r); out[o + 1] = UInt8(g); out[o + 2] = UInt8(b)
                o += 3
            } else {
                if a != 0 && a != 255 {
                    // PNG stores straight alpha; Cairo premultiplies.
                    r = min(255, (r * 255 + a / 2) / a)
                    g = min(255, (g * 255 + a / 2) / a)
                    b = min(255, (b * 255 + a / 2) / a)
                }
                out[o] = UInt8(r); out[o + 1] = UInt8(g); out[o + 2] = UInt8(b); out[o + 3] = UInt8(a)
                o += 4
            }
        }
    }
}
