/// The axis parameters: `chxt` (which axes), `chxr` (ranges), `chxl` (labels), `chxp`
/// (label positions), `chxs` (styles), `chxtc` (tick lengths). Every axis is labelled from its
/// own range (0...100 unless `chxr` says otherwise), independent of the data, as Google did.
enum GoogleAxes {
    static func parse(_ q: GoogleQuery, automaticRange: ValueRange?, horizontalBars: Bool,
                      notes: inout GoogleNotes) throws(SpecError) -> [AxisSpec] {
        guard let chxt = q[.chxt] else {
            for p in [GoogleParameter.chxl, .chxp, .chxr, .chxs, .chxtc] where q[p] != nil {
                notes.add(Messages.googleAxisParameterWithoutAxes(p.rawValue))
            }
            return []
        }
        var axes: [AxisSpec] = []
        for item in GoogleSyntax.split(chxt, ASCII.comma) {
            let t = GoogleSyntax.trim(item)
            let side: AxisSpec.Side
            switch t.count == 1 ? ASCII.lower(t.first!) : 0 {
            case UInt8(ascii: "x"): side = .bottom
            case UInt8(ascii: "y"): side = .left
            case UInt8(ascii: "r"): side = .right
            case UInt8(ascii: "t"): side = .top
            default:
                throw SpecError(.invalidValue, parameter: "chxt", message: Messages.googleBadAxis(Values.text(item)))
            }
            var axis = AxisSpec(side: side)
            // With chds=a the value axis follows the data, which is what such URLs expect.
            let valueAxis = horizontalBars ? (side == .bottom || side == .top) : (side == .left || side == .right)
            if let automaticRange, valueAxis { axis.range = automaticRange }
            axes.append(axis)
        }
        if let v = q[.chxr] { try ranges(v, into: &axes, notes: &notes) }
        if let v = q[.chxl] { labels(v, into: &axes, notes: &notes) }
        if let v = q[.chxp] { try positions(v, into: &axes, notes: &notes) }
        if let v = q[.chxs] { try styles(v, into: &axes, notes: &notes) }
        if let v = q[.chxtc] { try tickLengths(v, into: &axes, notes: &notes) }
        return axes
    }

    /// Leading digits of an entry: the axis index (`1N*f0*` is axis 1 with a format).
    private static func index(_ v: Bytes) -> Int? {
        let t = GoogleSyntax.trim(v)
        let digits = t.prefix { ASCII.isDigit($0) }
        guard !digits.isEmpty, digits.count < 4 else { return nil }
        return digits.reduce(0) { $0 * 10 + Int($1 - 0x30) }
    }

    private static func axis(_ i: Int?, _ axes: [AxisSpec], _ name: String, notes: inout GoogleNotes) -> Int? {
        guard let i, i < axes.count else {
            notes.add(Messages.googleNoSuchAxis(name, index: i))
            return nil
        }
        return i
    }

    /// `chxr=1,0,500,100|0,1,12`: index, start, end, optional step.
    private static func ranges(_ v: Bytes, into axes: inout [AxisSpec], notes: inout GoogleNotes) throws(SpecError) {
        for entry in GoogleSyntax.split(v, ASCII.bar) where !GoogleSyntax.trim(entry).isEmpty {
            let f = GoogleSyntax.split(entry, ASCII.comma)
            guard let i = axis(index(f[0]), axes, "chxr", notes: &notes) else { continue }
            guard f.count >= 3 else { notes.add(Messages.googleIgnoredEntry("chxr", Values.text(entry))); continue }
            axes[i].range = ValueRange(try GoogleSyntax.number(f[1], .chxr), try GoogleSyntax.number(f[2], .chxr))
            if f.count > 3, let step = GoogleSyntax.number(f[3]), step != 0 { axes[i].step = abs(step) }
        }
    }

    /// `chxl=0:|Jan|Feb|1:|low|high`: a `n:` item starts axis n's labels.
    private static func labels(_ v: Bytes, into axes: inout [AxisSpec], notes: inout GoogleNotes) {
        var current: Int? = nil
        var skipping = false
        for item in GoogleSyntax.split(v, ASCII.bar) {
            let t = GoogleSyntax.trim(item)
            if t.last == ASCII.colon, t.count > 1, t.dropLast().allSatisfy(ASCII.isDigit) {
                current = axis(index(t), axes, "chxl", notes: &notes)
                skipping = current == nil
                if let current { axes[current].labels = [] }
                continue
            }
            guard let current else {
                if !skipping && !t.isEmpty { notes.add(Messages.googleLabelWithoutAxis(Values.text(item))) }
                continue
            }
            axes[current].labels?.append(GoogleText.label(item))
        }
    }

    /// `chxp=1,10,35,75|2,0,1`: index, then one position per label (in range units).
    private static func positions(_ v: Bytes, into axes: inout [AxisSpec], notes: inout GoogleNotes) throws(SpecError) {
        for entry in GoogleSyntax.split(v, ASCII.bar) where !GoogleSyntax.trim(entry).isEmpty {
            let f = GoogleSyntax.split(entry, ASCII.comma)
            guard let i = axis(index(f[0]), axes, "chxp", notes: &notes) else { continue }
            var list: [Double] = []
            for item in f.dropFirst() where !GoogleSyntax.trim(item).isEmpty { list.append(try GoogleSyntax.number(item, .chxp)) }
            axes[i].positions = list
        }
    }

    /// `chxs=0,ff0000,12,0,lt,0000ff,00ff00|1N*f1*,...`: index (and format), colour, size,
    /// alignment, what to draw (l line, t ticks, lt both, _ neither), tick colour, line colour.
    private static func styles(_ v: Bytes, into axes: inout [AxisSpec], notes: inout GoogleNotes) throws(SpecError) {
        for entry in GoogleSyntax.split(v, ASCII.bar) where !GoogleSyntax.trim(entry).isEmpty {
            let f = GoogleSyntax.split(entry, ASCII.comma)
            guard let i = axis(index(f[0]), axes, "chxs", notes: &notes) else { continue }
            let head = GoogleSyntax.trim(f[0])
            if let n = head.firstIndex(of: UInt8(ascii: "N")) { axes[i].format = GoogleNumberStyle.parse(head[(n + 1)...]) }
            if f.count > 1, !GoogleSyntax.trim(f[1]).isEmpty { axes[i].color = try GoogleSyntax.color(f[1], .chxs) }
            if f.count > 2, let size = GoogleSyntax.number(f[2]), size > 0 { axes[i].fontSize = Swift.min(size, 72) }
            if f.count > 3, let a = GoogleSyntax.number(f[3]) {
                axes[i].alignment = a < 0 ? .start : (a > 0 ? .end : .center)
            }
            if f.count > 4 {
                let d = GoogleSyntax.trim(f[4]).map(ASCII.lower)
                if !d.isEmpty {
                    axes[i].showLine = d.contains(UInt8(ascii: "l"))
                    axes[i].showTicks = d.contains(UInt8(ascii: "t"))
                }
            }
            if f.count > 5, !GoogleSyntax.trim(f[5]).isEmpty { axes[i].tickColor = try GoogleSyntax.color(f[5], .chxs) }
            if f.count > 6, !GoogleSyntax.trim(f[6]).isEmpty { axes[i].lineColor = try GoogleSyntax.color(f[6], .chxs) }
        }
    }

    /// `chxtc=0,10|1,-300`: tick length in px; negative reaches across the plot.
    private static func tickLengths(_ v: Bytes, into axes: inout [AxisSpec], notes: inout GoogleNotes) throws(SpecError) {
        for entry in GoogleSyntax.split(v, ASCII.bar) where !GoogleSyntax.trim(entry).isEmpty {
            let f = GoogleSyntax.split(entry, ASCII.comma)
            guard f.count >= 2 else { continue }
            for item in f.dropLast() {
                guard let i = axis(index(item), axes, "chxtc", notes: &notes) else { continue }
                let length = try GoogleSyntax.number(f[f.count - 1], .chxtc)
                axes[i].tickLength = Swift.max(-2000, Swift.min(2000, length))
            }
        }
    }
}

/// Texts of the dialect: limited in length like native texts, control characters as spaces.
enum GoogleText {
    static let maxLength = 200

    static func label(_ v: Bytes) -> String {
        var scalars = String.UnicodeScalarView()
        for s in ASCII.string(v).unicodeScalars.prefix(maxLength) {
            scalars.append(s.value < 0x20 || s.value == 0x7F ? " " : s)
        }
        return String(scalars)
    }

    /// `|`-separated list, each entry shortened to the text limit; at most `limit` entries.
    static func list(_ v: Bytes, limit: Int) -> [String] {
        GoogleSyntax.split(v, ASCII.bar).prefix(limit).map(label)
    }
}
