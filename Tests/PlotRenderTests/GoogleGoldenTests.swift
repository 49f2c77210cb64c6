import PNGTestSupport
import Foundation
import Testing

/// The Google-dialect gallery (gallery/google.tsv: examples after Google's documentation,
/// written by hand), rendered and compared with committed golden images like the native
/// gallery. The images live in Golden/google/ (Golden is excluded from the target, so no
/// resource rule is needed); `PLOTGATE_UPDATE_GOLDEN=1` rewrites them.
@Suite struct GoogleGoldenTests {
    static let cases: [Fixtures.Case] = {
        let url = Fixtures.root.appendingPathComponent("gallery/google.tsv")
        let text = (try? String(contentsOf: url, encoding: .utf8)) ?? ""
        return text.split(separator: "\n").compactMap { line in
            if line.hasPrefix("#") { return nil }
            let parts = line.split(separator: "\t", maxSplits: 1)
            guard parts.count == 2 else { return nil }
            return Fixtures.Case(name: String(parts[0]), query: String(parts[1]))
        }
    }()

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
        let png = try Fixtures.render(example.query)
        let image = try DecodedImage(png: png)
        let url = Self.dir.appendingPathComponent("\(example.name).png")
        if Fixtures.updateGolden {
            try FileManager.default.createDirectory(at: Self.dir, withIntermediateDirectories: true)
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

    /// The size in chs is the size of the image, and SVG works too.
    @Test func sizeAndFormats() throws {
        let png = try DecodedImage(png: Fixtures.render("cht=p&chs=200x125&chd=t:1,2"))
        #expect(png.width == 200 && png.height == 125)
        let svg = try Fixtures.render("cht=lc&chs=200x125&chd=t:1,2&chof=svg")
        #expect(String(decoding: svg.prefix(100), as: UTF8.self).contains("<?xml"))
    }
}
