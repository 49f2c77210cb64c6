import Testing
@testable import PlotSpec

@Suite struct DecoderTests {
    @Test func defaults() throws {
        let s = try decode("d=3,5,4,8")
        var expected = ChartSpec()
        expected.series = [[3, 5, 4, 8]]
        #expect(s == expected)
        #expect(s.type == .line && s.width == 600 && s.height == 400 && s.dpr == 1)
        #expect(s.x == nil && s.title == nil && s.background == .theme && s.lineWidth == nil && s.format == .png)
    }

    @Test(arguments: ChartType.allCases)
    func typesAndDefaultSizes(type: ChartType) throws {
        let s = try decode("type=\(type.rawValue.uppercased())&d=1")
        #expect(s.type == type)
        #expect(s.width == type.defaultSize.width && s.height == type.defaultSize.height)
    }

    @Test func sizeAndDPR() throws {
        let s = try decode("w=8&h=4096&dpr=1.5&d=1")
        #expect(s.width == 8 && s.height == 4096 && s.dpr == 1.5)
        #expect(s.pixelWidth == 12 && s.pixelHeight == 6144)
        #expect(try decode("type=spark&w=300&d=1").height == 30)
        #expect(try decode("w=%2B0600&d=1").width == 600)
        #expect(try decode("w=4096&h=4096&d=1").pixelWidth == 4096)
        #expect(try decode("w=2048&h=2048&dpr=2&d=1").pixelHeight == 4096)  // exactly maxPixels
    }

    @Test func dataWithGaps() throws {
        let s = try decode("d=1,,_,2|3|_|,")
        #expect(sameValues(s.series, [[1, .nan, .nan, 2], [3], [.nan], [.nan, .nan]]))
        #expect(sameValues(try decode("d=_").series, [[.nan]]))
        #expect(sameValues(try decode("d=-1.5e3,.5,5.,-0,%2B7").series, [[-1500, 0.5, 5, 0, 7]]))
        #expect(try decode("d=-0").series[0][0].sign == .plus)
        #expect(try decode("d=1e308").series == [[1e308]])
    }

    @Test func numericX() throws {
        let s = try decode("d=1,2,3&x=10,_,30.5")
        #expect(s.x?.kind == .number)
        #expect(sameValues(s.x?.lists ?? [], [[10, .nan, 30.5]]))
        #expect(try decode("d=1,2|3,4&x=5,6").x?.list(forSeries: 1) == [5, 6])
        let gaps = try decode("d=1&x=_").x
        #expect(gaps?.kind == .number && gaps?.lists.first?.first?.isNaN == true)
    }

    @Test func timeX() throws {
        let s = try decode("d=1,2,3,4&x=2024-05-01,2024-05-01T12:30,@1714560000.5,2024-05-01T12:30:00.250%2B02:00")
        #expect(s.x?.kind == .time)
        #expect(s.x?.lists == [[1_714_521_600, 1_714_566_600, 1_714_560_000.5, 1_714_559_400.25]])
        let t = try decode("d=1,2&x=_,2024-05-01+12:30&xmin=2024-04-01&xmax=1714600000")
        #expect(t.x?.kind == .time)
        #expect(t.x?.lists[0][1] == 1_714_566_600)
        #expect(t.xMin == 1_711_929_600 && t.xMax == 1_714_600_000)
        #expect(try decode("d=1&x=@5&xmin=@-1.5").xMin == -1.5)
    }

    @Test func scatterPerSeriesX() throws {
        let s = try decode("type=scatter&d=1,2,3|4,5&x=1,2,3|7,8")
        #expect(s.x?.lists == [[1, 2, 3], [7, 8]])
        #expect(s.x?.list(forSeries: 1) == [7, 8])
        #expect(try decode("type=scatter&d=1,2|4,5&x=1,2").x?.lists == [[1, 2]])
    }

    @Test func textsAndLists() throws {
        let s = try decode("d=1&title=Hello+World%21&xlabel=%C3%A9t%C3%A9&ylabel=a%0Ab%09c%7Fd%00&labels=Jan||M%C3%A4r&names=a+b|c")
        #expect(s.title == "Hello World!")
        #expect(s.xLabel == "été")
        #expect(s.yLabel == "a b c d ")
        #expect(s.labels == ["Jan", "", "Mär"])
        #expect(s.names == ["a b", "c"])
        #expect(try decode("d=1&title=").title == nil)
        #expect(try decode("d=1&title=%20%20").title == "  ")
        #expect(try decode("d=1&title=" + String(repeating: "é", count: 200)).title?.count == 200)
        #expect(try decode("d=1&labels=").labels == [])
    }

    @Test func colorsAndBackground() throws {
        let s = try decode("d=1&colors=%23FF8800,abc,11223344&bg=%23000")
        #expect(s.colors == [RGBA(255, 136, 0), RGBA(0xAA, 0xBB, 0xCC), RGBA(0x11, 0x22, 0x33, 0x44)])
        #expect(s.background == .color(RGBA(0, 0, 0)))
        #expect(try decode("d=1&bg=Transparent").background == .transparent)
    }

    @Test func boundsAndLog() throws {
        let s = try decode("d=1,10,_,100&xmin=-5&xmax=5.5&ymin=0.5&ymax=1e3&ylog=1")
        #expect(s.xMin == -5 && s.xMax == 5.5 && s.yMin == 0.5 && s.yMax == 1000 && s.yLog)
        #expect(try decode("d=-1&ylog=0").yLog == false)
        #expect(try decode("d=_&ylog=1").yLog)  // all gaps: nothing to complain about
    }

    @Test(arguments: [("1", true), ("TRUE", true), ("yes", true), ("On", true),
                      ("0", false), ("false", false), ("NO", false), ("off", false)] as [(String, Bool)])
    func booleans(word: String, value: Bool) throws {
        let s = try decode("d=1&stack=\(word)&horizontal=\(word)&ylog=\(word)")
        #expect(s.stacked == value && s.horizontal == value && s.yLog == value)
    }

    @Test func enums() throws {
        let s = try decode("d=1&legend=BOTTOM&grid=xY&theme=Dark&format=svg&lw=0.25")
        #expect(s.legend == .bottom && s.grid == .xy && s.theme == .dark && s.format == .svg && s.lineWidth == 0.25)
        #expect(try decode("d=1&lw=20").lineWidth == 20)
    }

    @Test func aliases() throws {
        let a = try decode("data=1,2&width=300&height=200&color=f00&linewidth=2&fmt=pdf&series=one")
        let b = try decode("d=1,2&w=300&h=200&colors=f00&lw=2&format=pdf&names=one")
        #expect(a == b)
        #expect(a.format == .pdf && a.names == ["one"] && a.width == 300)
    }

    @Test func ignoredAndEmptyItems() throws {
        #expect(try decode("_=123&d=1&_cb=x&_=again&%5Fz=1") == decode("d=1"))
        // Ignored, but still part of the query: its encoding must be valid.
        #expect(error(of: "d=1&_=%FF")?.code == .invalidEncoding)
        #expect(try decode("&&d=1&&w=100&") == decode("d=1&w=100"))
        #expect(try decode("d=1&w=&h&stack") == decode("d=1"))
    }
}
