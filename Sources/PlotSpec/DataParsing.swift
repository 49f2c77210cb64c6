/// The data (`d`) and x values (`x`, `xmin`, `xmax`).
///
/// Sizes are checked before parsing by counting separators, which allocates nothing: a query
/// with too many values is rejected before a single Double is stored, and the arrays that are
/// built afterwards are known to be within `Limits`.
enum DataSyntax {
    /// How many values a `d` or `x` value holds, from its separators.
    struct Size {
        var lists: Int
        var values: Int

        init(_ v: Bytes) {
            let (commas, bars) = ByteScan.separators(in: v)
            lists = bars + 1
            values = commas + bars + 1  // every separator starts one more value
        }
    }

    /// Series count and total point count (d values plus x values) against the limits.
    /// Returns the sizes, which the parsers below use to reserve their arrays.
    static func checkSize(d: Bytes, dName: String, x: Bytes?, limits: Limits) throws(SpecError) -> (d: Size, x: Size?) {
        let dSize = Size(d)
        let seriesCount = dSize.lists
        guard seriesCount <= limits.maxSeries else {
            throw SpecError(.tooMuchData, parameter: dName,
                            message: Messages.tooManySeries(count: seriesCount, limit: limits.maxSeries))
        }
        let xSize = x.map(Size.init)
        let points = dSize.values + (xSize?.values ?? 0)
        guard points <= limits.maxPoints else {
            throw SpecError(.tooMuchData, parameter: dName,
                            message: Messages.tooManyPoints(count: points, limit: limits.maxPoints))
        }
        return (dSize, xSize)
    }

    /// `d`: series separated by `|`, values by `,`; empty or `_` is a gap (NaN).
    static func series(_ d: Bytes, _ name: String, size: Size) throws(SpecError) -> [[Double]] {
        // All values go into one array reserved once; series are cut from it at the end.
        var values: [Double] = []
        values.reserveCapacity(size.values)
        var ends: [Int] = []
        ends.reserveCapacity(size.lists)
        let s = d.span
        var i = 0
        while true {
            if let v = PlainDecimal.parse(s, at: &i) {
                values.append(v)
            } else {
                let start = i
                while i < s.count, s[i] != ASCII.comma, s[i] != ASCII.bar { i &+= 1 }
                values.append(try value(d[(d.startIndex + start)..<(d.startIndex + i)], name))
            }
            if i == s.count || s[i] == ASCII.bar { ends.append(values.count) }
            if i == s.count { return split(values, at: ends) }
            i &+= 1
        }
    }

    /// Cuts `values` into lists ending at `ends`; one list is `values` itself, uncopied.
    private static func split(_ values: [Double], at ends: [Int]) -> [[Double]] {
        if ends.count == 1 { return [values] }
        var lists: [[Double]] = []
        lists.reserveCapacity(ends.count)
        var start = 0
        for end in ends {
            lists.append(Array(values[start..<end]))
            start = end
        }
        return lists
    }

    private static func isGap(_ v: Bytes) -> Bool {
        v.isEmpty || (v.count == 1 && v.first == ASCII.underscore)
    }

    private static func value(_ v: Bytes, _ name: String) throws(SpecError) -> Double {
        isGap(v) ? .nan : try Values.number(v, name)
    }

    /// `x`: one shared list, or (scatter only) one list per series. Numbers and times may not
    /// mix; the first present value decides the kind, and an all-gap list is numeric.
    static func xValues(_ x: Bytes, _ name: String, type: ChartType, seriesCount: Int, size: Size) throws(SpecError) -> XValues {
        let listCount = size.lists
        if listCount > 1 && type != .scatter {
            throw SpecError(.invalidValue, parameter: name,
                            message: Messages.xListsNeedScatter(lists: listCount, type: type.rawValue))
        }
        guard listCount == 1 || listCount == seriesCount else {
            throw SpecError(.lengthMismatch, parameter: name,
                            message: Messages.xListCountMismatch(lists: listCount, series: seriesCount))
        }
        var kind: XValues.Kind?
        var values: [Double] = []
        values.reserveCapacity(size.values)
        var ends: [Int] = []
        ends.reserveCapacity(listCount)
        // One scan like `series`; a plain decimal is a number, so it must not follow a time.
        let s = x.span
        var i = 0
        while true {
            if let v = PlainDecimal.parse(s, at: &i) {
                if kind == .time {
                    throw SpecError(.invalidValue, parameter: name, message: Messages.mixedXKinds())
                }
                kind = .number
                values.append(v)
            } else {
                let start = i
                while i < s.count, s[i] != ASCII.comma, s[i] != ASCII.bar { i &+= 1 }
                if let (k, v) = try xValue(x[(x.startIndex + start)..<(x.startIndex + i)], name) {
                    if let kind, kind != k {
                        throw SpecError(.invalidValue, parameter: name, message: Messages.mixedXKinds())
                    }
                    kind = k
                    values.append(v)
                } else {
                    values.append(.nan)
                }
            }
            if i == s.count || s[i] == ASCII.bar { ends.append(values.count) }
            if i == s.count { break }
            i &+= 1
        }
        return XValues(kind: kind ?? .number, lists: split(values, at: ends))
    }

    /// `xmin`/`xmax`: a number always; a date or @unix only when x holds times.
    static func xBound(_ v: Bytes, _ name: String, axis: XValues.Kind) throws(SpecError) -> Double {
        guard axis == .time else {
            if v.first == ASCII.at || DateSyntax.looksLikeDate(v) {
                throw SpecError(.invalidValue, parameter: name, message: Messages.dateNeedsTimeAxis(name, value: Values.text(v)))
            }
            return try Values.number(v, name)
        }
        // Gaps make no sense for a bound: `_` falls through to the syntax error.
        guard !isGap(v), let (_, value) = try xValue(v, name) else {
            throw SpecError(.invalidValue, parameter: name, message: Messages.badTimeValue(name, value: Values.text(v)))
        }
        return value
    }

    /// One x value: nil for a gap, else its kind and value (times in Unix seconds).
    private static func xValue(_ v: Bytes, _ name: String) throws(SpecError) -> (XValues.Kind, Double)? {
        if isGap(v) { return nil }
        let isTime = v.first == ASCII.at || DateSyntax.looksLikeDate(v)
        if !isTime {
            switch NumberSyntax.parse(v) {
            case .value(let x): return (.number, x)
            case .notFinite:
                throw SpecError(.invalidValue, parameter: name, message: Messages.notFinite(name, value: Values.text(v)))
            case .malformed:
                throw SpecError(.invalidValue, parameter: name, message: badX(name, v))
            }
        }
        switch v.first == ASCII.at ? DateSyntax.parseUnix(v) : DateSyntax.parse(v) {
        case .seconds(let s): return (.time, s)
        case .malformed:
            throw SpecError(.invalidValue, parameter: name, message: badX(name, v))
        case .invalidDate:
            throw SpecError(.invalidValue, parameter: name, message: Messages.badDate(name, value: Values.text(v)))
        case .plusBecameSpace:
            throw SpecError(.invalidValue, parameter: name, message: Messages.plusBecameSpace(name, value: Values.text(v)))
        }
    }

    private static func badX(_ name: String, _ v: Bytes) -> String {
        name == "x" ? Messages.badXValue(value: Values.text(v)) : Messages.badTimeValue(name, value: Values.text(v))
    }
}
