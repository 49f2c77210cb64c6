/// The Google Image Charts dialect (`cht=...&chs=...&chd=...`): decodes into the same
/// `ChartSpec` as the native dialect, with an explicit frame (docs/GOOGLE.md).
///
/// Tolerant where Google was (see `GoogleQuery`): unknown parameters, junk entries in lists
/// and labels for axes that do not exist are ignored and noted. A bad value of a known
/// parameter (a size that is not `WxH`, a colour that is not hex, data that does not decode)
/// is an error, as it was for Google.
enum GoogleDecoder {
    static func decode(_ raw: String, defaultFormat: OutputFormat, limits: Limits,
                       notes: inout GoogleNotes) throws(SpecError) -> ChartSpec {
        let q = try GoogleQuery.parse(raw, limits: limits, notes: &notes)
        guard let cht = q[.cht] else {
            throw SpecError(.missingParameter, parameter: "cht", message: Messages.googleMissingType())
        }
        let type = try GoogleChartType.parse(cht)
        var spec = ChartSpec()
        spec.frameStyle = .explicit
        spec.format = defaultFormat

        if let v = q[.chs] {
            (spec.width, spec.height) = try GoogleStyles.size(v)
            try GoogleLimits.check(width: spec.width, height: spec.height, limits: limits)
        } else {
            (spec.width, spec.height) = GoogleLimits.defaultSize(limits)
            notes.add(Messages.googleMissingSize(width: spec.width, height: spec.height))
        }
        if type.family == .qrCode { return try qrCode(q, spec: spec, defaultFormat: defaultFormat, notes: &notes) }
        guard let chd = q[.chd] else {
            throw SpecError(.missingParameter, parameter: "chd", message: Messages.googleMissingData())
        }
        let data = try GoogleData.parse(chd, limits: limits)
        let scaled = try GoogleScaling.scale(data, chds: q[.chds], notes: &notes)
        try GoogleLayoutMapping.apply(type, scaled: scaled, raw: data, to: &spec, notes: &notes)

        if let v = q[.chco] {
            (spec.colors, spec.pointColors) = try GoogleColors.series(v, notes: &notes)
        }
        if let v = q[.chf] { try applyFills(GoogleColors.fills(v, notes: &notes), to: &spec) }
        if let v = q[.chtt] {
            // `|` and (after decoding) a newline both break the title into lines.
            spec.title = GoogleText.list(v, limit: 5).joined(separator: "\n")
        }
        if let v = q[.chts] { spec.titleStyle = try GoogleStyles.text(v, .chts) }
        if let v = q[.chdl] { spec.names = GoogleText.list(v, limit: limits.maxLabels) }
        if let v = q[.chdlp] { spec.legendSide = GoogleStyles.legendSide(v) }
        if let v = q[.chdls] { spec.legendStyle = try GoogleStyles.text(v, .chdls) }
        if let v = q[.chl] { spec.labels = GoogleText.list(v, limit: limits.maxLabels) }
        if let v = q[.chma] { spec.margins = try GoogleStyles.margins(v) }
        if let v = q[.chbh] { spec.barSizing = try GoogleStyles.bars(v) }
        if let v = q[.chls] { spec.lineStyles = try GoogleStyles.lines(v) }
        if let v = q[.chg] { spec.gridLines = try GoogleStyles.grid(v) }
        if let v = q[.chm] {
            spec.markers = try GoogleMarkers.parse(v, seriesCount: spec.series.count, notes: &notes)
            // Google-o-meters took no markers (its documentation lists none): say so, draw none.
            if type.family == .gauge, !spec.markers.isEmpty {
                notes.add(Messages.googleIgnoredForType("chm", type: "gom"))
                spec.markers = []
            }
        }
        if let v = q[.chp] {
            if type.family == .pie, let radians = GoogleSyntax.number(v) {
                spec.pieStart = radians * 180 / .pi
            } else if type.family == .bar {
                spec.barZero = try GoogleStyles.zeroLines(v)
            } else {
                notes.add(Messages.googleIgnoredEntry("chp", Values.text(v)))
            }
        }
        spec.axes = try GoogleAxes.parse(q, automaticRange: scaled.automatic ? scaled.ranges.first : nil,
                                         horizontalBars: type.horizontal, notes: &notes)
        if let v = q[.chof] { spec.format = outputFormat(v, fallback: defaultFormat, notes: &notes) }
        try GoogleLimits.check(&spec, limits: limits, notes: &notes)
        spec.dialectCanonical = GoogleCanonical.query(q)
        return spec
    }

    /// A QR code needs only its text (`chl`, `chld`, `choe`), a size, a background and a format.
    private static func qrCode(_ q: GoogleQuery, spec: ChartSpec, defaultFormat: OutputFormat,
                               notes: inout GoogleNotes) throws(SpecError) -> ChartSpec {
        var spec = spec
        spec.figure = .qrCode(try GoogleQRCode.parse(q, notes: &notes))
        // No data, but every decoded spec has at least one series list (an invariant later
        // stages and the property tests rely on): one empty one.
        spec.series = [[]]
        if let v = q[.chf] { try applyFills(GoogleColors.fills(v, notes: &notes), to: &spec) }
        for p in [GoogleParameter.chd, .chtt, .chdl, .chxt, .chm, .chco] where q[p] != nil {
            notes.add(Messages.googleIgnoredForType(p.rawValue, type: "qr"))
        }
        if let v = q[.chof] { spec.format = outputFormat(v, fallback: defaultFormat, notes: &notes) }
        spec.dialectCanonical = GoogleCanonical.query(q)
        return spec
    }

    private static func applyFills(_ fills: GoogleColors.Fills, to spec: inout ChartSpec) {
        switch fills.canvas {
        case .solid(let c)?: spec.background = c.a == 0 ? .transparent : .color(c)
        case let paint?: spec.canvasPaint = paint
        case nil: break
        }
        spec.plotPaint = fills.plot
        spec.opacity = fills.opacity
        for (index, color) in fills.seriesColors where index < 64 {
            while spec.colors.count <= index { spec.colors.append(GooglePalette.color(spec.colors.count)) }
            spec.colors[index] = color
        }
    }

    /// `chof`: png (and gif, drawn as PNG: browsers show either in an `<img>`), plus our svg
    /// and pdf. `validate` is answered by the gateway before decoding; here it draws the chart.
    private static func outputFormat(_ v: Bytes, fallback: OutputFormat, notes: inout GoogleNotes) -> OutputFormat {
        let word = String(decoding: v.map(ASCII.lower), as: UTF8.self)
        if let f = OutputFormat(rawValue: word) { return f }
        if word != "validate" { notes.add(Messages.googleFormatFallback(word)) }
        return word == "gif" ? .png : fallback
    }
}

/// Google's default colours: its orange for the first series, then distinct hues.
public enum GooglePalette {
    public static let colors: [RGBA] = [
        0xFF9900, 0x3366CC, 0xDC3912, 0x109618, 0x990099, 0x0099C6, 0xDD4477, 0x66AA00, 0xB82E2E, 0x316395,
    ].map { RGBA(hex: $0) }
    public static func color(_ i: Int) -> RGBA { colors[i % colors.count] }
}
