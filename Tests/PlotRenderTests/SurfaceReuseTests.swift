import PNGTestSupport
import Testing

/// The renderer keeps the last surface for the next render of the same size: nothing of one
/// chart may show through in the next.
@Suite struct SurfaceReuseTests {
    @Test func aTransparentChartAfterAnOpaqueOneIsTransparent() throws {
        _ = try Fixtures.render("d=1,2&bg=ff0000&w=200&h=100")
        let image = try DecodedImage(png: Fixtures.render("d=1,2&bg=transparent&w=200&h=100"))
        #expect(image.pixel(1, 1).a == 0)
        #expect(image.pixel(199, 99).a == 0)
    }

    @Test func theSameQueryGivesTheSameBytesWhateverCameBefore() throws {
        let query = "type=scatter&d=1,5,3|2,2,4&x=1,2,3|1.5,2.5,3.5&w=300&h=200&bg=transparent"
        let first = try Fixtures.render(query)
        _ = try Fixtures.render("type=bar&d=9,1,9&w=300&h=200&bg=000000")
        #expect(try Fixtures.render(query) == first)
    }
}
