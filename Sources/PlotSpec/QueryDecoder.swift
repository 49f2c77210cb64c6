/// Turns a query string into a validated `ChartSpec`, or a `SpecError` that says what is wrong.
///
/// Total by construction: every input either decodes or throws; nothing traps. The steps run
/// in a fixed order (limits, items, then parameters in canonical order, then cross-checks), so
/// the error reported for a query does not depend on the order of its items.
public struct QueryDecoder: Sendable {
    public var limits: Limits

    public init(limits: Limits = .standard) {
        self.limits = limits
    }

    /// - Parameter defaultFormat: the format when the query has no `format=`; the gateway
    ///   passes the one its path names (`/chart.svg`), the CLI the one its `-o` suffix names.
    ///
    /// A query with a `cht` parameter is Google Image Charts' dialect (docs/GOOGLE.md).
    public func decode(_ query: String, defaultFormat: OutputFormat = .png) throws(SpecError) -> ChartSpec {
        if QueryDecoder.isGoogleDialect(query) {
            var notes = GoogleNotes()
            return try GoogleDecoder.decode(query, defaultFormat: defaultFormat, limits: limits, notes: &notes)
        }
        let given = try GivenParameters(QueryItems.items(query, limits: limits))
        let name = given.spelling
        var spec = ChartSpec()
        spec.format = defaultFormat

        // Size first: it is cheap, and the type decides the default size.
        if let v = given[.type] { spec.type = try Values.choice(v, name(.type)) }
        let size = spec.type.defaultSize
        spec.width = size.width
        spec.height = size.height
        if let v = given[.w] { spec.width = try Values.integer(v, name(.w), min: Validation.minSide, max: limits.maxSide) }
        if let v = given[.h] { spec.height = try Values.integer(v, name(.h), min: Validation.minSide, max: limits.maxSide) }
        if let v = given[.dpr] { spec.dpr = try Values.number(v, name(.dpr), min: Validation.minDPR, max: limits.maxDPR) }
        try Validation.imageSize(spec, limits: limits)

        // Data: sizes are checked from separator counts before anything is parsed.
        guard let d = given[.d] else {
            throw SpecError(.missingParameter, parameter: Parameter.d.name, message: Messages.missingData())
        }
        let sizes = try DataSyntax.checkSize(d: d, dName: name(.d), x: given[.x], limits: limits)
        spec.series = try DataSyntax.series(d, name(.d), size: sizes.d)
        if let v = given[.x], let size = sizes.x {
            let x = try DataSyntax.xValues(v, name(.x), type: spec.type, seriesCount: spec.series.count, size: size)
            try Validation.xLengths(x, series: spec.series, name: name(.x))
            spec.x = x
        }

        if let v = given[.labels] { spec.labels = try Texts.list(v, name(.labels), limits: limits) }
        if let v = given[.names] { spec.names = try Texts.list(v, name(.names), limits: limits) }
        if let v = given[.colors] { spec.colors = try Values.colors(v, name(.colors), limits: limits) }
        if let v = given[.title] { spec.title = try Texts.text(v, name(.title), limits: limits) }
        if let v = given[.xlabel] { spec.xLabel = try Texts.text(v, name(.xlabel), limits: limits) }
        if let v = given[.ylabel] { spec.yLabel = try Texts.text(v, name(.ylabel), limits: limits) }

        let axis = spec.x?.kind ?? .number
        if let v = given[.xmin] { spec.xMin = try DataSyntax.xBound(v, name(.xmin), axis: axis) }
        if let v = given[.xmax] { spec.xMax = try DataSyntax.xBound(v, name(.xmax), axis: axis) }
        if let v = given[.ymin] { spec.yMin = try Values.number(v, name(.ymin)) }
        if let v = given[.ymax] { spec.yMax = try Values.number(v, name(.ymax)) }
        try Validation.ordered(spec.xMin, spec.xMax, lowName: name(.xmin), lowText: given[.xmin],
                               highName: name(.xmax), highText: given[.xmax])
        try Validation.ordered(spec.yMin, spec.yMax, lowName: name(.ymin), lowText: given[.ymin],
                               highName: name(.ymax), highText: given[.ymax])

        if let v = given[.ylog] { spec.yLog = try Values.bool(v, name(.ylog)) }
        if let v = given[.stack] { spec.stacked = try Values.bool(v, name(.stack)) }
        if let v = given[.horizontal] { spec.horizontal = try Values.bool(v, name(.horizontal)) }
        if let v = given[.legend] { spec.legend = try Values.choice(v, name(.legend)) }
        if let v = given[.grid] { spec.grid = try Values.choice(v, name(.grid)) }
        if let v = given[.theme] { spec.theme = try Values.choice(v, name(.theme)) }
        if let v = given[.bg] { spec.background = try Values.background(v, name(.bg)) }
        if let v = given[.lw] {
            spec.lineWidth = try Values.number(v, name(.lw), min: Validation.minLineWidth, max: limits.maxLineWidth)
        }
        if let v = given[.format] { spec.format = try Values.choice(v, name(.format)) }

        if spec.yLog {
            try Validation.logScale(spec, dName: name(.d), yMinName: name(.ymin), yMaxName: name(.ymax))
        }
        return spec
    }
}
