import CCairo
import PlotLayout
import PlotSpec

/// Scene -> image bytes. The only module that talks to Cairo.
public struct Renderer: Sendable {
    public var pngOptions = PNGEncoder.Options()

    public init() {}

    /// The text measurer that matches what `render` draws; hand it to the layout stage.
    public static var measurer: any TextMeasurer { CairoTextMeasurer.shared }

    /// Bump whenever a change makes the same spec give different bytes (pixels or encoding): it
    /// is part of every strong ETag, which promises byte-identical bodies, so caches refetch
    /// instead of mixing old and new bytes. 2: libdeflate and the near-repeat row filter.
    /// 3: ChartDeflate, plotgate's own deflate; line-chart polylines drawn by PolylineStroke.
    public static let version = "3"

    /// The font files text is drawn with (see `FontIdentity`); also part of every ETag.
    public static var fontFingerprint: String { FontIdentity.fingerprint }

    public struct Output: Sendable {
        public var bytes: [UInt8]
        /// Nanoseconds spent drawing and encoding (for `Server-Timing` and the benchmark).
        public var drawNanoseconds: Int64
        public var encodeNanoseconds: Int64
    }

    public enum Failure: Error, Equatable {
        /// Cairo could not create or finish a surface (out of memory, bad size).
        case cairo(String)
    }

    public func render(_ scene: Scene, format: OutputFormat) throws(Failure) -> Output {
        let result: Result<Output, Failure> = cairoLock.withLock { surfaces in
            do throws(Failure) {
                return .success(try format == .png ? renderPNG(scene, surfaces: &surfaces)
                                                   : renderVector(scene, format: format))
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }

    private func renderPNG(_ scene: Scene, surfaces: inout SurfaceCache) throws(Failure) -> Output {
        let clock = ContinuousClock()
        let t0 = clock.now
        let width = Int32((scene.width * scene.dpr).rounded())
        let height = Int32((scene.height * scene.dpr).rounded())
        // A scene with a background paints every pixel itself; without one (transparent) a
        // reused surface must be cleared first.
        guard let surface = surfaces.take(width: width, height: height, cleared: scene.background == nil) else {
            throw .cairo("no surface")
        }
        defer { surfaces.giveBack(surface) }
        try check(cairo_surface_status(surface))
        guard let cr = cairo_create(surface) else { throw .cairo("no context") }
        cairo_scale(cr, scene.dpr, scene.dpr)
        SceneDrawer(cr: cr, scale: scene.dpr, raster: .init(surface: surface)).draw(scene)
        let status = cairo_status(cr)
        cairo_destroy(cr)
        try check(status)
        cairo_surface_flush(surface)
        let t1 = clock.now

        guard let data = cairo_image_surface_get_data(surface) else { throw .cairo("no pixels") }
        let stride = Int(cairo_image_surface_get_stride(surface)) / 4
        let pixels = UnsafeRawPointer(data).bindMemory(to: UInt32.self, capacity: stride * Int(height))
        let bytes = PNGEncoder.encode(argb: pixels, width: Int(width), height: Int(height), stride: stride,
                                      options: pngOptions)
        let t2 = clock.now
        return Output(bytes: bytes, drawNanoseconds: nanoseconds(t1 - t0), encodeNanoseconds: nanoseconds(t2 - t1))
    }

    private func renderVector(_ scene: Scene, format: OutputFormat) throws(Failure) -> Output {
        let clock = ContinuousClock()
        let t0 = clock.now
        let sink = ByteSink()
        let closure = Unmanaged.passUnretained(sink).toOpaque()
        // PDF pages are in points: 1 CSS px = 0.75 pt, so the page prints at the CSS size.
        let unit = format == .pdf ? 0.75 : 1.0
        let surface: OpaquePointer? = format == .pdf
            ? cairo_pdf_surface_create_for_stream(appendToSink, closure, scene.width * unit, scene.height * unit)
            : cairo_svg_surface_create_for_stream(appendToSink, closure, scene.width, scene.height)
        guard let surface else { throw .cairo("no surface") }
        if format == .svg { cairo_svg_surface_set_document_unit(surface, CAIRO_SVG_UNIT_PX) }
        guard let cr = cairo_create(surface) else { cairo_surface_destroy(surface); throw .cairo("no context") }
        cairo_scale(cr, unit, unit)
        SceneDrawer(cr: cr, scale: unit, raster: nil).draw(scene)
        let status = cairo_status(cr)
        cairo_destroy(cr)
        cairo_surface_finish(surface)
        let finishStatus = cairo_surface_status(surface)
        cairo_surface_destroy(surface)
        try check(status)
        try check(finishStatus)
        let t1 = clock.now
        return withExtendedLifetime(sink) {
            Output(bytes: sink.bytes, drawNanoseconds: nanoseconds(t1 - t0), encodeNanoseconds: 0)
        }
    }

    private func check(_ status: cairo_status_t) throws(Failure) {
        if status != CAIRO_STATUS_SUCCESS { throw .cairo(String(cString: cairo_status_to_string(status))) }
    }
}

func nanoseconds(_ d: Duration) -> Int64 {
    let (s, atto) = d.components
    return s * 1_000_000_000 + atto / 1_000_000_000
}
