/// `chco` (series and per-point colours) and `chf` (fills of the canvas and the plot area).
enum GoogleColors {
    /// `chco=s1,s2|p2b|p2c,...`: series by `,`; within a series, `|` gives each point (bar,
    /// slice) its own colour. Returns one colour per series and the per-point lists.
    static func series(_ v: Bytes, notes: inout GoogleNotes) throws(SpecError) -> (colors: [RGBA], points: [[RGBA]]) {
        var colors: [RGBA] = [], points: [[RGBA]] = []
        for group in GoogleSyntax.split(v, ASCII.comma) {
            var list: [RGBA] = []
            for item in GoogleSyntax.split(group, ASCII.bar) where !GoogleSyntax.trim(item).isEmpty {
                list.append(try GoogleSyntax.color(item, .chco))
            }
            guard let first = list.first else {
                notes.add(Messages.googleEmptyEntry("chco"))
                continue
            }
            colors.append(first)
            points.append(list.count > 1 ? list : [])
        }
        return (colors, points)
    }

    struct Fills {
        var canvas: Paint?
        var plot: Paint?
        /// `b<n>,s,color`: a series' colour given in chf.
        var seriesColors: [Int: RGBA] = [:]
        /// `a,s,000000A0`: the whole picture's opacity.
        var opacity: Double = 1
    }

    /// `chf=bg,s,EFEFEF|c,lg,45,FFFFFF,0,76A4FB,0.75|a,s,000000A0`.
    static func fills(_ v: Bytes, notes: inout GoogleNotes) throws(SpecError) -> Fills {
        var fills = Fills()
        for entry in GoogleSyntax.split(v, ASCII.bar) {
            let f = GoogleSyntax.split(entry, ASCII.comma)
            guard f.count >= 3 else {
                if !GoogleSyntax.trim(entry).isEmpty { notes.add(Messages.googleIgnoredEntry("chf", Values.text(entry))) }
                continue
            }
            let target = String(decoding: GoogleSyntax.trim(f[0]).map(ASCII.lower), as: UTF8.self)
            let kind = String(decoding: GoogleSyntax.trim(f[1]).map(ASCII.lower), as: UTF8.self)
            let paint: Paint
            switch kind {
            case "s":
                paint = .solid(try GoogleSyntax.color(f[2], .chf))
            case "lg":
                let angle = try GoogleSyntax.number(f[2], .chf)
                var stops: [GradientStop] = []
                var i = 3
                while i + 1 < f.count {
                    let offset = try GoogleSyntax.number(f[i + 1], .chf)
                    stops.append(GradientStop(offset: Swift.min(1, Swift.max(0, offset)), color: try GoogleSyntax.color(f[i], .chf)))
                    i += 2
                }
                guard !stops.isEmpty else { notes.add(Messages.googleIgnoredEntry("chf", Values.text(entry))); continue }
                paint = stops.count == 1 ? .solid(stops[0].color) : .linear(angle: angle, stops: stops.sorted { $0.offset < $1.offset })
            case "ls":
                // `ls,<angle>,<color>,<width>,...`: widths are fractions of the chart's width.
                let angle = try GoogleSyntax.number(f[2], .chf)
                var stripes: [Stripe] = []
                var i = 3
                while i + 1 < f.count, stripes.count < 64 {
                    let width = Swift.min(1, Swift.max(0, try GoogleSyntax.number(f[i + 1], .chf)))
                    stripes.append(Stripe(color: try GoogleSyntax.color(f[i], .chf), width: width))
                    i += 2
                }
                stripes.removeAll { $0.width == 0 }
                guard !stripes.isEmpty else { notes.add(Messages.googleIgnoredEntry("chf", Values.text(entry))); continue }
                paint = stripes.count == 1 ? .solid(stripes[0].color) : .stripes(angle: angle, stripes: stripes)
            default:
                notes.add(Messages.googleIgnoredEntry("chf", Values.text(entry)))
                continue
            }
            switch target {
            case "bg": fills.canvas = paint
            case "c": fills.plot = paint
            case "a":
                // Transparency of the whole image: only the alpha of a solid colour counts.
                if case .solid(let c) = paint { fills.opacity = Double(c.a) / 255 }
                else { notes.add(Messages.googleIgnoredEntry("chf", Values.text(entry))) }
            default:
                if target.hasPrefix("b"), let n = Int(target.dropFirst()), case .solid(let c) = paint {
                    fills.seriesColors[n] = c
                } else {
                    notes.add(Messages.googleIgnoredEntry("chf", Values.text(entry)))
                }
            }
        }
        return fills
    }
}
