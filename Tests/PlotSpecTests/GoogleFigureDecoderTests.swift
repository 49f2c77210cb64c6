import Testing
@testable import PlotSpec

/// Decoding tables for the Google types without a cartesian frame: gauges (`gom`), radars
/// (`r`, `rs`), Venn diagrams (`v`) and QR codes (`qr`).
@Suite struct GoogleFigureDecoderTests {
    func g(_ query: String) throws(SpecError) -> ChartSpec { try QueryDecoder().decode(query) }

    struct FigureCase: Sendable, CustomTestStringConvertible {
        var query: String
        var figure: Figure
        var series: [[Double]]
        var testDescription: String { query }
    }

    /// Each type with its data as the layout receives it (Google's scaling applied).
    static let figureCases: [FigureCase] = [
        FigureCase(query: "cht=gom&chd=t:70", figure: .gauge, series: [[70]]),
        FigureCase(query: "cht=gm&chd=t:20,40|60", figure: .gauge, series: [[20, 40], [60]]),
        // Google's scale: 0...100 for text (above is drawn at the top), 0...61 for simple.
        FigureCase(query: "cht=gom&chd=t:150", figure: .gauge, series: [[100]]),
        FigureCase(query: "cht=gom&chd=s:f", figure: .gauge, series: [[31]]),
        FigureCase(query: "cht=r&chd=t:10,20,30", figure: .radar(smooth: false), series: [[10, 20, 30]]),
        FigureCase(query: "CHT=RS&chd=t:1,2|3,_", figure: .radar(smooth: true), series: [[1, 2], [3, .nan]]),
        // Venn: one list A, B, C, AB, AC, BC, ABC; missing values (and series) flattened, gaps 0.
        FigureCase(query: "cht=v&chd=t:100,80,60,30,30,30,10", figure: .venn, series: [[100, 80, 60, 30, 30, 30, 10]]),
        FigureCase(query: "cht=v&chd=t:100,100,0,50", figure: .venn, series: [[100, 100, 0, 50]]),
        FigureCase(query: "cht=v&chd=t:100,_,60|30", figure: .venn, series: [[100, 0, 60, 30]]),
        FigureCase(query: "cht=v&chd=s:93_a", figure: .venn, series: [[61, 55, 0, 26]]),
        FigureCase(query: "cht=qr&chl=Hello+world", figure: .qrCode(QRCodeSpec(payload: Array("Hello world".utf8))), series: [[]]),
    ]

    @Test(arguments: figureCases)
    func figures(_ c: FigureCase) throws {
        let s = try g(c.query)
        #expect(s.figure == c.figure)
        #expect(sameValues(s.series, c.series), "\(s.series)")
        #expect(s.frameStyle == .explicit)
    }

    @Test func gaugeParameters() throws {
        let s = try g("cht=gom&chs=225x125&chd=t:70&chl=Hello&chco=FF0000,00FF00&chxt=x,y&chxl=0:|Groovy|1:|slow|fast&chls=4,15")
        #expect(s.width == 225 && s.height == 125)
        #expect(s.labels == ["Hello"])
        #expect(s.colors == [RGBA(hex: 0xFF0000), RGBA(hex: 0x00FF00)])
        #expect(s.axes.map(\.labels) == [["Groovy"], ["slow", "fast"]])
        #expect(s.lineStyles.first?.width == 4 && s.lineStyles.first?.dash == 15)
        // chds moves the dial's range like any text chart's.
        #expect(try g("cht=gom&chd=t:500&chds=0,1000").valueRanges == [ValueRange(0, 1000)])
    }

    @Test func radarParameters() throws {
        let s = try g("cht=r&chd=t:10,20,30,10&chm=B,FF000080,0,0,0|o,0000FF,0,-1,5&chxt=x,y&chxr=1,0,50&chxl=0:|a|b|c")
        #expect(s.markers.count == 2 && s.markers[0].kind == .fillToBottom)
        #expect(s.axes[1].range == ValueRange(0, 50))
        #expect(s.axes[0].labels == ["a", "b", "c"])
    }

    @Test func qrCodeParameters() throws {
        func code(_ q: String) throws -> QRCodeSpec {
            guard case .qrCode(let c)? = try g(q).figure else { throw SpecError(.invalidValue, message: "no code") }
            return c
        }
        #expect(try code("cht=qr&chl=x") == QRCodeSpec(payload: [0x78], level: .low, margin: 4))
        #expect(try code("cht=qr&chl=x&chld=H|0").level == .high)
        #expect(try code("cht=qr&chl=x&chld=h|0").margin == 0)
        #expect(try code("cht=qr&chl=x&chld=M").margin == 4)
        #expect(try code("cht=qr&chl=x&chld=|2") == QRCodeSpec(payload: [0x78], level: .low, margin: 2))
        // The whole chl is the text: a | in it is data, and escapes are decoded.
        #expect(try code("cht=qr&chl=a|b%26c").payload == Array("a|b&c".utf8))
        // Output encodings: UTF-8 by default; Latin-1 when asked and possible.
        #expect(try code("cht=qr&chl=%C3%A9&choe=UTF-8").payload == [0xC3, 0xA9])
        #expect(try code("cht=qr&chl=%C3%A9&choe=ISO-8859-1").payload == [0xE9])
        #expect(try code("cht=qr&chl=%E2%82%AC&choe=ISO-8859-1").payload == [0xE2, 0x82, 0xAC])
        #expect(try code("cht=qr&chl=x&choe=Shift_JIS").payload == [0x78])
        let d = QueryDecoder()
        #expect(d.googleProblems("cht=qr&chs=150x150&chl=x&choe=Shift_JIS")
            == ["choe: \"Shift_JIS\" is not available; the text is encoded as UTF-8."])
        #expect(d.googleProblems("cht=qr&chs=150x150&chl=x&chd=t:1") == ["chd has no meaning for cht=qr; ignored."])
        #expect(d.googleProblems("cht=qr&chs=150x150&chl=Hello") == [])
        // No chd needed; the canonical form keeps chld and choe (they change the picture).
        let canonical = try g("cht=qr&chs=150x150&chl=Hello+world&chld=M|2&choe=UTF-8").canonicalQuery
        #expect(canonical == "cht=qr&chs=150x150&chl=Hello%20world&chld=M|2&choe=UTF-8")
        #expect(try g(canonical).canonicalQuery == canonical)
    }

    @Test func errors() {
        BadQuery("cht=qr&chs=150x150", .missingParameter, "chl",
                 "No text for the QR code: add chl=, e.g. chl=https%3A%2F%2Fexample.org.").check()
        BadQuery("cht=qr&chl=x&chld=Z|4", .invalidValue, "chld",
                 "chld: \"Z\" is not an error-correction level; use L, M, Q or H, then |margin, e.g. chld=M|2.").check()
        BadQuery("cht=qr&chl=x&chld=L|99", .invalidValue, "chld",
                 "chld: the margin \"99\" is not a whole number of modules from 0 to 40.").check()
        BadQuery("cht=qr&chl=x&chld=L|-1", .invalidValue, "chld",
                 "chld: the margin \"-1\" is not a whole number of modules from 0 to 40.").check()
        BadQuery("cht=qr&chld=H&chl=" + String(repeating: "a", count: 1274), .textTooLong, "chl",
                 "chl: 1274 bytes do not fit a QR code at error-correction level H; at most 1273 do (level L holds the most).").check()
        BadQuery("cht=gom&chs=150x150", .missingParameter, "chd",
                 "No data: add chd=, e.g. chd=t:10,20,30 (series separated by |).").check()
        BadQuery("cht=v&chd=t:1,x", .invalidValue, "chd", "chd: \"x\" is not a number.").check()
        #expect(error(of: "cht=qr&chl=" + String(repeating: "a", count: 2953)) == nil)
        #expect(error(of: "cht=qr&chl=" + String(repeating: "a", count: 2954))?.code == .textTooLong)
        #expect(QueryDecoder().googleProblems("cht=v&chs=300x150&chd=t:1,2,3,4,5,6,7,8")
            == ["cht=v: chd has more than seven values (A, B, C, AB, AC, BC, ABC); the rest are ignored."])
    }

    /// The gateway's questions: is this a validation request, what does its error image look like.
    @Test func gatewayHelpers() {
        #expect(QueryDecoder.isGoogleValidation("cht=lc&chd=t:1&chof=validate"))
        #expect(QueryDecoder.isGoogleValidation("cht=lc&amp;chof=VALIDATE"))
        #expect(!QueryDecoder.isGoogleValidation("cht=lc&chof=validate&chof=png"))
        #expect(!QueryDecoder.isGoogleValidation("d=1&chof=validate"))
        let d = QueryDecoder()
        #expect(d.googleErrorLook("cht=zz&chs=200x125") == (200, 125, nil))
        #expect(d.googleErrorLook("cht=lc&chs=5000x10&chof=svg") == (300, 150, .svg))
        #expect(d.googleErrorLook("cht=lc&chs=abc") == (300, 150, nil))
    }
}
