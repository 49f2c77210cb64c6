import PNGTestSupport
@testable import PlotRender
import PlotSpec
import Testing

/// QR codes as drawn: every module a crisp square of whole pixels, matching libqrencode's
/// matrix, centred, with the quiet zone light.
@Suite struct GoogleQRCodeRenderTests {
    /// Renders a code and reads it back module by module at the module centres.
    func check(_ query: String, payload: [UInt8], level: QRCodeSpec.Level, margin: Int, size: Int, dpr: Double = 1) throws {
        let png = try Fixtures.render(query)
        let image = try DecodedImage(png: png)
        let matrix = try #require(QRMatrix(payload: payload, level: level))
        let total = matrix.size + 2 * margin
        let side = Int(Double(size) * dpr)
        let module = side / total
        #expect(module >= 1)
        let origin = Int((Double(side) / 2 - Double(module * total) / 2).rounded()) + margin * module
        var wrong = 0
        for row in 0..<matrix.size {
            for col in 0..<matrix.size {
                let dark = matrix.dark[row * matrix.size + col]
                // Every pixel of the module, not just its centre: crisp means no grey edges.
                for dy in 0..<module {
                    for dx in 0..<module {
                        let p = image.pixel(origin + col * module + dx, origin + row * module + dy)
                        if (p.r < 128) != dark || (p.r != 0 && p.r != 255) { wrong += 1 }
                    }
                }
            }
        }
        #expect(wrong == 0, "\(wrong) pixels differ from the matrix")
        // The quiet zone is light.
        for i in 0..<(margin * module) {
            #expect(image.pixel(origin - 1 - i, origin).r == 255)
        }
    }

    @Test func modulesMatchTheMatrix() throws {
        try check("cht=qr&chs=150x150&chl=Hello+world", payload: Array("Hello world".utf8), level: .low, margin: 4, size: 150)
        try check("cht=qr&chs=200x200&chl=https%3A%2F%2Fexample.org%2F&chld=H|1",
                  payload: Array("https://example.org/".utf8), level: .high, margin: 1, size: 200)
    }

    @Test func smallestCodeIsVersionOne() throws {
        #expect(try #require(QRMatrix(payload: Array("Hello world".utf8), level: .low)).size == 21)
        // Level H holds fewer bytes: the same text needs a larger symbol.
        let long = Array(String(repeating: "x", count: 100).utf8)
        #expect(try #require(QRMatrix(payload: long, level: .high)).size > (try #require(QRMatrix(payload: long, level: .low))).size)
        // The largest text the spec stage lets through still encodes.
        for level in QRCodeSpec.Level.allCases {
            let m = QRMatrix(payload: Array(repeating: 0x61, count: level.byteCapacity), level: level)
            #expect(m?.size == 177, "\(level)")
        }
    }

    @Test func vectorOutputs() throws {
        let svg = String(decoding: try Fixtures.render("cht=qr&chs=150x150&chl=x&chof=svg"), as: UTF8.self)
        #expect(svg.contains("<path"))
        let pdf = try Fixtures.render("cht=qr&chs=150x150&chl=x&chof=pdf")
        #expect(pdf.starts(with: Array("%PDF".utf8)))
        #expect(!QRCodeLibrary.version.isEmpty)
    }
}
