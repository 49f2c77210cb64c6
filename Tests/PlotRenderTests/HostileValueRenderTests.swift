import PNGTestSupport
import PlotSpec
import Testing

/// Valid but hostile queries that once failed inside Cairo (found by tests/reliability's random
/// URLs): each must render a complete image, quickly, in every format.
@Suite struct HostileValueRenderTests {
    @Test(arguments: [
        "d=1&title=%EF%BF%BF",                        // U+FFFF, a noncharacter
        "type=bar&d=1,2&labels=%EF%B7%90|b",          // U+FDD0
        "type=pie&d=1,2&labels=%F4%8F%BF%BF|b",       // U+10FFFF
        "d=1&xlabel=%EF%BF%BE&names=%F0%9F%BF%BF",    // U+FFFE, U+1FFFF
        "d=1,2&ymin=0&ymax=5e-324",                   // subnormal axis span
        "d=1,2&ymin=0&ymax=1e-306",
        "type=scatter&x=1,2&d=1,2&xmin=0&xmax=5e-324",
        "type=pie&d=1e308",                           // 2πv overflows
        "type=donut&d=1e308,1",
    ])
    func rendersInEveryFormat(query: String) throws {
        let clock = ContinuousClock()
        let start = clock.now
        let png = try Fixtures.render(query)
        let image = try DecodedImage(png: png)
        #expect(image.width == 600 && image.height == 400)
        for format in [OutputFormat.svg, .pdf] { #expect(try !Fixtures.render(query, format: format).isEmpty) }
        // A pie of 1e308 used to spin in Cairo for minutes; generous for a loaded machine.
        #expect(clock.now - start < .seconds(10))
    }
}
