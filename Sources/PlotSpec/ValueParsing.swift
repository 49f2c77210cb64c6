/// Scalar parameter values: whole numbers, bounded numbers, booleans, enum choices, colours.
/// Each function takes the value bytes and the parameter's spelling, and throws an error that
/// names both.
enum Values {
    /// Optional sign and digits. Overflow is reported as out of range (it is a whole number,
    /// just an absurd one), computed without trapping arithmetic.
    static func integer(_ v: Bytes, _ name: String, min: Int, max: Int) throws(SpecError) -> Int {
        var i = v.startIndex
        var negative = false
        if i < v.endIndex, v[i] == ASCII.plus || v[i] == ASCII.minus {
            negative = v[i] == ASCII.minus
            i += 1
        }
        guard i < v.endIndex, v[i...].allSatisfy(ASCII.isDigit) else {
            throw SpecError(.invalidValue, parameter: name, message: Messages.notAnInteger(name, value: text(v)))
        }
        var result = 0
        var overflow = false
        for b in v[i...] where !overflow {
            let (times10, o1) = result.multipliedReportingOverflow(by: 10)
            let (sum, o2) = times10.addingReportingOverflow(Int(b &- 0x30))
            overflow = o1 || o2
            result = sum
        }
        if negative { result = -result }  // cannot overflow: result >= 0 here
        guard !overflow, result >= min, result <= max else {
            throw SpecError(.outOfRange, parameter: name,
                            message: Messages.outOfRange(name, value: text(v), range: "\(min) to \(max)"))
        }
        return result
    }

    /// A finite number in plain decimal syntax.
    static func number(_ v: Bytes, _ name: String) throws(SpecError) -> Double {
        switch NumberSyntax.parse(v) {
        case .value(let x): return x
        case .malformed:
            throw SpecError(.invalidValue, parameter: name, message: Messages.notANumber(name, value: text(v)))
        case .notFinite:
            throw SpecError(.invalidValue, parameter: name, message: Messages.notFinite(name, value: text(v)))
        }
    }

    /// A finite number within `min...max`, compared without building a `ClosedRange` (which
    /// would trap if an operator configured `max < min`).
    static func number(_ v: Bytes, _ name: String, min: Double, max: Double) throws(SpecError) -> Double {
        let x = try number(v, name)
        guard x >= min, x <= max else {
            throw SpecError(.outOfRange, parameter: name,
                            message: Messages.outOfRange(name, value: text(v),
                                                         range: "\(Format.number(min)) to \(Format.number(max))"))
        }
        return x
    }

    private static let trueWords: [StaticString] = ["1", "true", "yes", "on"]
    private static let falseWords: [StaticString] = ["0", "false", "no", "off"]

    static func bool(_ v: Bytes, _ name: String) throws(SpecError) -> Bool {
        if trueWords.contains(where: { ASCII.equalsIgnoringCase(v, $0) }) { return true }
        if falseWords.contains(where: { ASCII.equalsIgnoringCase(v, $0) }) { return false }
        throw SpecError(.invalidValue, parameter: name,
                        message: Messages.notInChoices(name, value: text(v),
                                                       choices: ["1", "0", "true", "false", "yes", "no", "on", "off"]))
    }

    /// One of an enum's raw values, case-insensitively.
    static func choice<E: RawRepresentable & CaseIterable>(_ v: Bytes, _ name: String) throws(SpecError) -> E
    where E.RawValue == String {
        // Raw values are short ASCII words; longer input cannot match and is not copied.
        if v.count <= 16, let e = E(rawValue: String(decoding: v.map(ASCII.lower), as: UTF8.self)) {
            return e
        }
        throw SpecError(.invalidValue, parameter: name,
                        message: Messages.notInChoices(name, value: text(v), choices: E.allCases.map(\.rawValue)))
    }

    /// `transparent` or a hex colour.
    static func background(_ v: Bytes, _ name: String) throws(SpecError) -> Background {
        if ASCII.equalsIgnoringCase(v, "transparent") { return .transparent }
        guard let c = ColorSyntax.parse(v) else {
            throw SpecError(.invalidValue, parameter: name, message: Messages.badBackground(value: text(v)))
        }
        return .color(c)
    }

    /// Comma-separated hex colours; at most `maxLabels` of them (one per series or pie slice).
    static func colors(_ v: Bytes, _ name: String, limits: Limits) throws(SpecError) -> [RGBA] {
        let count = ASCII.count(ASCII.comma, in: v) + 1
        guard count <= limits.maxLabels else {
            throw SpecError(.tooMuchData, parameter: name,
                            message: Messages.tooManyLabels(name, count: count, limit: limits.maxLabels))
        }
        var result: [RGBA] = []
        result.reserveCapacity(count)
        for item in v.split(separator: ASCII.comma, omittingEmptySubsequences: false) {
            guard let c = ColorSyntax.parse(item) else {
                throw SpecError(.invalidValue, parameter: name, message: Messages.badColor(name, value: text(item)))
            }
            result.append(c)
        }
        return result
    }

    /// A value as text for quoting in a message.
    static func text(_ v: Bytes) -> Substring { Substring(ASCII.string(v)) }
}
