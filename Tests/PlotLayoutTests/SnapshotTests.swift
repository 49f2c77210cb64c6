import Foundation
import Testing
@testable import PlotLayout
import PlotSpec

/// Scene snapshots as text: a layout change shows up as a readable diff of primitives.
/// Regenerate with `PLOTGATE_UPDATE_GOLDEN=1 swift test` and read the diff before committing.
@Suite struct SnapshotTests {
    static let dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Snapshots")

    static let cases: [(String, ChartSpec)] = {
        func make(_ type: ChartType, _ series: [[Double]], _ f: (inout ChartSpec) -> Void = { _ in }) -> ChartSpec {
            var s = ChartSpec(); s.type = type; (s.width, s.height) = type.defaultSize; s.series = series; f(&s); return s
        }
        return [
            ("line", make(.line, [[3, 5, 4, 8], [1, 2, 4, 3]]) { $0.names = ["a", "b"]; $0.title = "T" }),
            ("bar-horizontal", make(.bar, [[3, 1, 2]]) { $0.horizontal = true; $0.labels = ["x", "y", "z"] }),
            ("area-stacked", make(.area, [[1, 2, 3], [2, 2, 1]]) { $0.stacked = true }),
            ("pie", make(.pie, [[30, 22, 17, 13, 10, 8]]) { $0.labels = ["N", "E", "S", "W", "C", "O"] }),
            ("spark", make(.spark, [[1, 3, 2, 5, 4]])),
        ]
    }()

    @Test func scenesMatchSnapshots() throws {
        for (name, spec) in SnapshotTests.cases {
            let dump = ChartLayout.scene(for: spec, measurer: ApproximateTextMeasurer()).dump()
            let url = SnapshotTests.dir.appendingPathComponent("\(name).txt")
            if ProcessInfo.processInfo.environment["PLOTGATE_UPDATE_GOLDEN"] == "1" {
                try dump.write(to: url, atomically: true, encoding: .utf8)
                continue
            }
            let expected = try String(contentsOf: url, encoding: .utf8)
            #expect(dump == expected, "snapshot \(name) changed")
        }
    }
}
