import PNGTestSupport
import Foundation
import Testing

/// Every gallery chart, rendered and compared pixel by pixel with a committed golden image.
///
/// Compared with a tolerance, not byte for byte: antialiasing may move by a shade between Cairo
/// or FreeType builds, but a moved axis, a missing series or a changed colour fails.
/// Regenerate after an intended change with `PLOTGATE_UPDATE_GOLDEN=1 swift test`, then look
/// at the images before committing them.
@Suite struct GoldenImageTests {
    @Test func galleryIsLargeEnough() {
        #expect(Fixtures.gallery.count >= 25)
    }

    @Test(arguments: Fixtures.gallery)
    func matchesGolden(_ example: Fixtures.Case) throws {
        let png = try Fixtures.render(example.query)
        let image = try DecodedImage(png: png)
        let url = Fixtures.goldenDir.appendingPathComponent("\(example.name).png")
        if Fixtures.updateGolden {
            try FileManager.default.createDirectory(at: Fixtures.goldenDir, withIntermediateDirectories: true)
            try Data(png).write(to: url)
            return
        }
        let golden = try DecodedImage(png: [UInt8](Data(contentsOf: url)))
        #expect(image.width == golden.width && image.height == golden.height, "size changed")
        guard image.width == golden.width, image.height == golden.height else { return }
        let diff = image.difference(from: golden, threshold: 48)
        #expect(diff.outliers < 0.003, "\(example.name): \(diff.outliers * 100)% of pixels differ")
        #expect(diff.mean < 1.5, "\(example.name): mean channel difference \(diff.mean)")
    }
}
