/// plotgate's own PNG writer: Cairo's ARGB32 pixels in, PNG bytes out, all in memory.
///
/// Cairo's `cairo_surface_write_to_png` gives no say over deflate level, filters or colour type,
/// and encoding is where a chart's time goes (DESIGN.md §3). Here the encoder picks the
/// smallest exact representation:
/// - at most 256 distinct colours (sparklines, bars, sprite-stamped scatter plots): an 8-bit
///   palette image, with a tRNS chunk when some colours are translucent;
/// - otherwise RGB when every pixel is opaque (a quarter less data than RGBA), else RGBA with
///   straight (un-premultiplied) alpha.
/// Every variant is lossless: tests decode the file and compare it with the surface.
public enum PNGEncoder {
    public struct Options: Sendable {
        /// Which deflate writes the IDAT stream. `.chart` (ChartDeflate, ours) skips the long
        /// runs charts are made of; libdeflate is kept to compare against (bench/README.md).
        public var compressor: Compressor = .chart
        /// Row filter for RGB/RGBA images (palette images are never filtered: it rarely helps).
        /// `upOnNearRepeats` measured best overall: R2 (bars) 11.7 KB against 15.2 KB with `up`
        /// on exact repeats only, R1 (lines) 44.1 KB against 48.3 KB with `up` everywhere.
        public var filter: RowFilter = .upOnNearRepeats
        /// Try the palette form when the image has few colours.
        public var palette = true
        public init() {}
    }

    /// Encodes premultiplied native-endian ARGB32 pixels (Cairo's `CAIRO_FORMAT_ARGB32`).
    public static func encode(argb pixels: UnsafePointer<UInt32>, width: Int, height: Int, stride: Int,
                              options: Options = Options()) -> [UInt8] {
        if options.palette, let indexed = PaletteImage(pixels, width: width, height: height, stride: stride) {
            return indexed.png(options: options)
        }
        let opaque = isOpaque(pixels, width: width, height: height, stride: stride)
        let raw = TrueColorRows.build(pixels, width: width, height: height, stride: stride, opaque: opaque,
                                      filter: options.filter)
        var ihdr: [UInt8] = []
        ihdr.appendBigEndian(UInt32(width))
        ihdr.appendBigEndian(UInt32(height))
        ihdr += [8, opaque ? 2 : 6, 0, 0, 0]  // 8 bits, RGB or RGBA, deflate, adaptive filters, no interlace
        return assemble(ihdr: ihdr, extra: [], idat: Deflate.compress(raw, with: options.compressor))
    }

    static func isOpaque(_ pixels: UnsafePointer<UInt32>, width: Int, height: Int, stride: Int) -> Bool {
        for y in 0..<height {
            // AND of the whole row, one test per row: a loop without early exit vectorises.
            let row = pixels + y * stride
            var all: UInt32 = 0xFFFF_FFFF
            for x in 0..<width { all &= row[x] }
            if all >> 24 != 0xFF { return false }
        }
        return true
    }

    /// Signature, IHDR, any extra chunks (PLTE, tRNS), IDAT, IEND.
    static func assemble(ihdr: [UInt8], extra: [(String, [UInt8])], idat: [UInt8]) -> [UInt8] {
        var png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        png.reserveCapacity(idat.count + 1024)
        appendChunk(&png, "IHDR", ihdr)
        for (type, data) in extra { appendChunk(&png, type, data) }
        appendChunk(&png, "IDAT", idat)
        appendChunk(&png, "IEND", [])
        return png
    }

    private static func appendChunk(_ png: inout [UInt8], _ type: String, _ data: [UInt8]) {
        png.appendBigEndian(UInt32(data.count))
        let start = png.count
        png += Array(type.utf8)
        png += data
        let crc = crc32(of: png[start...])
        png.appendBigEndian(UInt32(truncatingIfNeeded: crc))
    }
}

extension Array where Element == UInt8 {
    mutating func appendBigEndian(_ v: UInt32) {
        append(UInt8(truncatingIfNeeded: v >> 24)); append(UInt8(truncatingIfNeeded: v >> 16))
        append(UInt8(truncatingIfNeeded: v >> 8)); append(UInt8(truncatingIfNeeded: v))
    }
}
