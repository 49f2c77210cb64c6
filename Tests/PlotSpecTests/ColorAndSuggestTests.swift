import Testing
@testable import PlotSpec

@Suite struct ColorParsingTests {
    @Test(arguments: [
        ("ff8800", RGBA(255, 136, 0)), ("FF8800", RGBA(255, 136, 0)), ("#ff8800", RGBA(255, 136, 0)),
        ("f80", RGBA(255, 136, 0)), ("#F80", RGBA(255, 136, 0)), ("000", RGBA(0, 0, 0)),
        ("11223344", RGBA(0x11, 0x22, 0x33, 0x44)), ("#aBcDeF80", RGBA(0xAB, 0xCD, 0xEF, 0x80)),
        ("ffffffff", RGBA(255, 255, 255)),
    ] as [(String, RGBA)])
    func accepts(text: String, color: RGBA) {
        #expect(ColorSyntax.parse(Array(text.utf8)[...]) == color)
    }

    @Test(arguments: ["", "#", "red", "ff88", "ff880", "ff88001", "ff8800112", "gg0000", "##fff", " fff", "fff ", "-ff", "ｆｆｆ"])
    func rejects(text: String) {
        #expect(ColorSyntax.parse(Array(text.utf8)[...]) == nil)
    }
}

@Suite struct SuggestTests {
    @Test(arguments: [
        ("tilte", "title"), ("titel", "title"), ("Title", "title"), ("TYPE", "type"), ("typ", "type"),
        ("dat", "data"), ("wd", "w"), ("widht", "width"), ("colour", "color"), ("colours", "colors"),
        ("xlable", "xlabel"), ("lenged", "legend"), ("formt", "format"), ("heigth", "height"),
        ("ymn", "ymin"), ("W", "w"), ("stacked", "stack"), ("label", "labels"),
    ] as [(String, String)])
    func suggests(name: String, expected: String) {
        #expect(Suggest.nearest(to: name) == expected)
    }

    @Test(arguments: ["ab", "zzzz", "foo", "callback", "", "xyzzy", String(repeating: "a", count: 100_000)])
    func staysQuietForStrangers(name: String) {
        #expect(Suggest.nearest(to: name) == nil)
    }

    @Test func distance() {
        func d(_ a: String, _ b: String) -> Int {
            Suggest.distance(a.unicodeScalars.map(\.value), b.unicodeScalars.map(\.value))
        }
        #expect(d("", "abc") == 3)
        #expect(d("abc", "") == 3)
        #expect(d("title", "title") == 0)
        #expect(d("tilte", "title") == 1)
        #expect(d("kitten", "sitting") == 3)
        #expect(d("ca", "abc") == 3)  // optimal string alignment, not full Damerau
    }
}
