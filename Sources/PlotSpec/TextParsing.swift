/// Free texts (title, axis labels) and `|`-separated text lists (category labels, series
/// names). Texts are drawn verbatim except for control characters, which become spaces: a
/// newline or NUL would break text layout or the error image, and silently dropping them
/// would glue words together.
enum Texts {
    static func text(_ v: Bytes, _ name: String, limits: Limits) throws(SpecError) -> String {
        // Unicode scalars = UTF-8 bytes that do not continue a sequence (input is valid UTF-8).
        var length = 0
        var hasControl = false
        for b in v {
            if b & 0xC0 != 0x80 { length += 1 }
            if b < 0x20 || b == 0x7F { hasControl = true }
        }
        guard length <= limits.maxTextLength else {
            throw SpecError(.textTooLong, parameter: name,
                            message: Messages.textTooLong(name, length: length, limit: limits.maxTextLength))
        }
        // Control characters are single bytes in UTF-8, so replacing them byte-wise is exact.
        if hasControl {
            return String(decoding: v.map { $0 < 0x20 || $0 == 0x7F ? ASCII.space : $0 }, as: UTF8.self)
        }
        return ASCII.string(v)
    }

    /// `a|b|c`; empty entries stay (an empty label is a deliberate blank).
    static func list(_ v: Bytes, _ name: String, limits: Limits) throws(SpecError) -> [String] {
        let count = ASCII.count(ASCII.bar, in: v) + 1
        guard count <= limits.maxLabels else {
            throw SpecError(.tooMuchData, parameter: name,
                            message: Messages.tooManyLabels(name, count: count, limit: limits.maxLabels))
        }
        var result: [String] = []
        result.reserveCapacity(count)
        for item in v.split(separator: ASCII.bar, omittingEmptySubsequences: false) {
            result.append(try text(item, name, limits: limits))
        }
        return result
    }
}
