import PNGTestSupport
import CCairo
import PlotLayout
import PlotRender
import PlotSpec
import Testing

/// Our PNG encoder must be lossless: what libpng decodes equals what Cairo drew.
@Suite struct EncoderTests {
    /// Draws test shapes (plus, with `gradient`, more than 256 colours), returns Cairo's
    /// pixels as straight RGBA and our PNG of them.
    private func drawAndEncode(opaque: Bool, gradient: Bool = false, options: PNGEncoder.Options = .init())
        throws -> (expected: [UInt8], png: [UInt8], width: Int, height: Int) {
        let width = 97, height = 41  // odd sizes: stride padding must not leak into the image
        let surface = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, Int32(width), Int32(height))!
        defer { cairo_surface_destroy(surface) }
        let cr = cairo_create(surface)!
        if opaque {
            cairo_set_source_rgb(cr, 1, 1, 1)
            cairo_paint(cr)
        }
        if gradient {
            // 97 x 41 distinct colours.
            for x in 0..<width { for y in 0..<height {
                cairo_set_source_rgba(cr, Double(x) / 97, Double(y) / 41, 0.5, opaque ? 1 : 0.5 + Double(x % 7) / 20)
                cairo_rectangle(cr, Double(x), Double(y), 1, 1)
                cairo_fill(cr)
            } }
        }
        cairo_set_source_rgba(cr, 0.12, 0.47, 0.71, opaque ? 1 : 0.6)
        cairo_arc(cr, 40, 20, 17, 0, 6.283)
        cairo_fill(cr)
        cairo_set_source_rgba(cr, 1, 0.5, 0.05, 0.8)
        cairo_set_line_width(cr, 2.5)
        cairo_move_to(cr, 0, 40); cairo_line_to(cr, 96, 3)
        cairo_stroke(cr)
        cairo_destroy(cr)
        cairo_surface_flush(surface)
        let stride = Int(cairo_image_surface_get_stride(surface)) / 4
        let px = UnsafeRawPointer(cairo_image_surface_get_data(surface)!).bindMemory(to: UInt32.self, capacity: stride * height)
        var expected: [UInt8] = []
        for y in 0..<height {
            for x in 0..<width {
                let p = px[y * stride + x]
                let a = p >> 24
                func un(_ c: UInt32) -> UInt8 { a == 0 ? 0 : UInt8(min(255, (c * 255 + a / 2) / a)) }
                expected += [un((p >> 16) & 0xFF), un((p >> 8) & 0xFF), un(p & 0xFF), UInt8(a)]
            }
        }
        let png = PNGEncoder.encode(argb: px, width: width, height: height, stride: stride, options: options)
        return (expected, png, width, height)
    }

    /// (opaque, gradient, expected PNG colour type): few colours give a palette image (3),
    /// many give RGB (2) when opaque and RGBA (6) otherwise.
    @Test(arguments: [(true, false, UInt8(3)), (false, false, 3), (true, true, 2), (false, true, 6)])
    func encodingIsLossless(opaque: Bool, gradient: Bool, colorType: UInt8) throws {
        let r = try drawAndEncode(opaque: opaque, gradient: gradient)
        let decoded = try DecodedImage(png: r.png)
        #expect(decoded.colorType == colorType)
        #expect(decoded.width == r.width && decoded.height == r.height)
        #expect(decoded.rgba == r.expected)
    }

    @Test(arguments: [RowFilter.none, .up, .upOnNearRepeats])
    func everyRowFilterIsLossless(filter: RowFilter) throws {
        var options = PNGEncoder.Options()
        options.palette = false
        options.filter = filter
        for opaque in [true, false] {
            let r = try drawAndEncode(opaque: opaque, gradient: true, options: options)
            #expect(try DecodedImage(png: r.png).rgba == r.expected)
        }
    }

    @Test func svgAndPdfComeFromTheSameScene() throws {
        let query = "type=bar&d=3,1,2&labels=a|b|c&title=Vector"
        let svg = try Fixtures.render(query, format: .svg)
        let text = String(decoding: svg, as: UTF8.self)
        #expect(text.hasPrefix("<?xml"))
        #expect(text.contains("<svg") && text.hasSuffix("</svg>\n"))
        #expect(text.contains("width=\"600px\"") || text.contains("width=\"600\""))
        let pdf = try Fixtures.render(query, format: .pdf)
        #expect(pdf.starts(with: Array("%PDF-".utf8)))
        #expect(String(decoding: pdf.suffix(8), as: UTF8.self).contains("%%EOF"))
    }

    @Test func dprMultipliesPixelsNotLayout() throws {
        let one = try DecodedImage(png: Fixtures.render("type=spark&d=1,3,2,5"))
        let two = try DecodedImage(png: Fixtures.render("type=spark&d=1,3,2,5&dpr=2"))
        #expect(one.width == 120 && one.height == 30)
        #expect(two.width == 240 && two.height == 60)
    }
}

/// The error picture a failed request gets: right size, the panel colour, readable dark text.
@Suite struct ErrorImageTests {
    @Test(arguments: [(600, 400), (120, 30), (300, 150)])
    func errorImageShowsTheMessage(size: (Int, Int)) throws {
        let scene = ErrorScene.scene(message: "w: \"abc\" is not a whole number.", width: size.0, height: size.1,
                                     dpr: 1, theme: .light, measurer: Renderer.measurer)
        let png = try Renderer().render(scene, format: .png).bytes
        let img = try DecodedImage(png: png)
        #expect(img.width == size.0 && img.height == size.1)
        var ink = 0
        for y in 0..<img.height { for x in 0..<img.width {
            let p = img.pixel(x, y)
            if p.r < 140 && p.g < 80 && p.b < 80 { ink += 1 }
        } }
        #expect(ink > 20, "no text drawn")
    }
}
