/// Checks that involve more than one parameter. Each runs after the parameters it needs were
/// decoded on their own, so messages can speak about valid values.
enum Validation {
    /// Fixed lower bounds of the dialect (upper bounds are operator-set `Limits`).
    static let minSide = 8
    static let minDPR = 1.0
    static let minLineWidth = 0.25

    /// Image pixels against `maxPixels`, computed in Double: `Limits` are operator-set and may
    /// be large, and Double arithmetic never traps (an absurd size becomes a huge or infinite
    /// product, which still compares correctly).
    static func imageSize(_ spec: ChartSpec, limits: Limits) throws(SpecError) {
        let w = (Double(spec.width) * spec.dpr).rounded()
        let h = (Double(spec.height) * spec.dpr).rounded()
        guard w * h <= Double(limits.maxPixels) else {
            throw SpecError(.imageTooLarge,
                            message: Messages.imageTooLarge(width: spec.width, height: spec.height,
                                                            dpr: spec.dpr, limit: limits.maxPixels))
        }
    }

    /// Every x list must have one value per value of the series it belongs to.
    static func xLengths(_ x: XValues, series: [[Double]], name: String) throws(SpecError) {
        for (index, values) in series.enumerated() {
            let xCount = x.list(forSeries: index).count
            guard xCount == values.count else {
                throw SpecError(.lengthMismatch, parameter: name,
                                message: Messages.xLengthMismatch(xCount: xCount, series: index, count: values.count))
            }
        }
    }

    /// `min < max` when both are given; the message quotes both as written.
    static func ordered(_ low: Double?, _ high: Double?,
                        lowName: String, lowText: Bytes?, highName: String, highText: Bytes?) throws(SpecError) {
        guard let low, let high, !(low < high) else { return }
        throw SpecError(.invalidValue, parameter: lowName,
                        message: Messages.rangeInverted(lowName, Values.text(lowText ?? []),
                                                        highName, Values.text(highText ?? [])))
    }

    /// A log axis needs every present value, and any given y bound, above zero.
    static func logScale(_ spec: ChartSpec, dName: String, yMinName: String, yMaxName: String) throws(SpecError) {
        for (s, values) in spec.series.enumerated() {
            for (i, v) in values.enumerated() where v <= 0 {  // NaN gaps compare false
                throw SpecError(.nonPositiveLog, parameter: dName,
                                message: Messages.nonPositiveLog(series: s, index: i, value: v))
            }
        }
        for (bound, name) in [(spec.yMin, yMinName), (spec.yMax, yMaxName)] {
            if let bound, bound <= 0 {
                throw SpecError(.nonPositiveLog, parameter: name,
                                message: Messages.nonPositiveLogBound(name, value: bound))
            }
        }
    }
}
