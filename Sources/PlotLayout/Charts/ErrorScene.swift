import PlotSpec

/// The picture a failed request gets instead of a broken-image icon: a pale panel at the size
/// the page asked for, showing what went wrong in words.
public enum ErrorScene {
    /// Sizes an error image is clamped to, so a bad `w`/`h` never makes a huge (or empty) error image.
    public static let minSize = (width: 60, height: 20)
    public static let maxSize = (width: 1200, height: 900)

    public static func scene(message: String, width: Int, height: Int, dpr: Double,
                             theme: Theme, measurer: any TextMeasurer) -> Scene {
        let w = Double(Swift.min(Swift.max(width, minSize.width), maxSize.width))
        let h = Double(Swift.min(Swift.max(height, minSize.height), maxSize.height))
        let dark = theme == .dark
        let panel = dark ? RGBA(hex: 0x2A1F1F) : RGBA(hex: 0xFFF4F3)
        let border = RGBA(hex: 0xD62728)
        let ink = dark ? RGBA(hex: 0xF2DADA) : RGBA(hex: 0x5A1010)
        var scene = Scene(width: w, height: h, dpr: Swift.min(Swift.max(dpr, 1), 3), background: panel)
        scene.add(.shape(Shape(path: [.rect(Rect(x: 0, y: 0, width: w, height: h).inset(by: 0.5))],
                               stroke: Stroke(color: border, width: 1, crisp: true))))

        let pad = Swift.min(12, h / 6)
        let textWidth = w - 2 * pad
        // Largest type (14 px down to 7 px) at which the whole message fits; at the smallest,
        // as many lines as fit, the last one ellipsised.
        var size = 14.0
        var lines: [String] = []
        while true {
            lines = wrap("⚠ " + message, width: textWidth, size: size, measurer: measurer)
            let needed = Double(lines.count) * size * FontMetrics.lineHeight
            if needed <= h - 2 * pad || size <= 7 { break }
            size -= 1
        }
        let lineHeight = size * FontMetrics.lineHeight
        let fit = Swift.max(1, Int((h - 2 * pad + 0.5) / lineHeight))
        if lines.count > fit {
            lines = Array(lines.prefix(fit))
            lines[fit - 1] = measurer.fitting(lines[fit - 1] + " …", size: size, maxWidth: textWidth)
        }
        let blockHeight = Double(lines.count) * lineHeight
        var y = Swift.max(pad, (h - blockHeight) / 2) + size * FontMetrics.ascent
        for line in lines {
            scene.add(.text(TextRun(line, at: Point(w / 2, y), size: size, color: ink, anchor: .middle)))
            y += lineHeight
        }
        return scene
    }

    /// Greedy word wrap; a word longer than the line is cut with an ellipsis.
    static func wrap(_ text: String, width: Double, size: Double, measurer: any TextMeasurer) -> [String] {
        var lines: [String] = []
        var current = ""
        for word in text.split(separator: " ", omittingEmptySubsequences: true) {
            let candidate = current.isEmpty ? String(word) : current + " " + word
            if measurer.width(of: candidate, size: size, bold: false) <= width {
                current = candidate
            } else {
                if !current.isEmpty { lines.append(current) }
                current = measurer.fitting(String(word), size: size, maxWidth: width)
            }
        }
        if !current.isEmpty { lines.append(current) }
        return lines
    }
}
