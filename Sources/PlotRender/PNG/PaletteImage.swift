/// An image with at most 256 distinct colours, as palette indices: sparklines, bar charts and
/// sprite-stamped scatter plots usually qualify, and one byte per pixel instead of three
/// makes them both smaller and faster to compress. Exact: the palette holds the colours as
/// they are, nothing is quantised.
struct PaletteImage {
    let width: Int
    let height: Int
    /// Premultiplied ARGB32 colours in order of first appearance.
    var colors: [UInt32] = []
    var indices: [UInt8]

    /// nil as soon as a 257th colour turns up (the scan stops there).
    init?(_ pixels: UnsafePointer<UInt32>, width: Int, height: Int, stride: Int) {
        self.width = width
        self.height = height
        indices = [UInt8](repeating: 0, count: width * height)
        // Open-addressing table of 1024 entries: colour -> index + 1 (0 = empty).
        var keys = [UInt32](repeating: 0, count: 1024)
        var values = [UInt16](repeating: 0, count: 1024)
        var lastColor: UInt32 = 0, lastIndex: UInt8 = 0, haveLast = false
        var ok = true
        indices.withUnsafeMutableBufferPointer { out in
            outer: for y in 0..<height {
                let row = pixels + y * stride
                for x in 0..<width {
                    let c = row[x]
                    // Runs of one colour are the common case: skip the table.
                    if haveLast && c == lastColor { out[y * width + x] = lastIndex; continue }
                    var slot = Int((c &* 0x9E37_79B1) >> 22)
                    while true {
                        if values[slot] == 0 {
                            if colors.count == 256 { ok = false; break outer }
                            colors.append(c)
                            keys[slot] = c
                            values[slot] = UInt16(colors.count)
                            break
                        }
                        if keys[slot] == c { break }
                        slot = (slot + 1) & 1023
                    }
                    lastColor = c
                    lastIndex = UInt8(values[slot] - 1)
                    haveLast = true
                    out[y * width + x] = lastIndex
                }
            }
        }
        if !ok { return nil }
    }

    func png(options: PNGEncoder.Options) -> [UInt8] {
        var plte: [UInt8] = []
        var trns: [UInt8] = []
        var anyTranslucent = false
        for c in colors {
            let a = c >> 24
            var r = (c >> 16) & 0xFF, g = (c >> 8) & 0xFF, b = c & 0xFF
            if a != 0 && a != 255 {
                r = min(255, (r * 255 + a / 2) / a)
                g = min(255, (g * 255 + a / 2) / a)
                b = min(255, (b * 255 + a / 2) / a)
            }
            plte += [UInt8(r), UInt8(g), UInt8(b)]
            trns.append(UInt8(a))
            if a != 255 { anyTranslucent = true }
        }
        // tRNS may stop after the last translucent entry.
        if anyTranslucent { while trns.last == 255 { trns.removeLast() } }

        var raw = [UInt8](repeating: 0, count: (width + 1) * height)
        raw.withUnsafeMutableBufferPointer { out in
            indices.withUnsafeBufferPointer { idx in
                for y in 0..<height {
                    out[y * (width + 1)] = 0  // filter: none
                    for x in 0..<width { out[y * (width + 1) + 1 + x] = idx[y * width + x] }
                }
            }
        }
        var ihdr: [UInt8] = []
        ihdr.appendBigEndian(UInt32(width))
        ihdr.appendBigEndian(UInt32(height))
        ihdr += [8, 3, 0, 0, 0]  // 8-bit indices, palette colour
        var extra: [(String, [UInt8])] = [("PLTE", plte)]
        if anyTranslucent { extra.append(("tRNS", trns)) }
        return PNGEncoder.assemble(ihdr: ihdr, extra: extra, idat: Deflate.compress(raw, options: options))
    }
}
