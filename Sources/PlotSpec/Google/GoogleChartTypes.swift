/// `cht`: Google's chart types and what each becomes.
struct GoogleChartType {
    enum Family { case bar, line, lineXY, sparkline, pie, scatter, gauge, radar, venn, qrCode }
    var family: Family
    var horizontal = false
    var arrangement = BarArrangement.grouped
    /// `lc` draws its bottom and left axis lines even without `chxt`; `lc:nda` does not.
    var frameLines = false
    var pie = PieStyle.single
    /// `rs`: curves through the radar's points.
    var smooth = false

    static func parse(_ v: Bytes) throws(SpecError) -> GoogleChartType {
        let word = String(decoding: v.map(ASCII.lower), as: UTF8.self)
        switch word {
        case "bhs": return GoogleChartType(family: .bar, horizontal: true, arrangement: .stacked)
        case "bvs": return GoogleChartType(family: .bar, arrangement: .stacked)
        case "bhg": return GoogleChartType(family: .bar, horizontal: true)
        case "bvg": return GoogleChartType(family: .bar)
        case "bvo": return GoogleChartType(family: .bar, arrangement: .overlapped)
        case "bho": return GoogleChartType(family: .bar, horizontal: true, arrangement: .overlapped)
        case "lc": return GoogleChartType(family: .line, frameLines: true)
        case "lc:nda", "lxy:nda": return GoogleChartType(family: word == "lc:nda" ? .line : .lineXY)
        case "lxy": return GoogleChartType(family: .lineXY, frameLines: true)
        case "ls", "ls:nda": return GoogleChartType(family: .sparkline)
        // p3 is drawn flat: a 3-D tilt adds no information and is not worth a renderer path.
        case "p", "p3": return GoogleChartType(family: .pie)
        case "pc": return GoogleChartType(family: .pie, pie: .concentric)
        case "s": return GoogleChartType(family: .scatter)
        // `gm` is the older spelling of the Google-o-meter, still found in old pages.
        case "gom", "gm": return GoogleChartType(family: .gauge)
        case "r": return GoogleChartType(family: .radar)
        case "rs": return GoogleChartType(family: .radar, smooth: true)
        case "v": return GoogleChartType(family: .venn)
        case "qr": return GoogleChartType(family: .qrCode)
        default:
            if let feature = unsupported[word] ?? (word.hasPrefix("map") ? "maps" : nil) {
                throw SpecError(.unsupportedChartType, parameter: "cht",
                                message: Messages.googleUnsupportedType(word, feature: feature))
            }
            throw SpecError(.invalidValue, parameter: "cht", message: Messages.googleUnknownType(Values.text(v)))
        }
    }

    /// Types Google had that plotgate does not draw (yet), with a name people know them by.
    static let unsupported: [String: String] = [
        "t": "maps", "map": "maps", "tx": "TeX formulas", "gv": "GraphViz graphs",
        "bhs:nda": "bars without axes", "lfi": "financial sparklines", "y": "status charts",
    ]
}
