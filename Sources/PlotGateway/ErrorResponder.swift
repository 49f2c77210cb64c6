import PlotLayout
import PlotRender
import PlotSpec

/// Turns a `GatewayError` into a response a page can show: an image of the message at the
/// size and in the format the URL asked for (so `<img>` shows why, not a broken icon), or JSON
/// for clients that prefer it. Never cached: an error must not stick in a proxy.
struct ErrorResponder {
    let limits: Limits

    func response(_ error: GatewayError, request: GatewayRequest, format: OutputFormat,
                  query: String? = nil, look: ErrorLook? = nil) -> GatewayResponse {
        var headers: [(name: String, value: String)] = [
            ("X-Plotgate-Error", error.code),
            ("Cache-Control", "no-store"),
            ("X-Content-Type-Options", "nosniff"),
            ("Vary", "Accept"),
        ]
        let body: [UInt8]
        let type: String
        if AcceptHeader.prefersJSON(request.accept) {
            body = Array(json(error).utf8)
            type = "application/json"
        } else if let image = image(error, look: look ?? ErrorLook(query: query ?? request.query, format: format,
                                                                   limits: limits)) {
            body = image.bytes
            type = image.format.mimeType
        } else {
            body = Array((error.message + "\n").utf8)
            type = "text/plain; charset=utf-8"
        }
        headers.insert(("Content-Type", type), at: 0)
        headers.insert(("Content-Length", String(body.count)), at: 1)
        return GatewayResponse(status: error.status, headers: headers, body: body, outcome: error.code)
    }

    private func image(_ error: GatewayError, look: ErrorLook) -> (bytes: [UInt8], format: OutputFormat)? {
        let scene = ErrorScene.scene(message: error.message, width: look.width, height: look.height,
                                     dpr: look.dpr, theme: look.theme, measurer: Renderer.measurer)
        guard let output = try? Renderer().render(scene, format: look.format) else { return nil }
        return (output.bytes, look.format)
    }

    private func json(_ error: GatewayError) -> String {
        var s = "{\"error\":{\"status\":\(error.status),\"code\":\(jsonString(error.code))"
        if let p = error.parameter { s += ",\"parameter\":\(jsonString(p))" }
        s += ",\"message\":\(jsonString(error.message))}}\n"
        return s
    }
}

/// The size, scale, theme and format an error image should have: whatever the failed query
/// asked for that is itself valid, each parameter judged on its own (so `w=abc&h=300` still
/// gets a 300 px high picture), else the chart type's defaults. A Google URL is read in its own
/// dialect: `chs` (else Google's 300x150) and `chof`.
struct ErrorLook: Hashable {
    var width: Int
    var height: Int
    var dpr = 1.0
    var theme = Theme.light
    var format: OutputFormat

    /// The look of a request that decoded: exactly what it asked for.
    init(spec: ChartSpec) {
        (width, height, dpr, theme, format) = (spec.width, spec.height, spec.dpr, spec.theme, spec.format)
    }

    init(query: String, format: OutputFormat, limits: Limits) {
        self.format = format
        if QueryDecoder.isGoogleDialect(query) {
            let look = QueryDecoder(limits: limits).googleErrorLook(query)
            (width, height) = (look.width, look.height)
            self.format = look.format ?? format
            return
        }
        let items = (try? QueryItems.parse(query, limits: limits)) ?? []
        func value(_ names: [String]) -> String? {
            items.first { names.contains($0.name) }?.value
        }
        let decoder = QueryDecoder(limits: limits)
        func probe(_ parameter: String, _ names: [String], type: String) -> ChartSpec? {
            guard let v = value(names) else { return nil }
            return try? decoder.decode("type=\(type)&\(parameter)=\(PercentEncoding.encode(v))&d=0", defaultFormat: format)
        }
        let type = value(["type"]).flatMap { ChartType(rawValue: $0.lowercased()) } ?? .line
        (width, height) = type.defaultSize
        if let s = probe("w", ["w", "width"], type: type.rawValue) { width = s.width }
        if let s = probe("h", ["h", "height"], type: type.rawValue) { height = s.height }
        if let s = probe("dpr", ["dpr"], type: type.rawValue) { dpr = s.dpr }
        if let s = probe("theme", ["theme"], type: type.rawValue) { theme = s.theme }
        if let s = probe("format", ["format", "fmt"], type: type.rawValue) { self.format = s.format }
        // Even a valid request can ask for an error image too big to be sensible.
        if Double(width) * Double(height) * dpr * dpr > Double(limits.maxPixels) { dpr = 1 }  // in Double: no Int overflow whatever the limits
    }
}

/// A JSON string literal with the escapes RFC 8259 requires.
public func jsonString(_ s: String) -> String {
    var out = "\""
    for scalar in s.unicodeScalars {
        switch scalar {
        case "\"": out += "\\\""
        case "\\": out += "\\\\"
        case "\n": out += "\\n"
        case "\r": out += "\\r"
        case "\t": out += "\\t"
        default:
            if scalar.value < 0x20 {
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
    }
    return out + "\""
}
