import CZlib

/// plotgate's own PNG writer: Cairo's ARGB32 pixels in, PNG bytes out, all in memory.
///
/// Cairo's `cairo_surface_write_to_png` gives no say over zlib level, filters or colour type,
/// and encoding is where a chart's time goes (DESIGN.md §3). Here an opaque image is written
/// as RGB (a quarter less data than RGBA), rows are unfiltered and deflate runs at a low
/// level: on flat chart backgrounds that is both fast and small. This is the one function the
/// performance work swaps parts of (palette images, filters, libdeflate).
public enum PNGEncoder {
    public struct Options: Sendable {
        public var level: Int32 = 1
        public var strategy: Int32 = Z_DEFAULT_STRATEGY
        public init() {}
    }

    /// Encodes premultiplied native-endian ARGB32 pixels (Cairo's `CAIRO_FORMAT_ARGB32`).
    public static func encode(argb pixels: UnsafePointer<UInt32>, width: Int, height: Int, stride: Int,
                              options: Options = Options()) -> [UInt8] {
        let opaque = isOpaque(pixels, width: width, height: height, stride: stride)
        let channels = opaque ? 3 : 4
        let rowBytes = 1 + width * channels
        var raw = [UInt8](repeating: 0, count: rowBytes * height)
        raw.withUnsafeMutableBufferPointer { out in
            for y in 0..<height {
                let row = pixels + y * stride
                var o = y * rowBytes + 1  // byte 0 of each row: filter type 0 (none)
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
                            r = Swift.min(255, (r * 255 + a / 2) / a)
                            g = Swift.min(255, (g * 255 + a / 2) / a)
                            b = Swift.min(255, (b * 255 + a / 2) / a)
                        }
                        out[o] = UInt8(r); out[o + 1] = UInt8(g); out[o + 2] = UInt8(b); out[o + 3] = UInt8(a)
                        o += 4
                    }
                }
            }
        }

        var png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        var ihdr: [UInt8] = []
        ihdr.appendBigEndian(UInt32(width))
        ihdr.appendBigEndian(UInt32(height))
        ihdr += [8, opaque ? 2 : 6, 0, 0, 0]  // bit depth 8, RGB or RGBA, deflate, no filter method, no interlace
        appendChunk(&png, "IHDR", ihdr)
        appendChunk(&png, "IDAT", deflate(raw, options: options))
        appendChunk(&png, "IEND", [])
        return png
    }

    static func isOpaque(_ pixels: UnsafePointer<UInt32>, width: Int, height: Int, stride: Int) -> Bool {
        for y in 0..<height {
            let row = pixels + y * stride
            for x in 0..<width where row[x] >> 24 != 0xFF { return false }
        }
        return true
    }

    private static func appendChunk(_ png: inout [UInt8], _ type: String, _ data: [UInt8]) {
        png.appendBigEndian(UInt32(data.count))
        let start = png.count
        png += Array(type.utf8)
        png += data
        let crc = png[start...].withUnsafeBufferPointer { buf in
            crc32(0, buf.baseAddress, uInt(buf.count))
        }
        png.appendBigEndian(UInt32(truncatingIfNeeded: crc))
    }

    /// One zlib stream of the whole image, sized up front with `deflateBound`.
    private static func deflate(_ input: [UInt8], options: Options) -> [UInt8] {
        var stream = z_stream()
        let size = Int32(MemoryLayout<z_stream>.size)
        guard deflateInit2_(&stream, options.level, Z_DEFLATED, 15, 8, options.strategy, zlibVersion(), size) == Z_OK
        else { return [] }
        defer { deflateEnd(&stream) }
        let bound = Int(deflateBound(&stream, uLong(input.count)))
        var output = [UInt8](repeating: 0, count: bound)
        var produced = 0
        input.withUnsafeBufferPointer { inBuf in
            output.withUnsafeMutableBufferPointer { outBuf in
                stream.next_in = UnsafeMutablePointer(mutating: inBuf.baseAddress)
                stream.avail_in = uInt(inBuf.count)
                stream.next_out = outBuf.baseAddress
                stream.avail_out = uInt(outBuf.count)
                _ = CZlib.deflate(&stream, Z_FINISH)
                produced = outBuf.count - Int(stream.avail_out)
            }
        }
        output.removeSubrange(produced...)
        return output
    }
}

extension Array where Element == UInt8 {
    mutating func appendBigEndian(_ v: UInt32) {
        append(UInt8(truncatingIfNeeded: v >> 24)); append(UInt8(truncatingIfNeeded: v >> 16))
        append(UInt8(truncatingIfNeeded: v >> 8)); append(UInt8(truncatingIfNeeded: v))
    }
}
