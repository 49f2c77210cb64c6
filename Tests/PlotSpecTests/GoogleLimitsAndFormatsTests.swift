import Testing
@testable import PlotSpec

/// The operator's limits on Google URLs, number formats (`chm=N...`, `chxs=nN...`) and marker
/// places (`@x:y`).
@Suite struct GoogleLimitsAndFormatsTests {
    func g(_ query: String, limits: Limits = .standard) throws(SpecError) -> ChartSpec {
        try QueryDecoder(limits: limits).decode(query)
    }

    func code(_ query: String, limits: Limits) -> SpecError.Code? {
        do { _ = try g(query, limits: limits); return nil } catch { return error.code }
    }

    static let small: Limits = {
        var l = Limits()
        l.maxSide = 100
        l.maxPixels = 100 * 100
        l.maxTextLength = 5
        l.maxLabels = 2
        l.maxLineWidth = 3
        return l
    }()

    @Test func defaultSizeShrinksIntoTheLimits() throws {
        #expect(try g("cht=lc&chd=t:1").width == 300)
        let s = try g("cht=bvs&chd=s:A", limits: Self.small)
        #expect(s.width == 100 && s.height == 50)
        var pixels = Limits()
        pixels.maxPixels = 5_000
        let p = try g("cht=lc&chd=t:1", limits: pixels)
        #expect(p.width == 100 && p.height == 50)
        #expect(QueryDecoder(limits: Self.small).googleProblems("cht=lc&chd=t:1").first?.contains("100x50") == true)
        #expect(QueryDecoder(limits: Self.small).googleErrorLook("cht=lc").width == 100)
    }

    @Test func chsBeyondTheOperatorsLimitsIsRefused() {
        #expect(code("cht=lc&chs=101x50&chd=t:1", limits: Self.small) == .outOfRange)
        var pixels = Limits()
        pixels.maxPixels = 5_000
        #expect(code("cht=lc&chs=100x60&chd=t:1", limits: pixels) == .imageTooLarge)
        #expect(code("cht=qr&chs=200x200&chl=a", limits: Self.small) == .outOfRange)
        #expect(code("cht=lc&chs=100x100&chd=t:1", limits: Self.small) == nil)
        // The error image of such a URL keeps the default, not the refused size.
        #expect(QueryDecoder(limits: Self.small).googleErrorLook("cht=lc&chs=300x300").width == 100)
    }

    @Test func textsAndListsFollowTheLimits() throws {
        for q in ["chtt=Sales+2024", "chdl=a|Toolong", "chl=Toolong", "chxt=x&chxl=0:|Toolong",
                  "chm=tToolong,000000,0,0,10", "chm=N*f0*+euros,000000,0,0,10", "chxt=y&chxs=0N*f0*+euros"] {
            #expect(code("cht=lc&chs=100x50&chd=t:1,2&" + q, limits: Self.small) == .textTooLong, "\(q)")
        }
        let s = try g("cht=lc&chs=100x50&chd=t:1,2&chxt=x&chxl=0:|a|b|c&chls=10", limits: Self.small)
        #expect(s.axes[0].labels == ["a", "b"])
        #expect(s.lineStyles[0].width == 3)
        // Google's own 200 characters still shorten texts under the standard limits.
        let long = String(repeating: "w", count: 300)
        #expect(try g("cht=lc&chd=t:1&chtt=" + long).title?.count == 200)
    }

    @Test(arguments: [
        ("N", NumberStyle.plain),
        ("N*f2*", NumberStyle(kind: .fixed, decimals: 2)),
        ("N*f2zs*", NumberStyle(kind: .fixed, decimals: 2, trailingZeros: true, groupSeparators: true)),
        ("N$*f0*k", NumberStyle(kind: .fixed, decimals: 0, prefix: "$", suffix: "k")),
        ("N*p1*", NumberStyle(kind: .percent, decimals: 1)),
        ("N*e*", NumberStyle(kind: .scientific)),
        ("N*cEUR*", NumberStyle(kind: .currency("EUR"))),
        ("N*cUSD1s*", NumberStyle(kind: .currency("USD"), decimals: 1, groupSeparators: true)),
        ("N*f1x*", NumberStyle(kind: .fixed, decimals: 1, useX: true)),
        ("N*q*", NumberStyle.plain),
    ] as [(String, NumberStyle)])
    func markerFormats(format: String, style: NumberStyle) throws {
        let s = try g("cht=lc&chd=t:1,2&chm=" + format + ",000000,0,-1,10")
        #expect(s.markers.first?.kind == .value(style))
    }

    @Test func axisFormats() throws {
        let s = try g("cht=lc&chd=t:1,2&chxt=x,y&chxs=1N*cUSD*,FF0000,12|0N*p*")
        #expect(s.axes[1].format == NumberStyle(kind: .currency("USD")))
        #expect(s.axes[1].color == RGBA(hex: 0xFF0000))
        #expect(s.axes[0].format == NumberStyle(kind: .percent))
        #expect(try g("cht=lc&chd=t:1&chxt=y&chxs=0,FF0000").axes[0].format == nil)
    }

    @Test func markerPlaces() throws {
        let s = try g("cht=lc&chd=t:1,2&chm=o,FF0000,0,@0.5:0.25,8|tHi,000000,5,@0.1:0.9,10|N,000000,0,@0.5:0.5,10|a,000000,0,@9:-9,5")
        #expect(s.markers.count == 3)  // a value needs a point; the series of a place does not matter
        #expect(s.markers[0].points == .position(x: 0.5, y: 0.25))
        #expect(s.markers[1].kind == .text("Hi") && s.markers[1].points == .position(x: 0.1, y: 0.9))
        #expect(s.markers[2].points == .position(x: 2, y: -1))
        #expect(try g("cht=lc&chd=t:1&chm=o,FF0000,0,1e300,8").markers[0].points == .point(1_000_000))
    }

    @Test func gaugeTakesNoMarkers() {
        let d = QueryDecoder()
        #expect(d.googleProblems("cht=gom&chs=200x125&chd=t:70&chm=o,FF0000,0,0,5") == [Messages.googleIgnoredForType("chm", type: "gom")])
        #expect((try? g("cht=gom&chs=200x125&chd=t:70&chm=o,FF0000,0,0,5"))?.markers.isEmpty == true)
    }
}
