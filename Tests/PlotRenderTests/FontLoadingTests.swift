import CCairo
import Foundation
@testable import PlotRender
import Testing

/// The packaged DejaVu files are opened directly (no fontconfig start-up); anything else falls
/// back to fontconfig. Both ways must find the same files and draw the same pixels.
@Suite struct FontLoadingTests {
    static let packagedPresent = FileManager.default.fileExists(atPath: FontFiles.packaged.regular)
        && FileManager.default.fileExists(atPath: FontFiles.packaged.bold)

    static let missing = "/nonexistent/plotgate-test/DejaVuSans.ttf"

    @Test(.enabled(if: packagedPresent, "fonts-dejavu-core is not installed"))
    func thePackagedFilesAreTheOnesFontconfigResolves() {
        #expect(FontIdentity.fontconfigFile(bold: false) == FontFiles.packaged.regular)
        #expect(FontIdentity.fontconfigFile(bold: true) == FontFiles.packaged.bold)
    }

    @Test(.enabled(if: packagedPresent, "fonts-dejavu-core is not installed"))
    func theSharedFacesAreThePackagedFilesAndTheFingerprintNamesThem() {
        #expect(cairoLock.withLock { _ in FontFaces.shared.source } == .files(.packaged))
        #expect(FontIdentity.fingerprint.hasPrefix(FontFiles.packaged.regular + ":"))
        // The ETag seed is the same whichever way the files were found.
        #expect(FontIdentity.fingerprint(of: .files(.packaged)) == FontIdentity.fingerprint(of: .fontconfig))
    }

    @Test func aMissingFileFallsBackToFontconfig() {
        let regularMissing = FontFiles(regular: Self.missing, bold: FontFiles.packaged.bold)
        let boldMissing = FontFiles(regular: FontFiles.packaged.regular, bold: Self.missing)
        #expect(faces(regularMissing).source == .fontconfig)
        #expect(faces(boldMissing).source == .fontconfig)
        // The fallback's fingerprint names what fontconfig found, never the missing path.
        #expect(!FontIdentity.fingerprint(of: .fontconfig).contains(Self.missing))
    }

    @Test(.enabled(if: packagedPresent, "fonts-dejavu-core is not installed"))
    func aFileOfAnotherFaceIsRefused() {
        let packaged = FontFiles.packaged
        // The bold file where the regular one should be, and a file that is no font at all.
        #expect(faces(FontFiles(regular: packaged.bold, bold: packaged.bold)).source == .fontconfig)
        #expect(faces(FontFiles(regular: packaged.regular, bold: #filePath)).source == .fontconfig)
    }

    @Test(.enabled(if: packagedPresent, "fonts-dejavu-core is not installed"))
    func bothWaysDrawTheSamePixelsAndWidths() throws {
        let direct = faces(.packaged)
        let fontconfig = faces(FontFiles(regular: Self.missing, bold: Self.missing))
        try #require(direct.source == .files(.packaged))
        try #require(fontconfig.source == .fontconfig)
        let text = "Q3 sales: 0123456789 -1.5e3 % (µ) Ünïcode \u{2212}\u{2013}"
        for bold in [false, true] {
            for (size, scale) in [(9.0, 1.0), (11.0, 1.0), (13.5, 2.0), (24.0, 1.5)] {
                let a = draw(text, with: direct, size: size, scale: scale, bold: bold)
                let b = draw(text, with: fontconfig, size: size, scale: scale, bold: bold)
                #expect(a.advance == b.advance, "width, size \(size) bold \(bold)")
                // A count, not the arrays: a failure should say how much differs, not print both.
                let differing = zip(a.pixels, b.pixels).filter { $0 != $1 }.count
                #expect(differing == 0, "\(differing) bytes differ, size \(size) scale \(scale) bold \(bold)")
                #expect(a.pixels.contains { $0 != 0 }, "no ink drawn")
            }
        }
    }

    /// Faces made under `cairoLock`: the parallel test runner draws charts meanwhile.
    private func faces(_ files: FontFiles) -> FontFaces {
        cairoLock.withLock { _ in FontFaces(files: files) }
    }

    /// Draws `text` on a fresh ARGB surface the way `SceneDrawer` does; returns its bytes.
    private func draw(_ text: String, with faces: FontFaces, size: Double, scale: Double,
                      bold: Bool) -> (pixels: [UInt8], advance: Double) {
        cairoLock.withLock { _ in
            let surface = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 900, 120)!
            defer { cairo_surface_destroy(surface) }
            let cr = cairo_create(surface)!
            cairo_scale(cr, scale, scale)
            faces.apply(to: cr, size: size, bold: bold)
            var extents = cairo_text_extents_t()
            cairo_text_extents(cr, text, &extents)
            cairo_move_to(cr, 3.25, 40.5)
            cairo_set_source_rgb(cr, 0.1, 0.2, 0.3)
            cairo_show_text(cr, text)
            cairo_destroy(cr)
            cairo_surface_flush(surface)
            let count = Int(cairo_image_surface_get_stride(surface)) * 120
            let data = cairo_image_surface_get_data(surface)!
            return (Array(UnsafeBufferPointer(start: data, count: count)), extents.x_advance)
        }
    }
}
