import Testing
@testable import PlotLayout
import PlotSpec

/// Layout behaviour, checked on scenes (no Cairo): geometry, placement and edge cases.
@Suite struct LayoutTests {
    let measurer = ApproximateTextMeasurer()

    func spec(_ type: ChartType, _ series: [[Double]], configure: (inout ChartSpec) -> Void = { _ in }) -> ChartSpec {
        var s = ChartSpec()
        s.type = type
        (s.width, s.height) = type.defaultSize
        s.series = series
        configure(&s)
        return s
    }

    func texts(_ scene: Scene) -> [TextRun] {
        func collect(_ items: [SceneItem]) -> [TextRun] {
            items.flatMap { item -> [TextRun] in
                switch item {
                case .text(let t): [t]
                case .clipped(_, let inner): collect(inner)
                default: []
                }
            }
        }
        return collect(scene.items)
    }

    /// The plot rectangle: the frame, the first crisp stroked rectangle the axes draw.
    func plotRect(_ scene: Scene) -> Rect? {
        for item in scene.items {
            if case .shape(let s) = item, s.stroke?.crisp == true, case .rect(let r)? = s.path.first { return r }
        }
        return nil
    }

    @Test func referenceFrameMatchesTheSuite() {
        // R1's geometry: 600x400, title, both axis titles, y ticks 0...100 -> plot (60, 40, 580, 350).
        let s = spec(.line, [[0, 50, 100]]) {
            $0.title = "R1 line: three series"; $0.xLabel = "sample"; $0.yLabel = "value"
            $0.yMin = 0; $0.yMax = 100
        }
        let plot = plotRect(ChartLayout.scene(for: s, measurer: measurer))!
        #expect(abs(plot.minY - 40) <= 1)
        #expect(abs(plot.maxY - 350) <= 1)
        #expect(abs(plot.minX - 60) <= 4)   // depends on the width of "100"
        #expect(abs(plot.maxX - 580) <= 4)
    }

    @Test func yTicksAreNiceAndLabelledExactly() {
        let s = spec(.line, [[0.1, 0.2, 0.3]])
        let labels = texts(ChartLayout.scene(for: s, measurer: measurer)).map(\.text)
        #expect(!labels.contains { $0.contains("000000") })
        #expect(labels.contains("0.2"))
    }

    @Test func barsIncludeZeroAndNegativeBarsHangFromIt() {
        let s = spec(.bar, [[5, -3, 8]])
        let scene = ChartLayout.scene(for: s, measurer: measurer)
        let labels = texts(scene).map(\.text)
        #expect(labels.contains("0"))
        guard case .clipped(_, let marks) = scene.items.first(where: { if case .clipped = $0 { true } else { false } }),
              case .shape(let bars) = marks.first else { Issue.record("no bars"); return }
        let rects = bars.path.compactMap { if case .rect(let r) = $0 { r } else { nil } }
        #expect(rects.count == 3)
        // The negative bar starts where the positive ones end: at zero.
        #expect(abs(rects[1].minY - rects[0].maxY) < 0.001)
    }

    @Test func missingValuesBreakTheLine() {
        let s = spec(.line, [[1, 2, .nan, 4, 5]])
        let dump = ChartLayout.scene(for: s, measurer: measurer).dump()
        let dataLine = dump.split(separator: "\n").first { $0.contains("stroke 1f77b4") }!
        #expect(dataLine.components(separatedBy: "M").count - 1 == 2)
    }

    @Test func allMissingSaysNoData() {
        let s = spec(.line, [[.nan, .nan]])
        #expect(texts(ChartLayout.scene(for: s, measurer: measurer)).contains { $0.text == "No data" })
    }

    @Test(arguments: [ChartType.line, .area, .bar, .scatter, .pie, .donut, .spark])
    func edgeCasesLayOutWithoutNonFiniteCoordinates(_ type: ChartType) {
        let cases: [[[Double]]] = [
            [[42]], [[5, 5, 5, 5]], [[.nan, .nan]], [[1e300, -1e300]], [[1e-300, 2e-300]],
            [[0, 0, 0]], [[-1, -2, -3]], [[]], [(0..<10_000).map { Double($0 % 97) }],
        ]
        for series in cases {
            let scene = ChartLayout.scene(for: spec(type, series), measurer: measurer)
            let dump = scene.dump()
            #expect(!dump.contains("nan") && !dump.contains("inf"), "\(type) \(series.prefix(1))")
        }
    }

    @Test func tenThousandPointsOnASparklineAreReducedToThePixels() {
        let s = spec(.spark, [(0..<10_000).map { Double(($0 * 7919) % 1000) }])
        let scene = ChartLayout.scene(for: s, measurer: measurer)
        guard case .shape(let line) = scene.items.first else { Issue.record("no line"); return }
        #expect(line.path.count <= 4 * 121)
        #expect(line.path.count >= 100)
    }

    @Test func tickLabelsAlongTheBottomNeverOverlap() {
        for width in [200, 300, 450, 600, 1000] {
            let s = spec(.line, [(0..<50).map { Double($0) * 1234.5 }]) { $0.width = width }
            let scene = ChartLayout.scene(for: s, measurer: measurer)
            let bottom = texts(scene).filter { $0.baseline == .top && $0.rotation == 0 }
                .sorted { $0.position.x < $1.position.x }
            for (a, b) in zip(bottom, bottom.dropFirst()) {
                let wa = measurer.width(of: a.text, size: a.size, bold: false)
                let wb = measurer.width(of: b.text, size: b.size, bold: false)
                #expect(a.position.x + wa / 2 <= b.position.x - wb / 2, "w=\(width): \(a.text) / \(b.text)")
            }
        }
    }

    @Test func manyLongCategoryLabelsAreSlanted() {
        let labels = (1...12).map { "Department number \($0)" }
        let s = spec(.bar, [(1...12).map(Double.init)]) { $0.labels = labels }
        let rotated = texts(ChartLayout.scene(for: s, measurer: measurer)).filter { $0.rotation == 45 }
        #expect(!rotated.isEmpty)
    }

    @Test func legendAvoidsTheData() {
        // Rising lines fill the upper right; the legend must go to a free corner.
        let s = spec(.line, [[0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10], [0, 0.5, 1, 1.5, 2, 2.5, 3, 4, 6, 8, 10]]) {
            $0.names = ["up", "also up"]
        }
        let scene = ChartLayout.scene(for: s, measurer: measurer)
        let plot = plotRect(scene)!
        let legendText = texts(scene).first { $0.text == "up" }!
        #expect(legendText.position.x < plot.midX)
        #expect(legendText.position.y < plot.midY)
    }

    @Test func pieLabelsDoNotCollide() {
        let s = spec(.pie, [[60, 20, 8, 5, 3, 2, 1, 1]]) {
            $0.labels = ["Alpha", "Beta", "Gamma", "Delta", "Epsilon", "Zeta", "Eta", "Theta"]
        }
        let names = texts(ChartLayout.scene(for: s, measurer: measurer)).filter { $0.size == 14 }
        #expect(names.count == 8)
        for side in [TextRun.Anchor.start, .end] {
            let ys = names.filter { $0.anchor == side }.map(\.position.y).sorted()
            for (a, b) in zip(ys, ys.dropFirst()) { #expect(b - a >= 14 * FontMetrics.lineHeight - 0.01) }
        }
    }

    @Test func longTitleIsShortenedWithAnEllipsis() {
        let s = spec(.line, [[1, 2]]) { $0.title = String(repeating: "word ", count: 40); $0.width = 300 }
        let title = texts(ChartLayout.scene(for: s, measurer: measurer)).first { $0.size == 16 }!
        #expect(title.text.hasSuffix("…"))
        #expect(measurer.width(of: title.text, size: 16, bold: false) <= 300 - 16)
    }

    @Test func errorSceneClampsSizeAndWrapsTheMessage() {
        let scene = ErrorScene.scene(message: "w: \"abc\" is not a whole number.", width: 100_000, height: 5,
                                     dpr: 1, theme: .light, measurer: measurer)
        #expect(scene.width == Double(ErrorScene.maxSize.width))
        #expect(scene.height == Double(ErrorScene.minSize.height))
        #expect(!texts(scene).isEmpty)
    }
}
