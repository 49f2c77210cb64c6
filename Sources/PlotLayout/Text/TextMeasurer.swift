/// How wide a text is. Layout needs it (ellipsis, label thinning, margins) but must stay pure,
/// so the renderer supplies the real font metrics through this protocol.
public protocol TextMeasurer: Sendable {
    /// Advance width of `text` at `size` px.
    func width(of text: String, size: Double, bold: Bool) -> Double
}

/// Vertical metrics of the UI font per px of size (DejaVu Sans: ascent 0.928, descent 0.236,
/// cap height 0.729). All text is one family, so these are constants, not a measurement.
public enum FontMetrics {
    public static let ascent = 0.928
    public static let descent = 0.236
    public static let capHeight = 0.729
    public static let lineHeight = 1.164
}

/// A measurer without a font: 0.6 em per character. Deterministic, for layout snapshot tests
/// and as a fallback; real renders use the renderer's font-backed measurer.
public struct ApproximateTextMeasurer: TextMeasurer {
    public init() {}
    public func width(of text: String, size: Double, bold: Bool) -> Double {
        Double(text.unicodeScalars.count) * size * (bold ? 0.66 : 0.6)
    }
}

extension TextMeasurer {
    /// `text` shortened with an ellipsis so it fits in `maxWidth`; unchanged when it fits.
    public func fitting(_ text: String, size: Double, bold: Bool = false, maxWidth: Double) -> String {
        if width(of: text, size: size, bold: bold) <= maxWidth { return text }
        let chars = Array(text)
        // Binary search for the longest prefix that fits with the ellipsis.
        var low = 0, high = chars.count
        while low < high {
            let mid = (low + high + 1) / 2
            let candidate = String(chars[0..<mid]) + "…"
            if width(of: candidate, size: size, bold: bold) <= maxWidth { low = mid } else { high = mid - 1 }
        }
        if low == 0 { return width(of: "…", size: size, bold: bold) <= maxWidth ? "…" : "" }
        var prefix = String(chars[0..<low])
        while prefix.last == " " { prefix.removeLast() }
        return prefix + "…"
    }
}
