import PNGTestSupport
@testable import PlotGateway
import PlotSpec
import Testing

/// HTTP semantics of the gateway, tested on the handler itself (the FastCGI and CGI adapters
/// are exercised through real nginx and processes in tests/integration).
@Suite struct ChartServiceTests {
    let service = ChartService(versionTag: "test")

    func get(_ path: String, _ query: String = "", method: String = "GET", accept: String? = nil,
             ifNoneMatch: String? = nil) -> GatewayResponse {
        service.respond(to: GatewayRequest(method: method, path: path, query: query, ifNoneMatch: ifNoneMatch,
                                           accept: accept))
    }

    @Test func rendersAPNGWithCachingHeaders() throws {
        let r = get("/chart.png", "type=line&d=3,5,4,8&title=Sales")
        #expect(r.status == 200)
        #expect(r.header("Content-Type") == "image/png")
        #expect(r.header("Content-Length") == String(r.body.count))
        #expect(r.header("Cache-Control") == "public, max-age=86400")
        #expect(r.header("X-Content-Type-Options") == "nosniff")
        let etag = try #require(r.header("ETag"))
        #expect(etag.hasPrefix("\"") && etag.hasSuffix("\"") && etag.count == 34)
        let timing = try #require(r.header("Server-Timing"))
        for part in ["parse;dur=", "layout;dur=", "draw;dur=", "encode;dur="] { #expect(timing.contains(part)) }
        let image = try DecodedImage(png: r.body)
        #expect(image.width == 600 && image.height == 400)
    }

    @Test func formatFollowsThePath() {
        #expect(get("/chart.svg", "d=1,2").header("Content-Type") == "image/svg+xml")
        #expect(get("/chart.pdf", "d=1,2").header("Content-Type") == "application/pdf")
        #expect(get("/chart", "d=1,2&format=svg").header("Content-Type") == "image/svg+xml")
        #expect(get("/some/prefix/chart.png", "d=1,2").status == 200)
        #expect(get("/chart.svg", "d=1,2").header("Content-Security-Policy") != nil)
    }

    @Test func equivalentQueriesShareTheSpecHalfOfTheETag() throws {
        let a = try #require(get("/chart.png", "d=1.0,2.50&type=line&title=A+b").header("ETag"))
        let b = try #require(get("/chart.png", "title=A%20b&data=1,2.5&_=12345").header("ETag"))
        let c = try #require(get("/chart.png", "d=1,2.5&title=A+c").header("ETag"))
        #expect(a.prefix(17) == b.prefix(17))  // quote + 16 hex digits of the chart's digest
        #expect(a != b)  // the request half: each URL revalidates without decoding
        #expect(a.prefix(17) != c.prefix(17))
        let svg = try #require(get("/chart.svg", "d=1,2.5&title=A+b").header("ETag"))
        #expect(svg.prefix(17) != a.prefix(17))
        // A tag issued for one spelling revalidates every other spelling of the same chart.
        let r = get("/chart.png", "title=A%20b&data=1,2.5&_=12345", ifNoneMatch: a)
        #expect(r.status == 304)
        #expect(r.header("ETag") == b)
        #expect(get("/chart.png", "d=1,2.5&title=A+c", ifNoneMatch: a).status == 200)
    }

    @Test func revalidatingTheSameURLSkipsDecoding() throws {
        let first = get("/chart.png", "d=1,2,3&title=T")
        let etag = try #require(first.header("ETag"))
        let r = get("/chart.png", "d=1,2,3&title=T", ifNoneMatch: "W/\(etag)")
        #expect(r.status == 304 && r.header("ETag") == etag)
        // A query that does not decode never gets a 304, even for `*` or a tag with its
        // request half forged from another query: the fast path needs the exact bytes.
        #expect(get("/chart.png", "d=1,x", ifNoneMatch: "*").status == 400)
        #expect(get("/chart.png", "d=1,x", ifNoneMatch: etag).status == 400)
    }

    @Test func matchingIfNoneMatchAnswers304WithoutDrawing() throws {
        let first = get("/chart.png", "d=1,2,3")
        let etag = try #require(first.header("ETag"))
        for header in [etag, "W/\(etag)", "\"other\", \(etag)", "*", "\"other\",\t \(etag)  ", ",\(etag),", " W/\(etag)"] {
            let r = get("/chart.png", "d=1,2,3", ifNoneMatch: header)
            #expect(r.status == 304, "If-None-Match: \(header)")
            #expect(r.body.isEmpty)
            #expect(r.header("ETag") == etag)
            #expect(r.timing.draw == 0 && r.timing.encode == 0 && r.timing.layout == 0)
        }
        #expect(get("/chart.png", "d=1,2,3", ifNoneMatch: "\"stale\"").status == 200)
        // Near misses: a digit off in both halves (either half alone still matches by design:
        // the request half is this very URL, the chart half another spelling of this chart),
        // a half without the other, a tag one digit short.
        let body = String(etag.dropFirst().dropLast())
        let chartHalf = String(body.prefix(16)), requestHalf = String(body.suffix(16))
        func flippedFirst(_ s: String) -> String { (s.first == "0" ? "1" : "0") + String(s.dropFirst()) }
        let bothOff = "\"" + flippedFirst(chartHalf) + flippedFirst(requestHalf) + "\""
        let oneShort = "\"" + String(body.dropLast()) + "\""
        for header in [bothOff, "\"" + requestHalf + "\"", "\"" + chartHalf + "\"", oneShort] {
            #expect(get("/chart.png", "d=1,2,3", ifNoneMatch: header).status == 200, "If-None-Match: \(header)")
        }
    }

    @Test func headHasTheHeadersButNoBody() {
        let get = self.get("/chart.png", "d=1,2,3")
        let head = self.get("/chart.png", "d=1,2,3", method: "HEAD")
        #expect(head.status == 200)
        #expect(head.header("Content-Length") == get.header("Content-Length"))
        #expect(head.omitBody)
        let wire = head.serialized()
        #expect(String(decoding: wire, as: UTF8.self).hasSuffix("\r\n\r\n"))
    }

    @Test func postTakesFormEncodedParameters() throws {
        let body = Array("type=bar&d=3,1,2&labels=a|b|c".utf8)
        let r = service.respond(to: GatewayRequest(method: "POST", path: "/chart.png", query: "w=300&h=200", body: body,
                                                   contentType: "application/x-www-form-urlencoded; charset=UTF-8"))
        #expect(r.status == 200)
        let image = try DecodedImage(png: r.body)
        #expect(image.width == 300 && image.height == 200)

        let wrongType = service.respond(to: GatewayRequest(method: "POST", path: "/chart.png", body: body,
                                                           contentType: "application/json"))
        #expect(wrongType.status == 415)
        let tooLarge = service.respond(to: GatewayRequest(method: "POST", path: "/chart.png", bodyTooLarge: true))
        #expect(tooLarge.status == 413 && tooLarge.header("X-Plotgate-Error") == "body_too_large")
    }

    @Test(arguments: [
        ("/chart.png", "d=1,2&type=pies", 400, "invalid_value"),
        ("/chart.png", "d=1,2&tilte=x", 400, "unknown_parameter"),
        ("/chart.png", "d=1,2&w=4096&h=4096&dpr=3", 413, "image_too_large"),
        ("/nothing.png", "d=1", 404, "not_found"),
        ("/chart.png", "", 400, "missing_parameter"),
    ])
    func errorsAreImagesWithAStatusAndACode(path: String, query: String, status: Int, code: String) throws {
        let r = get(path, query)
        #expect(r.status == status)
        #expect(r.header("X-Plotgate-Error") == code)
        #expect(r.header("Cache-Control") == "no-store")
        #expect(r.header("Content-Type") == "image/png")
        _ = try DecodedImage(png: r.body)
    }

    @Test func queryTooLongIs414() {
        let r = get("/chart.png", "d=" + String(repeating: "1,", count: 200_000))
        #expect(r.status == 414 && r.header("X-Plotgate-Error") == "query_too_long")
    }

    @Test func otherMethodsAre405WithAllow() {
        let r = get("/chart.png", "d=1", method: "DELETE")
        #expect(r.status == 405)
        #expect(r.header("Allow") == "GET, HEAD, POST")
    }

    @Test func errorImageKeepsTheValidPartsOfTheRequestedLook() throws {
        let r = get("/chart.png", "type=spark&d=1,x&dpr=2")
        let image = try DecodedImage(png: r.body)
        #expect(image.width == 240 && image.height == 60)
        let mixed = try DecodedImage(png: get("/chart.png", "w=abc&h=300&d=1").body)
        #expect(mixed.width == 600 && mixed.height == 300)
        #expect(get("/chart.svg", "d=x").header("Content-Type") == "image/svg+xml")
    }

    @Test func jsonErrorsForClientsThatPreferJSON() {
        let r = get("/chart.png", "d=1&w=abc", accept: "application/json")
        #expect(r.status == 400)
        #expect(r.header("Content-Type") == "application/json")
        let text = String(decoding: r.body, as: UTF8.self)
        #expect(text.contains("\"code\":\"invalid_value\""))
        #expect(text.contains("\"parameter\":\"w\""))
        #expect(text.contains("\"message\":\"w: \\\"abc\\\" is not a whole number.\""))
        #expect(get("/chart.png", "d=x", accept: "image/avif,image/webp,*/*;q=0.8").header("Content-Type") == "image/png")
    }

    @Test func pingAnswers() {
        let r = get("/ping")
        #expect(r.status == 200 && String(decoding: r.body, as: UTF8.self) == "pong\n")
    }

    @Test func deadlineResponseIsA503ImageInTheRequestedLook() throws {
        var spec = ChartSpec()
        (spec.width, spec.height) = (300, 100)
        let r = service.deadlineResponse(for: spec, head: false, seconds: 10)
        #expect(r.status == 503 && r.header("Retry-After") != nil && r.header("X-Plotgate-Error") == "render_timeout")
        let image = try DecodedImage(png: r.body)
        #expect(image.width == 300 && image.height == 100)
        #expect(service.deadlineResponse(for: spec, head: true, seconds: 10).omitBody)
    }
}

@Suite struct PostLimitTests {
    let service = ChartService(versionTag: "test")

    @Test func urlQueryAndBodyShareTheLimitAndOverflowIs413() {
        let body = Array(("d=" + String(repeating: "1,", count: 131_071)).utf8)
        #expect(body.count == 262_144)
        let r = service.respond(to: GatewayRequest(method: "POST", path: "/chart.png", query: "type=bar", body: body,
                                                   contentType: "application/x-www-form-urlencoded"))
        #expect(r.status == 413 && r.header("X-Plotgate-Error") == "body_too_large")
    }

    @Test func aBodyShorterThanAnnouncedIsRejectedNotDrawn() {
        var request = GatewayRequest(method: "POST", path: "/chart.png", body: Array("d=1,2".utf8),
                                     contentType: "application/x-www-form-urlencoded")
        request.bodyIncomplete = true
        let r = service.respond(to: request)
        #expect(r.status == 400 && r.header("X-Plotgate-Error") == "incomplete_body")
    }
}
