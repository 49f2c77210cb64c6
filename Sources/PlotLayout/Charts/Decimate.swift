/// Reduces a dense polyline to what the pixels can show.
///
/// When a run has many more points than pixel columns, every column keeps its first, lowest,
/// highest and last point, in order (the "M4" reduction). The drawn line is the same to the eye,
/// and 10,000 points on a 120 px sparkline cost 480 line segments instead of 10,000.
enum Decimate {
    static func columns(_ run: [Point]) -> [Point] {
        guard run.count > 64 else { return run }
        // Only worth it when points outnumber columns several times over.
        let first = run[0].x, last = run[run.count - 1].x
        let span = abs(last - first)
        guard span.isFinite, Double(run.count) > 4 * (span + 1) else { return run }

        var out: [Point] = []
        out.reserveCapacity(Int(span + 1) * 4)
        var column = Int.min
        var firstP = run[0], lowP = run[0], highP = run[0], lastP = run[0]
        func flush() {
            out.append(firstP)
            // Low and high in the order they occurred, so the line's shape is kept.
            if lowP != firstP && lowP != lastP && highP != firstP && highP != lastP {
                if lowP.x <= highP.x { out.append(lowP); out.append(highP) } else { out.append(highP); out.append(lowP) }
            } else {
                if lowP != firstP && lowP != lastP { out.append(lowP) }
                if highP != firstP && highP != lastP { out.append(highP) }
            }
            if lastP != firstP { out.append(lastP) }
        }
        for p in run {
            let c = p.x.isFinite ? Int(Swift.max(-1e9, Swift.min(1e9, p.x)).rounded(.down)) : 0
            if c != column {
                if column != Int.min { flush() }
                column = c
                firstP = p; lowP = p; highP = p; lastP = p
            } else {
                // Screen y grows downward: "low" is the largest y.
                if p.y > lowP.y { lowP = p }
                if p.y < highP.y { highP = p }
                lastP = p
            }
        }
        flush()
        return out
    }
}
