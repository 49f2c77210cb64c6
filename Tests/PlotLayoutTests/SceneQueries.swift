@testable import PlotLayout
import PlotSpec

/// Looking into scenes from tests: a query's scene (approximate text widths, no Cairo), its
/// items with clipping groups flattened, its text runs.
protocol SceneQueries {
    var measurer: ApproximateTextMeasurer { get }
}

extension SceneQueries {
    func scene(_ query: String) throws -> Scene {
        ChartLayout.scene(for: try QueryDecoder().decode(query), measurer: measurer)
    }

    func flat(_ items: [SceneItem]) -> [SceneItem] {
        items.flatMap { item -> [SceneItem] in
            if case .clipped(_, let inner) = item { return flat(inner) }
            return [item]
        }
    }

    func texts(_ scene: Scene) -> [TextRun] {
        flat(scene.items).compactMap { if case .text(let t) = $0 { return t }; return nil }
    }
}
