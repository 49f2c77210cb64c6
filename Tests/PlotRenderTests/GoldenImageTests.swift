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
        try Fixtures.expectMatchesGolden(example, in: Fixtures.goldenDir)
    }
}
