/// The query's items sorted into one slot per known parameter.
///
/// Unknown names and repeats are rejected here and cache busters dropped, so the decoder can
/// then go parameter by parameter in a fixed order: errors and results do not depend on the
/// order of the items in the query.
struct GivenParameters {
    private var values: [[UInt8]?] = Array(repeating: nil, count: Parameter.allCases.count)
    private var spellings: [String?] = Array(repeating: nil, count: Parameter.allCases.count)

    init(_ items: [QueryItems.Item]) throws(SpecError) {
        for item in items where !Parameter.isIgnored(item.name) {
            guard let parameter = Parameter(spelling: item.name) else {
                throw SpecError(.unknownParameter, parameter: item.name,
                                message: Messages.unknownParameter(Substring(item.name),
                                                                   suggestion: Suggest.nearest(to: item.name)))
            }
            let slot = parameter.rawValue
            if let previous = spellings[slot] {
                // `d=1&data=2` is as ambiguous as `d=1&d=2`.
                let message = previous == item.name
                    ? Messages.duplicateParameter(item.name)
                    : Messages.duplicateAlias(previous, item.name)
                throw SpecError(.duplicateParameter, parameter: item.name, message: message)
            }
            spellings[slot] = item.name
            values[slot] = item.value
        }
    }

    /// The decoded value, or nil when the parameter is absent or empty: an empty value
    /// (`w=`, or a bare `w`) means "not given", as an empty form field does.
    subscript(_ parameter: Parameter) -> Bytes? {
        guard let v = values[parameter.rawValue], !v.isEmpty else { return nil }
        return v[...]
    }

    /// The name as the query spelled it (an alias stays an alias), for messages; the canonical
    /// name when the parameter was not given.
    func spelling(_ parameter: Parameter) -> String {
        spellings[parameter.rawValue] ?? parameter.name
    }
}
