import PNGTestSupport
import Testing

/// The reference charts of the benchmark suite (../shared/bench/SUITE.md), as our dialect
/// writes them (bench/suite/R*.query), checked for what makes a chart look right: exact size,
/// opaque white canvas, 1 px axes that are one sharp pixel, antialiased data, visible text.
@Suite struct SuiteTests {
    func image(_ name: String) throws -> DecodedImage {
        try DecodedImage(png: Fixtures.render(try Fixtures.suiteQuery(name)))
    }

    func isBlack(_ p: (r: UInt8, g: UInt8, b: UInt8, a: UInt8)) -> Bool { p.r < 8 && p.g < 8 && p.b < 8 }
    func isWhite(_ p: (r: UInt8, g: UInt8, b: UInt8, a: UInt8)) -> Bool { p.r == 255 && p.g == 255 && p.b == 255 }

    /// Columns in `xs` whose pixels are black over the whole `ys` span (vertical axis lines).
    func blackColumns(_ img: DecodedImage, xs: Range<Int>, ys: Range<Int>) -> [Int] {
        xs.filter { x in ys.allSatisfy { isBlack(img.pixel(x, $0)) } }
    }

    func blackRows(_ img: DecodedImage, ys: Range<Int>, xs: Range<Int>) -> [Int] {
        ys.filter { y in xs.allSatisfy { isBlack(img.pixel($0, y)) } }
    }

    @Test func r1LineChartHasCrispFrameAndSmoothLines() throws {
        let img = try image("R1")
        #expect(img.width == 600 && img.height == 400)
        #expect(img.colorType == 2, "opaque charts are written as RGB")
        #expect(isWhite(img.pixel(0, 0)) && isWhite(img.pixel(599, 399)))
        // The suite's plot rectangle is (60, 40, 580, 350): the left and right spines are single
        // black columns near x = 60 and x = 580, the bottom and top ones single rows.
        let left = blackColumns(img, xs: 50..<75, ys: 100..<300)
        let right = blackColumns(img, xs: 570..<595, ys: 100..<300)
        let bottom = blackRows(img, ys: 340..<360, xs: 100..<500)
        let top = blackRows(img, ys: 30..<75, xs: 100..<500)
        #expect(left.count == 1 && abs(left[0] - 60) <= 3, "left spine columns \(left)")
        #expect(right.count == 1 && abs(right[0] - 580) <= 3, "right spine columns \(right)")
        #expect(bottom.count == 1 && abs(bottom[0] - 350) <= 2, "bottom spine rows \(bottom)")
        #expect(top.count == 1, "top spine rows \(top)")
        // Next to a spine there is no grey smear (what a line off the pixel centre gives).
        if let x = left.first {
            let beside = img.pixel(x + 1, 200)
            #expect(!(beside.r < 200 && beside.r == beside.g && beside.g == beside.b), "grey next to the axis")
        }
        // Antialiased lines in three colours give many shades (the reference has about 1,350).
        #expect(img.colorCount > 500)
    }

    @Test func r2BarsSitOnTheAxisWithSharpEdges() throws {
        let img = try image("R2")
        #expect(img.width == 600 && img.height == 400)
        // Find a bar of C0 (#1f77b4) in the middle of the plot and check its edge is one step.
        let y = 300
        let blue = (0..<600).filter { let p = img.pixel($0, y); return p.r == 0x1F && p.g == 0x77 && p.b == 0xB4 }
        #expect(blue.count > 100, "bars of the 2023 series at y=\(y)")
        if let first = blue.first {
            let outside = img.pixel(first - 1, y)
            #expect(isWhite(outside) || isBlack(outside), "bar edge is antialiased into a blur")
        }
    }

    @Test func r3SparklineEndsInARedDot() throws {
        let img = try image("R3")
        #expect(img.width == 120 && img.height == 30)
        #expect(img.colorType == 3, "a sparkline has few colours: palette PNG")
        var reddish = 0
        for y in 0..<30 { for x in 110..<120 {
            let p = img.pixel(x, y)
            if p.r > 180 && p.g < 90 && p.b < 90 { reddish += 1 }
        } }
        #expect(reddish >= 4)
        // No axes: the border rows and columns are pure background.
        #expect((0..<120).allSatisfy { isWhite(img.pixel($0, 0)) })
    }

    @Test func r4PieShowsEverySliceColourAndWhitePercentages() throws {
        let img = try image("R4")
        #expect(img.width == 400 && img.height == 400)
        let tab10: [(UInt8, UInt8, UInt8)] = [(0x1F, 0x77, 0xB4), (0xFF, 0x7F, 0x0E), (0x2C, 0xA0, 0x2C),
                                             (0xD6, 0x27, 0x28), (0x94, 0x67, 0xBD), (0x8C, 0x56, 0x4B)]
        var counts = [Int](repeating: 0, count: tab10.count)
        for y in 0..<400 { for x in 0..<400 {
            let p = img.pixel(x, y)
            if let i = tab10.firstIndex(where: { $0 == (p.r, p.g, p.b) }) { counts[i] += 1 }
        } }
        // Slice areas are proportional to 30:22:17:13:10:8.
        #expect(counts.allSatisfy { $0 > 1000 }, "\(counts)")
        #expect(counts[0] > counts[1] && counts[1] > counts[2] && counts[4] > counts[5])
    }

    @Test func r5ScatterUsesOneSpriteForFiveThousandMarkers() throws {
        let img = try image("R5")
        #expect(img.width == 800 && img.height == 600)
        #expect(img.colorType == 3, "stamped markers keep the colours under 256: palette PNG")
        // Identical composited markers: few distinct colours (the suite's sprite has 179),
        // where one path of circles at sub-pixel positions gives about 400.
        #expect(img.colorCount < 300, "\(img.colorCount) colours")
        let left = blackColumns(img, xs: 50..<75, ys: 100..<500)
        #expect(left.count == 1, "left spine columns \(left)")
    }
}
