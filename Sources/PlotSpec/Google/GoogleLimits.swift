/// The operator's `Limits` applied to a Google-dialect spec, on top of Google's own rules
/// (1000 px a side, 300,000 px, 200 characters a text). The operator's word is the stricter
/// one: a deployment that allows 100 px images must not draw a 300x150 Google chart because
/// Google would have.
///
/// Sizes and texts the query asked for and the limits forbid are refused with the native
/// error codes (`out_of_range`, `image_too_large`, `text_too_long`); sizes the query did not
/// ask for (the 300x150 default) are shrunk into the limits instead.
enum GoogleLimits {
    /// Google's 300x150 when `chs` is missing, scaled down (same 2:1 shape) until it fits the
    /// operator's side and pixel limits.
    static func defaultSize(_ limits: Limits) -> (width: Int, height: Int) {
        var w = 300.0, h = 150.0
        let side = Double(Swift.max(limits.maxSide, GoogleStyles.minSide))
        if w > side { h *= side / w; w = side }
        let pixels = Double(Swift.max(limits.maxPixels, GoogleStyles.minSide * GoogleStyles.minSide))
        if w * h > pixels {
            let k = (pixels / (w * h)).squareRoot()
            w *= k; h *= k
        }
        let minSide = Double(GoogleStyles.minSide)
        return (Int(Swift.max(minSide, w.rounded(.down))), Int(Swift.max(minSide, h.rounded(.down))))
    }

    /// A `chs` that passed Google's caps, against the operator's.
    static func check(width: Int, height: Int, limits: Limits) throws(SpecError) {
        if width > limits.maxSide || height > limits.maxSide {
            throw SpecError(.outOfRange, parameter: "chs",
                            message: Messages.googleSideOutOfRange(Substring("\(width)x\(height)"),
                                                                   min: GoogleStyles.minSide, max: limits.maxSide))
        }
        // Double: both factors are at most 1000, but the operator's limit may be anything.
        if Double(width) * Double(height) > Double(limits.maxPixels) {
            throw SpecError(.imageTooLarge, parameter: "chs",
                            message: Messages.googleTooManyPixels(width: width, height: height, limit: limits.maxPixels))
        }
    }

    /// The longest text a Google spec may carry: Google's 200 characters, or fewer when the
    /// operator says so.
    static func textLength(_ limits: Limits) -> Int { Swift.min(GoogleText.maxLength, limits.maxTextLength) }

    /// Every text of the spec against `maxTextLength`, and axis label lists against
    /// `maxLabels` (the rest of a list is dropped, as for `chl` and `chdl`).
    static func check(_ spec: inout ChartSpec, limits: Limits, notes: inout GoogleNotes) throws(SpecError) {
        let limit = textLength(limits)
        func text(_ t: String, _ parameter: String) throws(SpecError) {
            let length = t.unicodeScalars.count
            if length > limit {
                throw SpecError(.textTooLong, parameter: parameter,
                                message: Messages.textTooLong(parameter, length: length, limit: limit))
            }
        }
        for line in (spec.title ?? "").split(separator: "\n") { try text(String(line), "chtt") }
        for t in spec.names { try text(t, "chdl") }
        for t in spec.labels { try text(t, "chl") }
        for i in spec.axes.indices {
            if let labels = spec.axes[i].labels, labels.count > limits.maxLabels {
                notes.add(Messages.tooManyLabels("chxl", count: labels.count, limit: limits.maxLabels))
                spec.axes[i].labels = Array(labels.prefix(limits.maxLabels))
            }
            for t in spec.axes[i].labels ?? [] { try text(t, "chxl") }
            if let f = spec.axes[i].format { try text(f.prefix + f.suffix, "chxs") }
        }
        for m in spec.markers {
            switch m.kind {
            case .text(let t): try text(t, "chm")
            case .value(let f): try text(f.prefix + f.suffix, "chm")
            default: break
            }
        }
        // Line widths: the operator's maximum holds for Google's 50 px too.
        for i in spec.lineStyles.indices where spec.lineStyles[i].width > limits.maxLineWidth {
            spec.lineStyles[i].width = limits.maxLineWidth
        }
    }
}
