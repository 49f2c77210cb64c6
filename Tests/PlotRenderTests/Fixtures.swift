import PNGTestSupport
import Testing
import Foundation
import PlotLayout
import PlotRender
import PlotSpec

/// Paths and helpers shared by the render tests. Tests may use Foundation; the product may not.
enum Fixtures {
    /// The repository root, found from this file's location.
    static let root: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static let goldenDir = root.appendingPathComponent("Tests/PlotRenderTests/Golden")

    /// `PLOTGATE_UPDATE_GOLDEN=1 swift test` rewrites the golden images instead of comparing.
    static var updateGolden: Bool { ProcessInfo.processInfo.environment["PLOTGATE_UPDATE_GOLDEN"] == "1" }

    struct Case: CustomStringConvertible, Sendable {
        var name: String
        var query: String
        var description: String { name }
    }

    /// The example gallery (gallery/gallery.tsv): the same cases `make run` renders.
    static let gallery = cases(in: "gallery/gallery.tsv")

    /// `name<TAB>query` lines of a gallery file; `#` lines are comments.
    static func cases(in path: String) -> [Case] {
        let text = (try? String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)) ?? ""
        return text.split(separator: "\n").compactMap { line in
            if line.hasPrefix("#") { return nil }
            let parts = line.split(separator: "\t", maxSplits: 1)
            guard parts.count == 2 else { return nil }
            return Case(name: String(parts[0]), query: String(parts[1]))
        }
    }

    /// Renders `example` and compares it with `<dir>/<name>.png` pixel by pixel, with a
    /// tolerance (or rewrites the golden image when `PLOTGATE_UPDATE_GOLDEN=1`).
    static func expectMatchesGolden(_ example: Case, in dir: URL) throws {
        let png = try render(example.query)
        let image = try DecodedImage(png: png)
        let url = dir.appendingPathComponent("\(example.name).png")
        if updateGolden {
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
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

    /// The reference suite's charts written in our dialect (bench/suite/R*.query).
    static func suiteQuery(_ name: String) throws -> String {
        try String(contentsOf: root.appendingPathComponent("bench/suite/\(name).query"), encoding: .utf8)
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The full pipeline, as `plotgate render` runs it.
    static func render(_ query: String, format: OutputFormat? = nil) throws -> [UInt8] {
        var spec = try QueryDecoder().decode(query)
        if let format { spec.format = format }
        let scene = ChartLayout.scene(for: spec, measurer: Renderer.measurer)
        return try Renderer().render(scene, format: spec.format).bytes
    }
}
