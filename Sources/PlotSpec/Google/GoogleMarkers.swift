/// `chm`: shape markers, value labels, fills under and between lines, horizontal and
/// vertical lines, range bands, and line markers, separated by `|`:
///
///     <type>,<color>,<series>,<which points>,<size>[,<z order>]
///
/// Ranges and lines read their numbers differently (`r,color,0,0.25,0.5` is a band from 25%
/// to 50% of the height). Unknown marker types are skipped (noted).
enum GoogleMarkers {
    static func parse(_ v: Bytes, seriesCount: Int, notes: inout GoogleNotes) throws(SpecError) -> [MarkerSpec] {
        var markers: [MarkerSpec] = []
        for entry in GoogleSyntax.split(v, ASCII.bar) where !GoogleSyntax.trim(entry).isEmpty {
            guard markers.count < 64 else { notes.add(Messages.googleTooManyMarkers()); break }
            if let m = try marker(GoogleSyntax.split(entry, ASCII.comma), entry: entry, notes: &notes) {
                if m.series >= seriesCount, !isFree(m) {
                    notes.add(Messages.googleMarkerSeries(Values.text(entry), series: m.series))
                    continue
                }
                markers.append(m)
            }
        }
        return markers
    }

    /// Markers positioned without a series: lines, bands, and anything at an `@x:y` place.
    private static func isFree(_ m: MarkerSpec) -> Bool {
        if case .position = m.points { return true }
        switch m.kind {
        case .horizontalLine, .horizontalBand, .verticalBand: return true
        default: return false
        }
    }

    private static func marker(_ f: [Bytes], entry: Bytes, notes: inout GoogleNotes) throws(SpecError) -> MarkerSpec? {
        guard f.count >= 3 else { notes.add(Messages.googleIgnoredEntry("chm", Values.text(entry))); return nil }
        let type = Array(GoogleSyntax.trim(f[0]))
        guard let letter = type.first else { return nil }
        let color = try GoogleSyntax.color(f[1], .chm)
        func num(_ i: Int, _ fallback: Double) -> Double { i < f.count ? GoogleSyntax.number(f[i]) ?? fallback : fallback }
        let series = Int(num(2, 0))
        let size = Swift.max(0, Swift.min(num(4, 5), 200))
        let below = num(5, 0) < 0
        let which = f.count > 3 ? points(f[3]) : .all

        switch letter {
        case UInt8(ascii: "r"), UInt8(ascii: "R"):
            // Bands: the 4th and 5th fields are fractions (start, end) of the height or width.
            let a = num(3, 0), b = num(4, 0)
            let kind: MarkerSpec.Kind = letter == UInt8(ascii: "r") ? .horizontalBand(a, b) : .verticalBand(a, b)
            return MarkerSpec(kind: kind, color: color, series: 0, size: 0, below: true)
        case UInt8(ascii: "h"):
            return MarkerSpec(kind: .horizontalLine(num(3, 0)), color: color, series: 0, size: Swift.max(1, size))
        case UInt8(ascii: "B"):
            return MarkerSpec(kind: .fillToBottom, color: color, series: series, size: 0, below: true)
        case UInt8(ascii: "b"):
            return MarkerSpec(kind: .fillBetween(series2: Int(num(3, Double(series + 1)))), color: color, series: series,
                              size: 0, below: true)
        case UInt8(ascii: "D"):
            return MarkerSpec(kind: .line, color: color, series: series, points: which, size: Swift.max(1, size))
        case UInt8(ascii: "v"), UInt8(ascii: "V"):
            return MarkerSpec(kind: .verticalLine, color: color, series: series, points: which, size: Swift.max(1, size))
        case UInt8(ascii: "t"), UInt8(ascii: "A"), UInt8(ascii: "f"):
            let text = GoogleText.label(type.dropFirst()[...])
            return MarkerSpec(kind: .text(text), color: color, series: series, points: which, size: size > 0 ? size : 10)
        case UInt8(ascii: "N"):
            if case .position = which {
                // A value needs a data point to take it from.
                notes.add(Messages.googleIgnoredEntry("chm", Values.text(entry)))
                return nil
            }
            return MarkerSpec(kind: .value(GoogleNumberStyle.parse(type.dropFirst()[...])), color: color,
                              series: series, points: which, size: size > 0 ? size : 10)
        default:
            let shapes: [UInt8: MarkerSpec.Shape] = [
                UInt8(ascii: "o"): .circle, UInt8(ascii: "s"): .square, UInt8(ascii: "d"): .diamond,
                UInt8(ascii: "c"): .cross, UInt8(ascii: "x"): .xMark, UInt8(ascii: "a"): .arrow,
            ]
            guard type.count == 1, let shape = shapes[letter] else {
                notes.add(Messages.googleIgnoredEntry("chm", Values.text(entry)))
                return nil
            }
            return MarkerSpec(kind: .shape(shape), color: color, series: series, points: which, size: size, below: below)
        }
    }

    /// `-1` all, `n` one point (fractions between points), `start:end:step`, `-n` every n-th,
    /// `@x:y` a place in the plot (fractions from the bottom left).
    static func points(_ v: Bytes) -> PointSelection {
        let t = GoogleSyntax.trim(v)
        if t.first == ASCII.at {
            let p = GoogleSyntax.split(t.dropFirst(), ASCII.colon).map { GoogleSyntax.number($0) }
            // Google drew places a little outside the plot too; far outside is nonsense.
            func clamp(_ v: Double??) -> Double { Swift.max(-1, Swift.min(2, (v ?? 0) ?? 0)) }
            return .position(x: clamp(p.first), y: clamp(p.count > 1 ? p[1] : nil))
        }
        if t.contains(ASCII.colon) {
            let p = GoogleSyntax.split(t, ASCII.colon).map { GoogleSyntax.number($0) }
            let start = p.first.flatMap { $0 } ?? 0
            let end = p.count > 1 ? (p[1] ?? .infinity) : .infinity
            let step = p.count > 2 ? Swift.max(p[2] ?? 1, 0.01) : 1
            return .range(start: start, end: end, step: step)
        }
        guard let n = GoogleSyntax.number(t) else { return .all }
        if n == -1 { return .all }
        if n < -1 { return .every(Int(Swift.min(-n, 1_000_000))) }
        return .point(Swift.min(n, 1_000_000))  // the layout takes its whole part as an index
    }
}
