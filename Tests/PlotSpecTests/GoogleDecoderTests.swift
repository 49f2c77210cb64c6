import Testing
@testable import PlotSpec

/// Decoding tables for the Google Image Charts dialect: encodings, scaling, quirks of the query.
@Suite struct GoogleDecoderTests {
    func g(_ query: String) throws(SpecError) -> ChartSpec { try QueryDecoder().decode(query) }

    struct DataCase: Sendable, CustomTestStringConvertible {
        var chd: String
        var extra = ""
        var series: [[Double]]
        var testDescription: String { chd + extra }
    }

    /// Every encoding and its missing values, with the default 0...100 text scale applied.
    static let dataCases: [DataCase] = [
        // Google's own example: _ missing, -30 below the scale (missing), 200 drawn at 100.
        DataCase(chd: "t:_,30,-30,50,80,200", series: [[.nan, 30, .nan, 50, 80, 100]]),
        DataCase(chd: "t:1,19,27,53,61,-1|12,39,57,45,51,27", series: [[1, 19, 27, 53, 61, .nan], [12, 39, 57, 45, 51, 27]]),
        DataCase(chd: "t:10,,20", series: [[10, .nan, 20]]),
        DataCase(chd: "t: 10 , 20.5 ", series: [[10, 20.5]]),
        DataCase(chd: "t%3A5,6", series: [[5, 6]]),
        DataCase(chd: "T:5", series: [[5]]),
        // Simple: A=0 ... 9=61, _ missing, series by comma (and, tolerated, by |).
        DataCase(chd: "s:BTb19_,Mn5tzb", series: [[1, 19, 27, 53, 61, .nan], [12, 39, 57, 45, 51, 27]]),
        DataCase(chd: "s:AZaz09|A", series: [[0, 25, 26, 51, 52, 61], [0]]),
        // Extended: two characters, - and . are 62 and 63, __ missing.
        DataCase(chd: "e:BaPoqM2s,-A__RMD6", series: [[90, 1000, 2700, 3500], [3968, .nan, 1100, 250]]),
        DataCase(chd: "e:AA..A-A.", series: [[0, 4095, 62, 63]]),
        // chds: one pair per series, the last serving the rest; below min missing, above max clipped.
        DataCase(chd: "t:30,-60,50,140,80,-90", extra: "&chds=-80,140", series: [[30, -60, 50, 140, 80, .nan]]),
        DataCase(chd: "t:5,50|5,50|5,50", extra: "&chds=0,10,10,40", series: [[5, 10], [.nan, 40], [.nan, 40]]),
        // chds=a: nothing clipped.
        DataCase(chd: "t:-5,30,-30,50,80,200", extra: "&chds=a", series: [[-5, 30, -30, 50, 80, 200]]),
        // chds does not apply to simple data.
        DataCase(chd: "s:A9", extra: "&chds=0,10", series: [[0, 61]]),
    ]

    @Test(arguments: dataCases)
    func dataEncodings(_ c: DataCase) throws {
        let s = try g("cht=lc&chs=200x100&chd=" + c.chd + c.extra)
        #expect(sameValues(s.series, c.series), "\(s.series)")
    }

    @Test func scalesFollowTheEncoding() throws {
        #expect(try g("cht=lc&chd=t:1").valueRanges == [.percent])
        #expect(try g("cht=lc&chd=s:A").valueRanges == [ValueRange(0, 61)])
        #expect(try g("cht=lc&chd=e:AA").valueRanges == [ValueRange(0, 4095)])
        #expect(try g("cht=lc&chd=t:1|2&chds=-80,140").valueRanges == [ValueRange(-80, 140), ValueRange(-80, 140)])
        // Automatic: from the smallest value (or zero) to the largest, one range for all series.
        #expect(try g("cht=bvg&chd=t:-5,30|200&chds=a").valueRanges == [ValueRange(-5, 200), ValueRange(-5, 200)])
        #expect(try g("cht=bvg&chd=t:5,30&chds=a").valueRanges == [ValueRange(0, 30)])
        // ...and the value axis follows it, where an explicit chds leaves axes at 0...100.
        #expect(try g("cht=bvg&chd=t:5,30&chds=a&chxt=x,y").axes.map(\.range) == [.percent, ValueRange(0, 30)])
        #expect(try g("cht=bvg&chd=t:5,30&chds=0,30&chxt=y").axes.map(\.range) == [.percent])
    }

    @Test func visibleSeries() throws {
        let s = try g("cht=bvg&chd=t1:10,20|30,40|50,60")
        #expect(s.visibleSeries == 1 && s.series.count == 3)
        #expect(try g("cht=bvg&chd=t:1").visibleSeries == nil)
    }

    @Test func tolerantQuerySplitting() throws {
        let plain = try g("cht=bvg&chs=300x150&chd=t:1,2|3,4&chdl=a|b")
        for variant in [
            "cht=bvg&amp;chs=300x150&amp;chd=t:1,2|3,4&amp;chdl=a|b",       // HTML-escaped copy
            "cht=bvg&chs=300x150&chd=t:1,2%7C3,4&chdl=a%7Cb",                // %7C for |
            "?&cht=bvg&&chs=300x150&chd=t:1,2|3,4&chdl=a|b&",                // ?& and &&
            "cht=bvg&chs= 300x150 &chd=t: 1, 2| 3 ,4&chdl=a|b",              // raw spaces
            "CHT=bvg&Chs=300x150&chd=t:1,2|3,4&chdl=a|b",                    // name case
            "cht=bvg&chs=100x100&chs=300x150&chd=t:1,2|3,4&chdl=a|b",        // the last one wins
            "cht=bvg&chs=300x150&chd=t:1,2|3,4&chdl=a|b&foo=bar&chxq=1&_=9", // unknown: ignored
        ] {
            let s = try g(variant)
            #expect(s.width == 300 && s.height == 150 && sameValues(s.series, plain.series) && s.names == ["a", "b"],
                    "\(variant)")
            #expect(s.canonicalQuery == plain.canonicalQuery, "\(variant)")
        }
        // A broken escape stays as written instead of failing the whole chart.
        #expect(try g("cht=p&chd=t:1&chl=100%").labels == ["100%"])
        #expect(try g("cht=lc&chd=t:1&chtt=Line+1|Line%202").title == "Line 1\nLine 2")
    }

    @Test func routing() throws {
        #expect(QueryDecoder.isGoogleDialect("cht=p&chd=t:1"))
        #expect(QueryDecoder.isGoogleDialect("?chs=1x1&amp;CHT=p"))
        #expect(!QueryDecoder.isGoogleDialect("type=pie&d=1&title=cht"))
        #expect(!QueryDecoder.isGoogleDialect("chtt=a&d=1"))
        // The native dialect is unchanged: its unknown parameters are still errors.
        #expect(error(of: "d=1&chs=300x150")?.code == .unknownParameter)
        #expect(try g("d=1,2").frameStyle == .automatic)
    }

    @Test func sizes() throws {
        #expect(try g("cht=p&chd=t:1&chs=1000x300").width == 1000)
        #expect(try g("cht=p&chd=t:1&chs=600X500").height == 500)
        let missing = try g("cht=p&chd=t:1")
        #expect(missing.width == 300 && missing.height == 150)
        BadQuery("cht=p&chd=t:1&chs=1001x100", .outOfRange, "chs",
                 "chs: \"1001x100\" is out of range; each side must be 8 to 1000 pixels.").check()
        BadQuery("cht=p&chd=t:1&chs=1000x301", .imageTooLarge, "chs",
                 "chs: 1000x301 is 301000 pixels; at most 300000 are allowed.").check()
        BadQuery("cht=p&chd=t:1&chs=300", .invalidValue, "chs",
                 "chs: \"300\" is not a size; use WIDTHxHEIGHT in pixels, e.g. chs=300x150.").check()
        #expect(error(of: "cht=p&chd=t:1&chs=1000x301")?.status == 413)
    }

    @Test func errors() {
        BadQuery("cht=map&chd=t:1", .unsupportedChartType, "cht",
                 "cht=map: maps are not supported by plotgate; see docs/GOOGLE.md for the chart types it draws.").check()
        BadQuery("cht=tx&chl=x", .unsupportedChartType, "cht",
                 "cht=tx: TeX formulas are not supported by plotgate; see docs/GOOGLE.md for the chart types it draws.").check()
        BadQuery("cht=gv&chl=graph{a--b}", .unsupportedChartType, "cht",
                 "cht=gv: GraphViz graphs are not supported by plotgate; see docs/GOOGLE.md for the chart types it draws.").check()
        BadQuery("cht=bogus&chd=t:1", .invalidValue, "cht",
                 "cht: \"bogus\" is not a chart type; use bhs, bvs, bhg, bvg, bvo, lc, ls, lxy, p, p3, pc, s, gom, r, rs, v or qr.").check()
        BadQuery("cht=lc&chs=200x100", .missingParameter, "chd",
                 "No data: add chd=, e.g. chd=t:10,20,30 (series separated by |).").check()
        BadQuery("cht=lc&chd=10,20", .invalidValue, "chd",
                 "chd: \"10,20\" does not start with an encoding; use t: (text), s: (simple) or e: (extended).").check()
        BadQuery("cht=lc&chd=t:1,x", .invalidValue, "chd", "chd: \"x\" is not a number.").check()
        BadQuery("cht=lc&chd=e:AAB", .invalidValue, "chd",
                 "chd: extended data \"AAB\" has an odd number of characters; each value takes two.").check()
        BadQuery("cht=lc&chd=s:A!", .invalidValue, "chd",
                 "chd: \"A!\" is not simple data; use A-Z, a-z, 0-9 and _ for missing values.").check()
        BadQuery("cht=lc&chd=t:1&chco=red", .invalidValue, "chco",
                 "chco: \"red\" is not a colour; use hex RRGGBB or RRGGBBAA, e.g. FF9900.").check()
        BadQuery("cht=lc&chd=t:1&chxt=x,z", .invalidValue, "chxt", "chxt: \"z\" is not an axis; use x, y, r or t.").check()
    }

    @Test func chartTypes() throws {
        let bhs = try g("cht=bhs&chd=t:1")
        #expect(bhs.type == .bar && bhs.horizontal && bhs.barArrangement == .stacked && bhs.stacked)
        #expect(try g("cht=bvo&chd=t:1").barArrangement == .overlapped)
        let lc = try g("cht=lc&chd=t:1"), nda = try g("cht=lc:nda&chd=t:1"), ls = try g("cht=ls&chd=t:1")
        #expect(lc.frameLines && !nda.frameLines && !ls.frameLines && ls.type == .line)
        #expect(try g("cht=p3&chd=t:1").type == .pie)
        #expect(try g("cht=pc&chd=t:1|2").pieStyle == .concentric)
        // lxy: x,y pairs; an x list of -1 spreads its points evenly.
        let xy = try g("cht=lxy&chd=t:0,50,100|10,20,30|-1|5,6,7&chds=0,100")
        #expect(xy.series == [[10, 20, 30], [5, 6, 7]])
        #expect(xy.x?.lists == [[0, 50, 100], [0, 50, 100]])
        let s = try g("cht=s&chd=t:1,2,3|4,5,6")
        #expect(s.type == .scatter && s.series == [[4, 5, 6]] && s.x?.lists == [[1, 2, 3]])
    }

    @Test func colorsAndFills() throws {
        let s = try g("cht=bvg&chd=t:1,2,3|4&chco=FF0000|00FF00|0000FF,333333")
        #expect(s.colors == [RGBA(hex: 0xFF0000), RGBA(hex: 0x333333)])
        #expect(s.pointColors == [[RGBA(hex: 0xFF0000), RGBA(hex: 0x00FF00), RGBA(hex: 0x0000FF)], []])
        let f = try g("cht=lc&chd=t:1&chf=bg,s,EFEFEF|c,lg,45,FFFFFF,0,76A4FB,0.75")
        #expect(f.background == .color(RGBA(hex: 0xEFEFEF)))
        #expect(f.plotPaint == .linear(angle: 45, stops: [GradientStop(offset: 0, color: RGBA(hex: 0xFFFFFF)),
                                                          GradientStop(offset: 0.75, color: RGBA(hex: 0x76A4FB))]))
        #expect(try g("cht=lc&chd=t:1&chf=bg,s,FFFFFF00").background == .transparent)
        #expect(try g("cht=bvg&chd=t:1|2&chf=b1,s,00FF00").colors == [GooglePalette.color(0), RGBA(hex: 0x00FF00)])
    }

    @Test func axes() throws {
        let s = try g("cht=lc&chd=t:1&chxt=x,y,r&chxl=0:|Jan|Feb|Mar|5:|nowhere|1:|lo|hi&chxr=2,0,500,100&chxp=1,10,90&chxs=0,FF0000,13,-1,t&chxtc=1,-300")
        #expect(s.axes.map(\.side) == [.bottom, .left, .right])
        #expect(s.axes[0].labels == ["Jan", "Feb", "Mar"])
        #expect(s.axes[1].labels == ["lo", "hi"] && s.axes[1].positions == [10, 90] && s.axes[1].tickLength == -300)
        #expect(s.axes[2].range == ValueRange(0, 500) && s.axes[2].step == 100)
        #expect(s.axes[0].color == RGBA(hex: 0xFF0000) && s.axes[0].fontSize == 13 && s.axes[0].alignment == .start)
        #expect(!s.axes[0].showLine && s.axes[0].showTicks)
        // Axis 5 does not exist: its labels are ignored and reported.
        #expect(QueryDecoder().googleProblems("cht=lc&chd=t:1&chxt=x&chxl=5:|a").contains("chxl: there is no axis 5 in chxt; ignored."))
    }

    @Test func stylesAndMarkers() throws {
        let s = try g("cht=bvg&chd=t:1|2&chbh=a,2,10&chls=3,6,3|1&chg=20,50&chma=10,20,30,40|80,20&chts=FF0000,20,l&chdlp=b|l")
        #expect(s.barSizing == BarSizing(width: nil, barGap: 2, groupGap: 10))
        #expect(s.lineStyles == [LineStyle(width: 3, dash: 6, gap: 3), LineStyle(width: 1)])
        #expect(s.gridLines == GridSpec(xStep: 20, yStep: 50))
        #expect(s.margins == Margins(left: 10, right: 20, top: 30, bottom: 40))
        #expect(s.titleStyle == TextStyle(color: RGBA(hex: 0xFF0000), size: 20, alignment: .start))
        #expect(s.legendSide == .bottom)
        #expect(try g("cht=bvg&chd=t:1&chbh=r,0.5,1.5").barSizing == BarSizing(width: nil, barGap: 0.5, groupGap: 1.5, relative: true))
        #expect(try g("cht=bvg&chd=t:1&chbh=30").barSizing == BarSizing(width: 30, barGap: 4, groupGap: 8))

        let m = try g("cht=lc&chd=t:1,2|3,4&chm=o,FF0000,0,-1,6|N*f1*,000000,1,1,10|B,76A4FB,0,0,0|r,E5ECF9,0,0.25,0.5|h,0000FF,0,0.5,1|s,00FF00,7,-1,5|D,FF0000,1,0,2|Xq,000000,0,0,1")
        #expect(m.markers.count == 6)
        #expect(m.markers[0] == MarkerSpec(kind: .shape(.circle), color: RGBA(hex: 0xFF0000), series: 0, size: 6))
        #expect(m.markers[1].kind == .value(NumberStyle(kind: .fixed, decimals: 1)) && m.markers[1].points == .point(1))
        #expect(m.markers[2].kind == .fillToBottom && m.markers[2].below)
        #expect(m.markers[3].kind == .horizontalBand(0.25, 0.5))
        #expect(m.markers[4].kind == .horizontalLine(0.5))
        #expect(m.markers[5].kind == .line)
        let problems = QueryDecoder().googleProblems("cht=lc&chs=300x150&chd=t:1,2|3,4&chm=s,00FF00,7,-1,5|Xq,000000,0,0,1")
        #expect(problems.count == 2, "\(problems)")
        #expect(GoogleMarkers.points(Array("2:8:2".utf8)[...]) == .range(start: 2, end: 8, step: 2))
        #expect(GoogleMarkers.points(Array("-3".utf8)[...]) == .every(3))
    }

    @Test func formats() throws {
        #expect(try g("cht=lc&chd=t:1&chof=png").format == .png)
        #expect(try g("cht=lc&chd=t:1&chof=gif").format == .png)
        #expect(try g("cht=lc&chd=t:1&chof=svg").format == .svg)
        #expect(try QueryDecoder().decode("cht=lc&chd=t:1", defaultFormat: .pdf).format == .pdf)
    }

    /// The canonical form decodes to itself, and any change to the picture changes it.
    @Test func canonicalForm() throws {
        let queries = [
            "cht=bvg&chs=300x150&chd=t:10,50,60|50,60,100&chco=4d89f9,c6d9fd&chbh=a&chxt=x,y&chxl=0:|Jan|Feb|Mar&chdl=A+B|C",
            "cht=p3&chs=250x100&chd=t:60,40&chl=Hello|World&chof=svg",
            "cht=lc&chd=e:BaPoqM2s&chtt=R%26D+100%25&chm=N*f2*,000000,0,-1,11&foo=1",
        ]
        for q in queries {
            let spec = try g(q)
            let canonical = spec.canonicalQuery
            #expect(try g(canonical).canonicalQuery == canonical, "\(canonical)")
            #expect(try g(canonical).format == spec.format)
            #expect(!canonical.contains("foo"))
        }
        #expect(try g(queries[1]).canonicalQuery.hasSuffix("&chof=svg"))
        let a = try g("cht=lc&chd=t:1,2&chco=FF0000").canonicalQuery
        #expect(a != (try g("cht=lc&chd=t:1,2&chco=FF0001").canonicalQuery))
        #expect(a != (try g("cht=lc&chd=t:1,2&chco=FF0000&chm=o,000000,0,-1,5").canonicalQuery))
        #expect(a != (try g("cht=lc&chd=t:1,2&chco=FF0000&chs=301x150").canonicalQuery))
        #expect(a == (try g("CHT=LC&chd=t:1,2&chco=FF0000&_=123&utm_source=x").canonicalQuery))
    }

    @Test func validateReport() {
        let d = QueryDecoder()
        #expect(d.googleProblems("cht=lc&chs=300x150&chd=t:1,2") == [])
        #expect(d.googleProblems("cht=lc&chs=300x150&chd=t:1&foo=1&chs=200x100") == [
            "The parameter \"foo\" is not part of the Google chart API; ignored.",
            "The parameter chs is given more than once; the last one is used.",
        ])
        #expect(d.googleProblems("cht=lc&chd=t:1") == ["chs is missing (Google required it); drawn at 300x150."])
        #expect(d.googleProblems("cht=lc&chs=300x150&chd=t:1&chco=red&zz=1").last
            == "chco: \"red\" is not a colour; use hex RRGGBB or RRGGBBAA, e.g. FF9900.")
        #expect(d.googleProblems("cht=lc&chs=2000x100&chd=t:1").count == 1)
    }

    @Test func limitsStillApply() {
        var limits = Limits()
        limits.maxPoints = 10
        #expect(error(of: "cht=lc&chd=t:1,2,3,4,5,6,7,8,9,10,11", limits: limits)?.code == .tooMuchData)
        #expect(error(of: "cht=lc&chd=s:ABCDEFGHIJK", limits: limits)?.code == .tooMuchData)
        limits.maxSeries = 2
        #expect(error(of: "cht=lc&chd=t:1|2|3", limits: limits)?.code == .tooMuchData)
        #expect(error(of: "cht=lc&chd=t:1&" + String(repeating: "a=1&", count: 70))?.code == .tooManyParameters)
    }
}
