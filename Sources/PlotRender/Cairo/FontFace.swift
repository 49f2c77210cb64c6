import CCairo

/// The UI font, resolved through fontconfig once per process and shared by every context.
///
/// Cairo's "toy" font API asks fontconfig for the family; creating the faces once avoids a
/// fontconfig lookup per text run. Metric hinting is off so widths scale linearly with size
/// and layout is the same at every dpr.
final class FontFaces: @unchecked Sendable {
    // @unchecked: the faces are immutable after init and only used while holding `cairoLock`.
    static let family = "DejaVu Sans"
    static let shared = FontFaces()

    let regular: OpaquePointer
    let bold: OpaquePointer
    let options: OpaquePointer

    private init() {
        regular = cairo_toy_font_face_create(FontFaces.family, CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL)
        bold = cairo_toy_font_face_create(FontFaces.family, CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_BOLD)
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
