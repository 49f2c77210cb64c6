/// How data values map onto the plot, exactly as Google did it:
///
/// - text without `chds`: 0...100; a value below 0 is missing, above 100 is drawn at 100;
/// - `chds=min,max[,min,max...]`: one pair per series, the last pair serving the rest; below
///   min is missing, above max is drawn at max;
/// - `chds=a`: one range for all series, from the smallest value (or 0 when every value is
///   positive) to the largest; nothing is clipped;
/// - simple and extended data: 0...61 and 0...4095; `chds` does not apply.
enum GoogleScaling {
    struct Scaled {
        var series: [[Double]]
        /// One per series.
        var ranges: [ValueRange]
        var automatic: Bool
    }

    static func scale(_ data: GoogleData, chds: Bytes?, notes: inout GoogleNotes) throws(SpecError) -> Scaled {
        let count = data.series.count
        if let range = data.encodedRange {
            if chds != nil { notes.add(Messages.googleScaleIgnored()) }
            return Scaled(series: data.series, ranges: Array(repeating: range, count: count), automatic: false)
        }
        guard let chds else {
            return clipped(data.series, ranges: Array(repeating: .percent, count: count))
        }
        if ASCII.equalsIgnoringCase(chds, "a") {
            var low = 0.0, high = -Double.infinity
            for s in data.series { for v in s where !v.isNaN { low = Swift.min(low, v); high = Swift.max(high, v) } }
            if !high.isFinite || high <= low { high = low + (high == low && high != 0 ? abs(high) : 1) }
            return Scaled(series: data.series, ranges: Array(repeating: ValueRange(low, high), count: count), automatic: true)
        }
        var numbers: [Double] = []
        for item in GoogleSyntax.split(chds, ASCII.comma) {
            numbers.append(try GoogleSyntax.number(item, .chds))
        }
        if numbers.count % 2 == 1 {
            notes.add(Messages.googleScaleOdd())
            numbers.removeLast()
        }
        guard !numbers.isEmpty else { return clipped(data.series, ranges: Array(repeating: .percent, count: count)) }
        var ranges: [ValueRange] = []
        for i in 0..<count {
            let k = Swift.min(i, numbers.count / 2 - 1)
            ranges.append(ValueRange(numbers[2 * k], numbers[2 * k + 1]))
        }
        return clipped(data.series, ranges: ranges)
    }

    /// Below the range is missing, above it is the top (for an inverted range, the same in
    /// its own direction).
    private static func clipped(_ series: [[Double]], ranges: [ValueRange]) -> Scaled {
        var out = series
        for (i, s) in series.enumerated() {
            let r = ranges[i]
            let low = Swift.min(r.min, r.max), high = Swift.max(r.min, r.max)
            out[i] = s.map { v in
                if v.isNaN || v < low { return .nan }
                return Swift.min(v, high)
            }
        }
        return Scaled(series: out, ranges: ranges, automatic: false)
    }
}
