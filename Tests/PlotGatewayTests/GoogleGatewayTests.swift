import PNGTestSupport
@testable import PlotGateway
import PlotSpec
import Testing

/// Google Image Charts URLs through the gateway: routing, `chof=validate`, error images at the
/// `chs` size, and revalidation (304) across spellings.
@Suite struct GoogleGatewayTests {
    let service = ChartService(versionTag: "test")

    func get(_ path: String, _ query: String, accept: String? = nil, ifNoneMatch: String? = nil) -> GatewayResponse {
        service.respond(to: GatewayRequest(method: "GET", path: path, query: query, ifNoneMatch: ifNoneMatch, accept: accept))
    }

    @Test func chartWithoutExtensionIsAPNGOfTheChsSize() throws {
        for query in ["cht=bvg&chs=300x150&chd=t:10,50,60", "cht=gom&chs=150x150&chd=t:70",
                      "cht=r&chs=200x125&chd=t:1,2,3", "cht=v&chs=200x125&chd=t:100,80,0,30", "cht=qr&chs=150x150&chl=hi"] {
            let r = get("/chart", query)
            #expect(r.status == 200, "\(query)")
            #expect(r.header("Content-Type") == "image/png")
            let image = try DecodedImage(png: r.body)
            let chs = query.split(separator: "&").first { $0.hasPrefix("chs=") }!.dropFirst(4).split(separator: "x")
            #expect(image.width == Int(chs[0]) && image.height == Int(chs[1]), "\(query)")
        }
        #expect(get("/chart", "cht=lc&chs=200x125&chd=t:1,2&chof=svg").header("Content-Type") == "image/svg+xml")
    }

    @Test func validateListsTheProblems() {
        let clean = get("/chart", "cht=lc&chs=300x150&chd=t:1,2&chof=validate")
        #expect(clean.status == 200)
        #expect(clean.header("Content-Type") == "text/plain; charset=utf-8")
        #expect(clean.header("Cache-Control") == "no-store")
        #expect(clean.header("ETag") == nil)
        #expect(String(decoding: clean.body, as: UTF8.self) == "no problems found\n")

        let messy = get("/chart.png", "cht=lc&chs=300x150&chd=t:1&foo=1&chco=red&chof=validate")
        #expect(messy.status == 200)
        #expect(String(decoding: messy.body, as: UTF8.self) == """
            The parameter "foo" is not part of the Google chart API; ignored.
            chco: "red" is not a colour; use hex RRGGBB or RRGGBBAA, e.g. FF9900.

            """)

        let json = get("/chart", "cht=zz&chof=validate", accept: "application/json")
        #expect(json.status == 200 && json.header("Content-Type") == "application/json")
        #expect(String(decoding: json.body, as: UTF8.self).hasPrefix("{\"problems\":[\"cht: \\\"zz\\\" is not a chart type"))
        #expect(String(decoding: get("/chart", "cht=lc&chs=300x150&chd=t:1&chof=validate",
                                     accept: "application/json").body, as: UTF8.self) == "{\"problems\":[]}\n")
        // A native query's chof is not a validation request (it is an unknown parameter there).
        #expect(get("/chart", "d=1&chof=validate").status == 400)
    }

    @Test func errorImagesHaveTheChsSize() throws {
        let cases: [(String, Int, SpecError.Code, Int, Int)] = [
            ("cht=lc&chs=300x150&chd=t:1,x", 400, .invalidValue, 300, 150),
            ("cht=tx&chs=200x125&chl=x", 400, .unsupportedChartType, 200, 125),
            ("cht=qr&chs=150x150", 400, .missingParameter, 150, 150),
            ("cht=bogus&chs=200x125&chd=t:1", 400, .invalidValue, 200, 125),
            // A chs that is itself wrong: Google's default size.
            ("cht=lc&chs=3000x100&chd=t:1", 400, .outOfRange, 300, 150),
            ("cht=lc&chs=1000x1000&chd=t:1", 413, .imageTooLarge, 300, 150),
        ]
        for (query, status, code, w, h) in cases {
            let r = get("/chart", query)
            #expect(r.status == status, "\(query)")
            #expect(r.header("X-Plotgate-Error") == code.rawValue, "\(query)")
            #expect(r.header("Cache-Control") == "no-store")
            let image = try DecodedImage(png: r.body)
            #expect(image.width == w && image.height == h, "\(query): \(image.width)x\(image.height)")
        }
        let svg = get("/chart.png", "cht=lc&chs=200x125&chd=t:x&chof=svg")
        #expect(svg.header("Content-Type") == "image/svg+xml")
    }

    @Test func revalidationAcrossSpellings() throws {
        let a = "cht=bvg&chs=300x150&chd=t:10,50|20,30&chdl=a|b"
        let first = get("/chart", a)
        let etag = try #require(first.header("ETag"))
        // The same URL: answered before decoding.
        let same = get("/chart", a, ifNoneMatch: etag)
        #expect(same.status == 304 && same.header("ETag") == etag && same.body.isEmpty)
        // Other spellings of the same chart: HTML-escaped, raw spaces, %7C, another order, a
        // cache buster, names in capitals, a repeated parameter whose last value wins.
        for other in ["cht=bvg&amp;chs=300x150&amp;chd=t:10,50|20,30&amp;chdl=a|b",
                      "?&chdl=a%7Cb&chd=t: 10, 50 | 20, 30&CHS=300x150&cht=bvg&_=123",
                      "cht=bvg&chs=100x100&chs=300x150&chd=t:10,50|20,30&chdl=a|b"] {
            let r = get("/chart", other, ifNoneMatch: etag)
            #expect(r.status == 304, "\(other)")
            let tag = try #require(r.header("ETag"))
            #expect(tag.prefix(17) == etag.prefix(17) && tag != etag)
        }
        // Another chart does not revalidate; neither does another format of this one.
        #expect(get("/chart", "cht=bvg&chs=300x150&chd=t:10,51|20,30&chdl=a|b", ifNoneMatch: etag).status == 200)
        #expect(get("/chart.svg", a, ifNoneMatch: etag).status == 200)
        // QR codes revalidate too, and their text is part of the tag.
        let qr = try #require(get("/chart", "cht=qr&chs=150x150&chl=Hello+world").header("ETag"))
        #expect(get("/chart", "cht=qr&chs=150x150&chl=Hello%20world", ifNoneMatch: qr).status == 304)
        #expect(get("/chart", "cht=qr&chs=150x150&chl=Hello+World", ifNoneMatch: qr).status == 200)
    }
}
