import Testing
@testable import PlotLayout
import PlotSpec

/// Geometry of the Google features of the explicit frame: pie labels apart, marker places,
/// scatter sizes, bar zero lines, stripes, opacity, axis number formats.
@Suite struct GoogleExplicitLayoutTests: SceneQueries {
    let measurer = ApproximateTextMeasurer()

    func box(_ t: TextRun) -> Rect {
        let w = measurer.width(of: t.text, size: t.size, bold: t.bold)
        let x0 = t.anchor == .start ? t.position.x : (t.anchor == .middle ? t.position.x - w / 2 : t.position.x - w)
        let h = t.size * FontMetrics.lineHeight
        let y0 = t.baseline == .middle ? t.position.y - h / 2 : (t.baseline == .top ? t.position.y : t.position.y - h)
        return Rect(x: x0, y: y0, width: w, height: h)
    }

    func overlap(_ a: Rect, _ b: Rect) -> Bool {
        a.minX < b.maxX - 0.5 && b.minX < a.maxX - 0.5 && a.minY < b.maxY - 0.5 && b.minY < a.maxY - 0.5
    }

    @Test(arguments: [
        "cht=p&chs=300x150&chd=t:40,20,10,8,6,5,4,3,2,2&chl=Chrome|Safari|Edge|Firefox|Opera|Samsung|UC|Yandex|QQ|Other",
        "cht=p3&chs=200x125&chd=t:70,10,6,5,4,3,2&chl=Rest|Ten|Six|Five|Four|Three|Two",
        "cht=pc&chs=200x125&chd=t:30,70|50,20,10,8,6,4,2&chl=A|B|C|D|E|F|G",
        "cht=p&chs=200x125&chd=t:1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1&chl=a|b|c|d|e|f|g|h|i|j|k|l|m|n|o|p|q|r|s|t|u|v|w|x|y|z|1|2|3|4",
        "cht=p&chs=300x150&chd=t:90,1,1,1,1,1,1,1,1,1,1&chl=Big|a|b|c|d|e|f|g|h|i|j&chp=1.2",
    ])
    func pieLabelsNeverOverlap(query: String) throws {
        let s = try scene(query)
        let boxes = texts(s).map(box)
        #expect(!boxes.isEmpty)
        for i in boxes.indices {
            #expect(boxes[i].minY >= -0.5 && boxes[i].maxY <= s.height + 0.5, "\(query): \(texts(s)[i].text) off the canvas")
            for j in boxes.indices where j > i {
                #expect(!overlap(boxes[i], boxes[j]), "\(query): \(texts(s)[i].text) over \(texts(s)[j].text)")
            }
        }
    }

    @Test func markerPlacesAreFractionsOfThePlot() throws {
        let s = try scene("cht=lc&chs=300x150&chd=t:1,2&chm=s,FF0000,0,@0.5:0.5,10|s,00FF00,0,@0:0,10")
        let squares = flat(s.items).compactMap { item -> Rect? in
            guard case .shape(let sh) = item, case .rect(let r)? = sh.path.first, sh.fill?.r == 255 || sh.fill?.g == 255,
                  r.width == 10 else { return nil }
            return r
        }
        #expect(squares.count == 2)
        // The second one sits at the plot's bottom-left corner, the first in its middle.
        let corner = Point(squares[1].midX, squares[1].midY)
        let middle = Point(squares[0].midX, squares[0].midY)
        #expect(middle.x > corner.x + 100 && middle.y < corner.y - 40)
    }

    @Test func scatterPointsScaleWithTheThirdSeries() throws {
        let s = try scene("cht=s&chs=300x150&chd=t:10,50,90|10,50,90|100,50,0")
        let circles = flat(s.items).flatMap { item -> [Double] in
            guard case .shape(let sh) = item else { return [] }
            return sh.path.compactMap { if case .arc(_, let r, _, _) = $0 { return r * 2 }; return nil }
        }
        #expect(circles == [10, 5])  // the third point has size 0: not drawn
        let plain = try scene("cht=s&chs=300x150&chd=t:10,50|10,50")
        let marker = flat(plain.items).compactMap { if case .markers(let m) = $0 { return m }; return nil }.first
        #expect(marker?.size == 10 && marker?.color == GooglePalette.color(1))
        let diamonds = try scene("cht=s&chs=300x150&chd=t:10,50|10,50&chm=d,FF0000,0,-1,15")
        let red = flat(diamonds.items).filter { if case .shape(let sh) = $0 { return sh.fill == RGBA(hex: 0xFF0000) }; return false }
        #expect(red.count == 1)  // drawn once, as the points, not again as a marker
    }

    @Test func scatterLegendSwatchesMatchThePoints() throws {
        func swatchAndPoints(_ q: String) throws -> (swatch: RGBA?, points: RGBA?) {
            let items = flat(try scene(q).items)
            let points = items.compactMap { if case .markers(let m) = $0 { return m.color }; return nil }.first
            let swatch = items.compactMap { item -> RGBA? in
                guard case .shape(let sh) = item, sh.path.count == 1, case .rect(let r) = sh.path[0],
                      r.width == ExplicitLegend.swatch else { return nil }
                return sh.fill
            }.first
            return (swatch, points)
        }
        let blue = try swatchAndPoints("cht=s&chs=300x150&chd=t:10,50|10,50&chdl=Points")
        #expect(blue.points == GooglePalette.color(1) && blue.swatch == blue.points)
        let given = try swatchAndPoints("cht=s&chs=300x150&chd=t:10,50|10,50&chdl=Points&chco=FF0000")
        #expect(given.points == RGBA(hex: 0xFF0000) && given.swatch == given.points)
    }

    @Test func zeroLineIsWhereBarsStart() throws {
        func bars(_ q: String) throws -> [Rect] {
            flat(try scene(q).items).flatMap { item -> [Rect] in
                guard case .shape(let sh) = item, sh.fill == RGBA(hex: 0x4D89F9) else { return [] }
                return sh.path.compactMap { if case .rect(let r) = $0 { return r }; return nil }
            }
        }
        let b = try bars("cht=bvg&chs=200x125&chd=t:20,80&chco=4D89F9&chbh=a&chp=0.5")
        #expect(b.count == 2)
        // Same baseline: the first bar hangs down from it, the second stands on it.
        #expect(abs(b[0].minY - b[1].maxY) < 0.01)
    }

    @Test func stripesRepeatAcrossThePlot() throws {
        let s = try scene("cht=lc&chs=300x150&chd=t:1,2&chf=c,ls,0,CCCCCC,0.1,FFFFFF,0.1")
        let grey = flat(s.items).compactMap { item -> Int? in
            guard case .shape(let sh) = item, sh.fill == RGBA(hex: 0xCCCCCC) else { return nil }
            return sh.path.filter { if case .close = $0 { return true }; return false }.count
        }
        #expect(grey.contains { $0 >= 4 })  // several grey bands, not a gradient
    }

    @Test func wholeImageOpacity() throws {
        #expect(try scene("cht=p&chs=200x125&chd=t:1&chf=a,s,00000080").opacity == Double(0x80) / 255)
        #expect(try scene("cht=p&chs=200x125&chd=t:1").opacity == 1)
    }

    @Test func axisNumberFormats() throws {
        let labels = texts(try scene("cht=lc&chs=300x150&chd=t:1,2&chxt=y,r&chxr=0,0,5000,2500|1,0,1,0.5&chxs=0N*cUSD0s*|1N*p*")).map(\.text)
        #expect(labels.contains("$2,500") && labels.contains("$5,000") && labels.contains("50%") && labels.contains("100%"))
    }

    @Test(arguments: [
        (NumberStyle(kind: .fixed, decimals: 2), 2.5, "2.5"),
        (NumberStyle(kind: .fixed, decimals: 2, trailingZeros: true), 2.5, "2.50"),
        (NumberStyle(kind: .fixed, decimals: 0, groupSeparators: true), -1234567.4, "-1,234,567"),
        (NumberStyle(kind: .percent, decimals: 1), 0.1234, "12.3%"),
        (NumberStyle(kind: .scientific, decimals: 2), 12345, "1.23e+4"),
        (NumberStyle(kind: .scientific, decimals: 1), 0.000996, "1e-3"),
        (NumberStyle(kind: .currency("EUR")), 9.1, "€9.10"),
        (NumberStyle(kind: .currency("CHF"), decimals: 0), -12, "-CHF 12"),
        (NumberStyle(kind: .fixed, decimals: 1, prefix: "~", suffix: " kg"), 3, "~3 kg"),
        (NumberStyle.plain, 0.1 + 0.2, "0.3"),
        (NumberStyle.plain, -5, "-5"),
        (NumberStyle(kind: .fixed, decimals: 2), 1e300, "1e+300"),
        (NumberStyle(kind: .fixed, decimals: 0), 123_456_789_012, "123456789012"),
        (NumberStyle(kind: .fixed, decimals: 2), -0.001, "0"),
    ] as [(NumberStyle, Double, String)])
    func numberStyles(style: NumberStyle, value: Double, text: String) {
        #expect(style.text(value) == text)
    }

    @Test func gaugeTicksFromChxtc() throws {
        func strokes(_ q: String) throws -> Int {
            flat(try scene(q).items).reduce(0) { n, item in
                guard case .shape(let sh) = item, sh.stroke?.color == RGBA(hex: 0xFF0000) else { return n }
                return n + sh.path.filter { if case .move = $0 { return true }; return false }.count
            }
        }
        let q = "cht=gom&chs=200x125&chd=t:70&chxt=y&chxr=0,0,100,25&chxs=0,333333,10,0,lt,FF0000"
        #expect(try strokes(q) == 0)  // no chxtc: no ticks, as before
        #expect(try strokes(q + "&chxtc=0,5") == 5)
        #expect(try strokes(q + "&chxtc=0,-20") == 5)
    }

    @Test func radarScaleLabelsFollowChxp() throws {
        let s = try scene("cht=r&chs=200x200&chd=t:10,20,30,40,50&chxt=y&chxr=0,0,100&chxp=0,30,90&chxl=0:|low|high")
        let labels = texts(s).filter { $0.text == "low" || $0.text == "high" }
        #expect(labels.count == 2)
        // 30 and 90 of 0...100 up the 12 o'clock spoke: "high" three times as far from the centre.
        if labels.count == 2 {
            let centreY = labels[0].position.y + (labels[0].position.y - labels[1].position.y) * 30 / 60
            #expect(abs((centreY - labels[1].position.y) / (centreY - labels[0].position.y) - 3) < 0.01)
        }
    }
}
