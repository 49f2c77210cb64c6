import Testing
@testable import PlotLayout
import PlotSpec

/// Layout of the Google types without a cartesian frame, checked on scenes (no Cairo).
@Suite struct GoogleFigureLayoutTests: SceneQueries {
    let measurer = ApproximateTextMeasurer()

    /// Every text inside the canvas: legible at Google's small sizes means nothing cut off.
    func textsInside(_ scene: Scene) -> Bool {
        texts(scene).allSatisfy { t in
            let w = measurer.width(of: t.text, size: t.size, bold: t.bold)
            let x0 = t.anchor == .start ? t.position.x : (t.anchor == .middle ? t.position.x - w / 2 : t.position.x - w)
            return x0 >= -0.5 && x0 + w <= scene.width + 0.5 && t.position.y >= 0 && t.position.y <= scene.height + 0.5
        }
    }

    // MARK: Venn geometry

    @Test func lensAreaInvertsToDistance() {
        for (r1, r2, area) in [(3.0, 2.0, 4.0), (1.0, 1.0, 0.5), (5.0, 1.0, 3.0), (2.0, 2.0, 0.01)] {
            let d = VennGeometry.distance(r1, r2, overlap: area)
            #expect(abs(VennGeometry.lensArea(r1, r2, d) - area) < 1e-6, "\(r1) \(r2) \(area)")
        }
        // No overlap: apart; the smaller circle's whole area: inside, concentric at equal radii.
        #expect(VennGeometry.distance(1, 1, overlap: 0) > 2)
        #expect(VennGeometry.distance(1, 1, overlap: .pi) == 0)
    }

    @Test func vennCirclesAreSizedByAreaAndOverlapByIntersection() {
        let c = VennGeometry.circles([100, 80, 60, 30, 30, 30, 10])
        for (i, v) in [100.0, 80, 60].enumerated() { #expect(abs(.pi * c[i].radius * c[i].radius - v) < 1e-9) }
        func d(_ a: Int, _ b: Int) -> Double {
            ((c[a].center.x - c[b].center.x) * (c[a].center.x - c[b].center.x)
                + (c[a].center.y - c[b].center.y) * (c[a].center.y - c[b].center.y)).squareRoot()
        }
        #expect(abs(VennGeometry.lensArea(c[0].radius, c[1].radius, d(0, 1)) - 30) < 1e-6)
        #expect(abs(VennGeometry.lensArea(c[0].radius, c[2].radius, d(0, 2)) - 30) < 1e-6)
        #expect(abs(VennGeometry.lensArea(c[1].radius, c[2].radius, d(1, 2)) - 30) < 1e-6)
        #expect(c[2].center.y > 0)  // C below A and B
        // Two circles: C has no size.
        #expect(VennGeometry.circles([100, 100, 0, 50])[2].radius == 0)
    }

    @Test func vennDrawsTranslucentCirclesInsideTheCanvas() throws {
        let s = try scene("cht=v&chs=300x150&chd=t:100,80,60,30,30,30,10&chdl=A|B|C")
        let circles = flat(s.items).compactMap { item -> Shape? in
            if case .shape(let sh) = item, sh.fill?.a == 0x99 { return sh }
            return nil
        }
        #expect(circles.count == 3)
        #expect(texts(s).map(\.text) == ["A", "B", "C"])
        let two = try scene("cht=v&chs=200x125&chd=t:100,100,0,50&chco=FF6342,ADDE63")
        let fills = flat(two.items).compactMap { item -> RGBA? in
            if case .shape(let sh) = item { return sh.fill }
            return nil
        }
        #expect(fills == [RGBA(hex: 0xFF6342).withAlpha(0x99), RGBA(hex: 0xADDE63).withAlpha(0x99)])
    }

    // MARK: gauge

    @Test func gaugeArrowPointsAtTheValue() throws {
        // The arrow head's tip: 70 % of the way from 9 o'clock over the top to 3 o'clock.
        let s = try scene("cht=gom&chs=300x150&chd=t:70")
        let heads = flat(s.items).compactMap { item -> Point? in
            if case .shape(let sh) = item, sh.fill == GaugeChart.arrowColors[0], sh.path.count == 4,
               case .move(let tip) = sh.path[0] { return tip }
            return nil
        }
        let pivots = flat(s.items).compactMap { item -> Point? in
            if case .shape(let sh) = item, case .arc(let c, _, _, let end)? = sh.path.dropFirst().first, end == 2 * .pi,
               sh.fill == GaugeChart.arrowColors[0] { return c }
            return nil
        }
        let tip = try #require(heads.first), pivot = try #require(pivots.first)
        let dx = tip.x - pivot.x, dy = tip.y - pivot.y
        let length = (dx * dx + dy * dy).squareRoot()
        let theta = Double.pi * 1.7
        #expect(abs(dx / length - cos(theta)) < 1e-9 && abs(dy / length - sin(theta)) < 1e-9)
    }

    @Test func gaugeLabels() throws {
        let s = try scene("cht=gom&chs=225x125&chd=t:70&chl=Hello&chxt=x,y&chxl=0:|Groovy|1:|slow|faster|crazy")
        #expect(Set(texts(s).map(\.text)) == ["Hello", "Groovy", "slow", "faster", "crazy"])
        #expect(textsInside(s))
        // A legend names the arrows, each in its own colour.
        let legend = try scene("cht=gom&chs=150x150&chd=t:20,40,60&chdl=1|2|3")
        #expect(texts(legend).map(\.text) == ["1", "2", "3"])
        #expect(textsInside(legend))
    }

    @Test func gaugeGradientGoesThroughTheColours() {
        let c = [RGBA(hex: 0xFF0000), RGBA(hex: 0x00FF00), RGBA(hex: 0x0000FF)]
        #expect(GaugeChart.color(at: 0, c) == c[0])
        #expect(GaugeChart.color(at: 0.5, c) == c[1])
        #expect(GaugeChart.color(at: 1, c) == c[2])
        #expect(GaugeChart.color(at: 0.25, c) == RGBA(0x80, 0x80, 0))
    }

    // MARK: radar

    @Test func radarSegments() throws {
        func radar(_ q: String) throws -> RadarChart {
            RadarChart(spec: try QueryDecoder().decode(q), look: ExplicitLook(), measurer: measurer, smooth: false)
        }
        // n + 1 points make a circuit; labels count too; never fewer than four.
        #expect(try radar("cht=r&chd=t:10,20,30,40,50,60,70,80,90").segments == 8)
        #expect(try radar("cht=r&chd=t:81,65,50,67,59").segments == 4)
        #expect(try radar("cht=r&chd=t:1,2&chxt=x&chxl=0:|a|b|c|d|e|f").segments == 6)
        #expect(try radar("cht=r&chd=t:1").segments == 4)
    }

    @Test func radarPointsRunClockwiseFromTheTop() throws {
        // Full-scale values on four segments: top, right, bottom, left, top.
        let s = try scene("cht=r&chs=200x200&chd=t:100,100,100,100,100&chco=FF0000")
        let lines = flat(s.items).compactMap { item -> [PathElement]? in
            if case .shape(let sh) = item, sh.stroke?.color == RGBA(hex: 0xFF0000) { return sh.path }
            return nil
        }
        let line = try #require(lines.first)
        let points = line.compactMap { e -> Point? in
            switch e {
            case .move(let p), .line(let p): p
            default: nil
            }
        }
        #expect(points.count == 5)
        #expect(abs(points[0].x - 100) < 1e-9 && points[0].y < 100)
        #expect(points[1].x > 100 && abs(points[1].y - 100) < 1e-9)
        #expect(abs(points[2].x - 100) < 1e-9 && points[2].y > 100)
        #expect(points[3].x < 100)
    }

    @Test func radarFillsAndLabels() throws {
        let s = try scene("cht=rs&chs=300x150&chd=t:77,66,15,0,31,48,100,77|20,36,100,2,0,100,80,20&chm=B,FF000080,0,0,0&chxt=x,y&chxl=0:|A|B|C|D|E|F|G")
        let fills = flat(s.items).filter { if case .shape(let sh) = $0 { return sh.fill == RGBA(0xFF, 0, 0, 0x80) }; return false }
        #expect(fills.count == 1)
        #expect(Set(texts(s).map(\.text)).isSuperset(of: ["A", "B", "C", "D", "E", "F", "G"]))
        #expect(textsInside(s))
    }

    @Test func smoothCurvesPassThroughTheirPoints() {
        let p = [Point(0, 0), Point(10, 5), Point(20, 0), Point(30, 5)]
        let c = RadarSpline.curve(through: p, closed: false, steps: 4)
        #expect(c.count == 1 + 3 * 4)
        for (i, q) in p.enumerated() { #expect(abs(c[i * 4].x - q.x) < 1e-9 && abs(c[i * 4].y - q.y) < 1e-9) }
    }

    // MARK: QR code

    @Test func qrCodeIsOneItemForTheRenderer() throws {
        let s = try scene("cht=qr&chs=150x150&chl=Hello+world&chld=M|2")
        #expect(s.dump() == """
            scene 150x150 dpr 1 bg ffffff
            qr 0,0 150x150 level M margin 2 000000: "Hello world" (11 bytes)

            """)
        let transparent = try scene("cht=qr&chs=150x150&chl=x&chf=bg,s,FFFFFF00")
        #expect(transparent.background == nil)
    }
}
