/// The query's items sorted into one slot per known parameter.
///
/// Unknown names and repeats are rejected here and cache busters dropped, so the decoder can
/// then go parameter by parameter in a fixed order: errors and results do not depend on the
/// order of the items in the query.
struct GivenParameters {
    private var values: [Bytes?] = Array(repeating: nil, count: Parameter.allCases.count)
    private var spellings: [String?] = Array(repeating: nil, count: Parameter.allCases.count)

    init(_ items: [QueryItems.Item]) throws(SpecError) {
        // With several problems in one query, the one reported must not depend on the items'
        // order either: unknown names first (the one that sorts first), then repeats in
        // parameter order, quoting the spellings in sorted order.
        var unknown: String? = nil
        var repeated: [Int: [String]] = [:]
        for item in items where !Parameter.isIgnored(item.name) {
            guard let parameter = Parameter(spelling: item.name) else {
                if unknown.map({ item.name < $0 }) ?? true { unknown = item.name }
                continue
            }
            let slot = parameter.rawValue
            if let previous = spellings[slot] {
                repeated[slot, default: [previous]].append(item.name)
                continue
            }
            spellings[slot] = item.name
            values[slot] = item.value
        }
        if let unknown {
            throw SpecError(.unknownParameter, parameter: unknown,
                            message: Messages.unknownParameter(Substring(unknown), suggestion: Suggest.nearest(to: unknown)))
        }
        if let (_, names) = repeated.min(by: { $0.key < $1.key }) {
            let sorted = names.sorted()
            let first = sorted[0], other = sorted.first { $0 != first } ?? first
            // `d=1&data=2` is as ambiguous as `d=1&d=2`.
            let message = other == first ? Messages.duplicateParameter(first) : Messages.duplicateAlias(first, other)
            throw SpecError(.duplicateParameter, parameter: other, message: message)
        }
    }

    /// The decoded value, or nil when the parameter is absent or empty: an empty value
    /// (`w=`, or a bare `w`) means "not given", as an empty form field does.
    subscript(_ parameter: Parameter) -> Bytes? {
        guard let v = values[parameter.rawValue], !v.isEmpty else { return nil }
        return v
    }

    /// The name as the query spelled it (an alias stays an alias), for messages; the canonical
    /// name when the parameter was not given.
    func spelling(_ parameter: Parameter) -> String {
        spellings[parameter.rawValue] ?? parameter.name
    }
}
