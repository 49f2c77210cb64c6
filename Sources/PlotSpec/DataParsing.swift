/// The data (`d`) and x values (`x`, `xmin`, `xmax`).
///
/// Sizes are checked before parsing by counting separators, which allocates nothing: a query
/// with too many values is rejected before a single Double is stored, and the arrays that are
/// built afterwards are known to be within `Limits`.
enum DataSyntax {
    /// Series count and total point count (d values plus x values) against the limits.
    static func checkSize(d: Bytes, dName: String, x: Bytes?, limits: Limits) throws(SpecError) {
        let bars = ASCII.count(ASCII.bar, in: d)
        let seriesCount = bars + 1
        guard seriesCount <= limits.maxSeries else {
            throw SpecError(.tooMuchData, parameter: dName,
                            message: Messages.tooManySeries(count: seriesCount, limit: limits.maxSeries))
        }
        // Every separator starts one more value.
        var points = ASCII.count(ASCII.comma, in: d) + seriesCount
        if let x { points += ASCII.count(ASCII.comma, in: x) + ASCII.count(ASCII.bar, in: x) + 1 }
        guard points <= limits.maxPoints else {
            throw SpecError(.tooMuchData, parameter: dName,
                            message: Messages.tooManyPoints(count: points, limit: limits.maxPoints))
        }
    }

    /// `d`: series separated by `|`, values by `,`; empty or `_` is a gap (NaN).
    static func series(_ d: Bytes, _ name: String) throws(SpecError) -> [[Double]] {
        var all: [[Double]] = []
        all.reserveCapacity(ASCII.count(ASCII.bar, in: d) + 1)
        var current: [Double] = []
        var start = d.startIndex
        while true {
            var end = start
            while end < d.endIndex, d[end] != ASCII.comma, d[end] != ASCII.bar { end += 1 }
            current.append(try value(d[start..<end], name))
            if end == d.endIndex {
                all.append(current)
                return all
            }
            if d[end] == ASCII.bar {
                all.append(current)
                current = []
            }
            start = end + 1
        }
    }

    private static func isGap(_ v: Bytes) -> Bool {
        v.isEmpty || (v.count == 1 && v.first == ASCII.underscore)
    }

    private static func value(_ v: Bytes, _ name: String) throws(SpecError) -> Double {
        isGap(v) ? .nan : try Values.number(v, name)
    }

    /// `x`: one shared list, or (scatter only) one list per series. Numbers and times may not
    /// mix; the first present value decides the kind, and an all-gap list is numeric.
    static func xValues(_ x: Bytes, _ name: String, type: ChartType, seriesCount: Int) throws(SpecError) -> XValues {
        let listCount = ASCII.count(ASCII.bar, in: x) + 1
        if listCount > 1 && type != .scatter {
            throw SpecError(.invalidValue, parameter: name,
                            message: Messages.xListsNeedScatter(lists: listCount, type: type.rawValue))
        }
        guard listCount == 1 || listCount == seriesCount else {
            throw SpecError(.lengthMismatch, parameter: name,
                            message: Messages.xListCountMismatch(lists: listCount, series: seriesCount))
        }
        var kind: XValues.Kind?
        var lists: [[Double]] = []
        lists.reserveCapacity(listCount)
        var values: [Double] = []
        // One scan like `series`: splitting into arrays of slices first cost more than parsing.
        var start = x.startIndex
        while true {
            var end = start
            while end < x.endIndex, x[end] != ASCII.comma, x[end] != ASCII.bar { end += 1 }
            if let (k, v) = try xValue(x[start..<end], name) {
                if let kind, kind != k {
                    throw SpecError(.invalidValue, parameter: name, message: Messages.mixedXKinds())
                }
                kind = k
                values.append(v)
            } else {
                values.append(.nan)
            }
            if end == x.endIndex || x[end] == ASCII.bar {
                lists.append(values)
                values = []
            }
            if end == x.endIndex { break }
            start = end + 1
        }
        return XValues(kind: kind ?? .number, lists: lists)
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
