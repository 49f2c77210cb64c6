import PlotLayout
import PlotRender
import PlotSpec

/// The gateway's request handler: route, decode, revalidate, lay out, render, respond.
/// Adapter-free (FastCGI, CGI and tests all call `respond(to:)`), and it never throws: every
/// failure becomes a complete error response.
public struct ChartService: Sendable {
    public struct Configuration: Sendable {
        public var limits = Limits.standard
        /// `Cache-Control: public, max-age=` on charts: a URL always draws the same picture.
        public var maxAge = 86_400
        /// Fault injection (`test.hang`, `test.crash`, `test.leak`); see `TestHooks`.
        public var testHooks = false
        /// Answers `/status` (JSON) when set; the supervisor provides the pool's figures.
        public var status: (@Sendable () -> String)? = nil
        public init() {}
    }

    public let configuration: Configuration
    let etags: ETagMaker
    private let decoder: QueryDecoder
    private let renderer = Renderer()

    public init(configuration: Configuration = Configuration(), versionTag: String) {
        self.configuration = configuration
        self.decoder = QueryDecoder(limits: configuration.limits)
        // Limits are in the seed too: a URL that a stricter deployment would refuse must not be
        // revalidated by a tag an older, laxer one issued.
        // So are the libraries whose output is in the bytes without being in the query: the
        // font files, and libqrencode (another version may choose another mask for a QR code).
        self.etags = ETagMaker(seed: "plotgate \(versionTag); renderer \(Renderer.version); "
                                   + "fonts \(Renderer.fontFingerprint); qrencode \(QRCodeLibrary.version); "
                                   + "limits \(configuration.limits.fingerprint)")
    }

    /// - Parameter deadline: armed around layout and drawing (the part that can run long),
    ///   once the spec is known; decoding is bounded by the limits and not covered.
    public func respond(to request: GatewayRequest, deadline: RenderDeadline? = nil) -> GatewayResponse {
        let clock = ContinuousClock()
        let start = clock.now
        var response: GatewayResponse
        switch Route(path: request.path) {
        case .ping:
            response = GatewayResponse(status: 200, headers: [("Content-Type", "text/plain"), ("Content-Length", "5"),
                                                              ("Cache-Control", "no-store")],
                                       body: Array("pong\n".utf8), outcome: "ping")
        case .status where configuration.status != nil:
            let body = Array((configuration.status?() ?? "{}").utf8)
            response = GatewayResponse(status: 200, headers: [("Content-Type", "application/json"),
                                                              ("Content-Length", String(body.count)),
                                                              ("Cache-Control", "no-store")],
                                       body: body, outcome: "status")
        case .notFound, .status:
            response = errors.response(.notFound(request.path), request: request, format: .png)
        case .chart(let format):
            response = chart(request, format: format, deadline: deadline)
        }
        response.timing.total = nanoseconds(clock.now - start)
        if request.method == "HEAD" { response.omitBody = true }
        return response
    }

    var errors: ErrorResponder { ErrorResponder(limits: configuration.limits) }

    private func chart(_ request: GatewayRequest, format: OutputFormat, deadline: RenderDeadline?)
        -> GatewayResponse {
        let clock = ContinuousClock()
        var timing = Timing()
        let t0 = clock.now

        guard ["GET", "HEAD", "POST"].contains(request.method) else {
            var r = errors.response(.methodNotAllowed(request.method), request: request, format: format)
            r.headers.append(("Allow", "GET, HEAD, POST"))
            return r
        }
        var query: String
        switch fullQuery(request) {
        case .success(let q): query = q
        case .failure(let e): return errors.response(e, request: request, format: format)
        }
        var hooks = TestHooks()
        if configuration.testHooks { (hooks, query) = TestHooks.extract(from: query) }

        // `chof=validate` (Google dialect): a report on the URL instead of the chart.
        if QueryDecoder.isGoogleValidation(query) { return validation(request, query: query) }

        var headers: [(name: String, value: String)] = [
            ("ETag", ""),
            ("Cache-Control", "public, max-age=\(configuration.maxAge)"),
            ("X-Content-Type-Options", "nosniff"),
        ]
        // Revalidation of the very URL a tag was issued for: answered before decoding.
        let requestDigest = etags.requestDigest(query: query, format: format.rawValue)
        if let issued = ETagMaker.tagIssued(forRequest: requestDigest, in: request.ifNoneMatch) {
            headers[0].value = issued
            timing.parse = nanoseconds(clock.now - t0)
            return notModified(headers, timing)
        }

        let spec: ChartSpec
        do {
            spec = try decoder.decode(query, defaultFormat: format)
        } catch {
            return errors.response(GatewayError(error), request: request, format: format, query: query)
        }
        let specDigest = etags.specDigest(spec)
        headers[0].value = etags.etag(spec: specDigest, request: requestDigest)
        let t1 = clock.now
        timing.parse = nanoseconds(t1 - t0)
        if ETagMaker.matches(ifNoneMatch: request.ifNoneMatch, spec: specDigest) {
            // Another spelling of the same chart (or `*`): still nothing to draw.
            return notModified(headers, timing)
        }

        deadline?.arm(for: spec, request: request, service: self)
        hooks.beforeRender()
        let scene = ChartLayout.scene(for: spec, measurer: Renderer.measurer)
        let t2 = clock.now
        timing.layout = nanoseconds(t2 - t1)
        let rendered = Result { () throws(Renderer.Failure) in try renderer.render(scene, format: spec.format) }
        deadline?.disarm()
        guard case .success(let output) = rendered else {
            return errors.response(.renderFailed, request: request, format: spec.format, query: query)
        }
        timing.draw = output.drawNanoseconds
        timing.encode = output.encodeNanoseconds

        headers.insert(("Content-Type", spec.format.mimeType), at: 0)
        headers.insert(("Content-Length", String(output.bytes.count)), at: 1)
        if spec.format == .svg {
            // An SVG opened directly is a document: allow its inline styles, nothing else.
            headers.append(("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'"))
        }
        headers.append(("Server-Timing", timing.serverTimingHeader))
        var r = GatewayResponse(status: 200, headers: headers, body: output.bytes, outcome: "rendered")
        r.timing = timing
        r.testCrashMidWrite = hooks.crashDuringWrite
        return r
    }

    private func notModified(_ headers: [(name: String, value: String)], _ timing: Timing) -> GatewayResponse {
        var r = GatewayResponse(status: 304, headers: headers, body: [], outcome: "not_modified")
        r.timing = timing
        return r
    }

    /// The URL's query, plus the form body of a POST (for data too long for a URL).
    private func fullQuery(_ request: GatewayRequest) -> Result<String, GatewayError> {
        guard request.method == "POST" else { return .success(request.query) }
        let limit = configuration.limits.maxQueryBytes
        // The URL's query and the body share one limit; past it the *body* is what is too
        // large (413), not the URI (414).
        if request.bodyTooLarge || request.query.utf8.count + 1 + request.body.count > limit {
            return .failure(.bodyTooLarge(limit: limit))
        }
        if request.bodyIncomplete { return .failure(.incompleteBody) }
        if request.body.isEmpty { return .success(request.query) }
        let type = (request.contentType ?? "").split(separator: ";").first.map { $0.trimmingSpaces().lowercased() } ?? ""
        guard type == "application/x-www-form-urlencoded" else {
            return .failure(.unsupportedMediaType(request.contentType ?? ""))
        }
        guard let body = String(validating: request.body, as: UTF8.self) else {
            return .failure(GatewayError(code: SpecError.Code.invalidEncoding.rawValue, status: 400,
                                         message: Messages.invalidUTF8(parameter: "the request body")))
        }
        return .success(request.query.isEmpty ? body : request.query + "&" + body)
    }
}

extension ChartService {
    /// `chof=validate` on a Google URL: what is wrong with it (tolerated oddities, then the
    /// error that stops it from drawing, if any) as text, or JSON for clients that ask for it.
    /// A report, not a chart: 200 whatever it says, and never cached (it names the problems of
    /// this deployment's decoder, which an upgrade may change).
    func validation(_ request: GatewayRequest, query: String) -> GatewayResponse {
        let problems = decoder.googleProblems(query)
        let body: String
        let type: String
        if AcceptHeader.prefersJSON(request.accept) {
            body = "{\"problems\":[" + problems.map(jsonString).joined(separator: ",") + "]}\n"
            type = "application/json"
        } else {
            body = problems.isEmpty ? "no problems found\n" : problems.joined(separator: "\n") + "\n"
            type = "text/plain; charset=utf-8"
        }
        let bytes = Array(body.utf8)
        return GatewayResponse(status: 200, headers: [("Content-Type", type), ("Content-Length", String(bytes.count)),
                                                      ("Cache-Control", "no-store"), ("X-Content-Type-Options", "nosniff"),
                                                      ("Vary", "Accept")],
                               body: bytes, outcome: "validated")
    }
}

/// What a path asks for. Matched on the last path segment, so the gateway can be mounted
/// under any prefix (`/charts/chart.png`).
enum Route: Equatable {
    case chart(OutputFormat)
    case ping
    case status
    case notFound

    init(path: String) {
        let last = path.split(separator: "/", omittingEmptySubsequences: false).last ?? ""
        switch last {
        case "chart.png", "chart": self = .chart(.png)
        case "chart.svg": self = .chart(.svg)
        case "chart.pdf": self = .chart(.pdf)
        case "ping": self = .ping
        case "status": self = .status
        default: self = .notFound
        }
    }
}

func nanoseconds(_ d: Duration) -> Int64 {
    let (s, atto) = d.components
    return s * 1_000_000_000 + atto / 1_000_000_000
}

extension ChartService {
    /// The 503 a render past its deadline answers with: an error image in the look the
    /// request asked for, `Retry-After`, never cached.
    func deadlineResponse(for spec: ChartSpec, head: Bool, seconds: Int) -> GatewayResponse {
        let request = GatewayRequest(method: head ? "HEAD" : "GET", path: "/chart")
        var r = errors.response(.renderTimedOut(seconds: seconds), request: request, format: spec.format,
                                look: ErrorLook(spec: spec))
        r.headers.append(("Retry-After", "5"))
        r.omitBody = head
        return r
    }
}
