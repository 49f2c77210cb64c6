import PNGTestSupport
import Foundation
import Testing

/// The Google-dialect gallery (gallery/google.tsv: examples after Google's documentation,
/// written by hand), rendered and compared with committed golden images like the native
/// gallery. The images live in Golden/google/ (Golden is excluded from the target, so no
/// resource rule is needed); `PLOTGATE_UPDATE_GOLDEN=1` rewrites them.
@Suite struct GoogleGoldenTests {
    static let cases = Fixtures.cases(in: "gallery/google.tsv")

    static let dir = Fixtures.goldenDir.appendingPathComponent("google")

    @Test func galleryCoversEveryType() {
        let types = Set(Self.cases.compactMap { c in
            c.query.split(separator: "&").first { $0.hasPrefix("cht=") }.map { String($0.dropFirst(4)) }
        })
        #expect(types.isSuperset(of: ["bhs", "bvs", "bhg", "bvg", "bvo", "lc", "ls", "lxy", "lc:nda", "p", "p3", "pc", "s",
                                       "gom", "r", "rs", "v", "qr"]))
    }

    @Test(arguments: cases)
    func matchesGolden(_ example: Fixtures.Case) throws {
        try Fixtures.expectMatchesGolden(example, in: Self.dir)
    }

    /// The size in chs is the size of the image, and SVG works too.
    @Test func sizeAndFormats() throws {
        let png = try DecodedImage(png: Fixtures.render("cht=p&chs=200x125&chd=t:1,2"))
        #expect(png.width == 200 && png.height == 125)
        let svg = try Fixtures.render("cht=lc&chs=200x125&chd=t:1,2&chof=svg")
        #expect(String(decoding: svg.prefix(100), as: UTF8.self).contains("<?xml"))
    }
}
