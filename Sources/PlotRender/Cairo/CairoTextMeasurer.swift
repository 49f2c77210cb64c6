import CCairo
import PlotLayout

/// Real text widths from the same font and options the renderer draws with, so layout
/// decisions (ellipsis, margins, label thinning) match the pixels.
public final class CairoTextMeasurer: TextMeasurer, @unchecked Sendable {
    // @unchecked: the scratch context is only touched while holding `cairoLock`.
    public static let shared = CairoTextMeasurer()

    private let surface: OpaquePointer
    private let cr: OpaquePointer

    private init() {
        surface = cairo_image_surface_create(CAIRO_FORMAT_A8, 1, 1)
        cr = cairo_create(surface)
    }

    public func width(of text: String, size: Double, bold: Bool) -> Double {
        if text.isEmpty { return 0 }
        return cairoLock.withLock { _ in
            FontFaces.shared.apply(to: cr, size: size, bold: bold)
            var extents = cairo_text_extents_t()
            cairo_text_extents(cr, CairoText.safe(text), &extents)
            return extents.x_advance
        }
    }
}
