#if canImport(Glibc)
import Glibc
#endif

/// An image with at most 256 distinct colours, as palette indices: sparklines, bar charts and
/// sprite-stamped scatter plots usually qualify, and one byte per pixel instead of three
/// makes them both smaller and faster to compress. Exact: the palette holds the colours as
/// they are, nothing is quantised.
struct PaletteImage {
    let width: Int
    let height: Int
    /// Premultiplied ARGB32 colours in order of first appearance.
    var colors: [UInt32] = []
    /// The PNG's raw scanlines: per row a filter byte (0, none) and `width` palette indices,
    /// ready for deflate with no further copy.
    var rows: [UInt8]

    /// nil as soon as a 257th colour turns up (the scan stops there).
    init?(_ pixels: UnsafePointer<UInt32>, width: Int, height: Int, stride: Int) {
        self.width = width
        self.height = height
        guard width > 0, height > 0 else { return nil }
        var rows = [UInt8](repeating: 0, count: (width + 1) * height)
        var found = [UInt32]()
        found.reserveCapacity(256)
        // Open-addressing table of 1024 entries: colour -> index + 1 (0 = empty). Plain buffers
        // and locals in the loop: this scan runs over every pixel of every image.
        var keys = [UInt32](repeating: 0, count: 1024)
        var values = [UInt16](repeating: 0, count: 1024)
        let ok = rows.withUnsafeMutableBufferPointer { rowsOut -> Bool in
            keys.withUnsafeMutableBufferPointer { keys -> Bool in
                values.withUnsafeMutableBufferPointer { values -> Bool in
                    guard let base = rowsOut.baseAddress else { return false }
                    var lastColor = pixels[0] &+ 1  // differs from the first pixel
                    var lastIndex: UInt8 = 0
                    for y in 0..<height {
                        let row = pixels + y * stride
                        let out = base + y * (width + 1) + 1  // after the filter byte
                        // A row that repeats the one above (bar interiors, empty margins)
                        // repeats its indices too.
                        if y > 0 && memcmp(row, row - stride, width * 4) == 0 {
                            (out).update(from: out - (width + 1), count: width)
                            continue
                        }
                        // Charts are mostly runs of one colour (background, bars, grid
                        // lines): find each run's end, look its colour up once, fill it.
                        var x = 0
                        while x < width {
                            let c = row[x]
                            var end = x + 1
                            while end < width && row[end] == c { end += 1 }
                            if c != lastColor {
                                // Antialiased edges make many one-pixel runs: the hash table
                                // only when the colour changes from the previous run's.
                                var slot = Int((c &* 0x9E37_79B1) >> 22)
                                while true {
                                    let v = values[slot]
                                    if v == 0 {
                                        if found.count == 256 { return false }
                                        found.append(c)
                                        keys[slot] = c
                                        values[slot] = UInt16(found.count)
                                        lastIndex = UInt8(found.count - 1)
                                        break
                                    }
                                    if keys[slot] == c { lastIndex = UInt8(v - 1); break }
                                    slot = (slot + 1) & 1023
                                }
                                lastColor = c
                            }
                            if lastIndex != 0 {
                                if end - x == 1 { out[x] = lastIndex } else { (out + x).update(repeating: lastIndex, count: end - x) }
                            }
                            x = end
                        }
                    }
                    return true
                }
            }
        }
        if !ok { return nil }
        self.rows = rows
        self.colors = found
    }

    func png(options: PNGEncoder.Options) -> [UInt8] {
        var plte: [UInt8] = []
        var trns: [UInt8] = []
        var anyTranslucent = false
        for c in colors {
            let (r, g, b, a) = straightRGBA(c)
            plte += [r, g, b]
            trns.append(a)
            if a != 255 { anyTranslucent = true }
        }
        // tRNS may stop after the last translucent entry.
        if anyTranslucent { while trns.last == 255 { trns.removeLast() } }

        var ihdr: [UInt8] = []
        ihdr.appendBigEndian(UInt32(width))
        ihdr.appendBigEndian(UInt32(height))
        ihdr += [8, 3, 0, 0, 0]  // 8-bit indices, palette colour
        var extra: [(String, [UInt8])] = [("PLTE", plte)]
        if anyTranslucent { extra.append(("tRNS", trns)) }
        return PNGEncoder.assemble(ihdr: ihdr, extra: extra, idat: Deflate.compress(rows, with: options.compressor))
    }
}
