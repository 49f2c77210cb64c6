import CCairo

/// The UI font, opened once per process and shared by every context.
///
/// The packaged DejaVu files are opened directly (`FreeTypeFaces`), which skips fontconfig's
/// start-up; where they are missing or are not DejaVu Sans, Cairo's "toy" font API asks
/// fontconfig for the family as before. Both give the same pixels for the same files (a test
/// draws text both ways and compares). Every process takes the same path, workers too: one
/// way of finding fonts to test, and the same `FontIdentity` in every mode. Metric hinting is
/// off so widths scale linearly with size and layout is the same at every dpr.
final class FontFaces: @unchecked Sendable {
    // @unchecked: the faces are immutable after init and only used while holding `cairoLock`.
    static let family = "DejaVu Sans"
    static let shared = FontFaces(files: .packaged)

    /// Where the faces came from: these files, or fontconfig's match for `family`.
    enum Source: Equatable, Sendable {
        case files(FontFiles)
        case fontconfig
    }

    let regular: OpaquePointer
    let bold: OpaquePointer
    let options: OpaquePointer
    let source: Source

    /// `files` is tried first; tests pass missing or wrong files to reach the fallback.
    /// Call while holding `cairoLock`, as `shared`'s users do.
    init(files: FontFiles) {
        if let opened = FreeTypeFaces(files: files, family: FontFaces.family) {
            regular = opened.regular
            bold = opened.bold
            source = .files(files)
        } else {
            regular = cairo_toy_font_face_create(FontFaces.family, CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL)
            bold = cairo_toy_font_face_create(FontFaces.family, CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_BOLD)
            source = .fontconfig
        }
        options = cairo_font_options_create()
        cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF)
        cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE)
        cairo_font_options_set_antialias(options, CAIRO_ANTIALIAS_GRAY)
    }

    /// Selects the face and size on `cr`.
    func apply(to cr: OpaquePointer, size: Double, bold isBold: Bool) {
        cairo_set_font_face(cr, isBold ? bold : regular)
        cairo_set_font_size(cr, size)
        cairo_set_font_options(cr, options)
    }
}
