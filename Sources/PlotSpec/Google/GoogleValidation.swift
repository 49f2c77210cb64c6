/// Routing and `chof=validate`.
extension QueryDecoder {
    /// Whether a query speaks the Google dialect: it has a `cht` parameter (any case, also
    /// after `&amp;`).
    public static func isGoogleDialect(_ query: String) -> Bool {
        var utf8 = Array(query.utf8)[...]
        if utf8.first == UInt8(ascii: "?") { utf8 = utf8.dropFirst() }
        for item in utf8.split(separator: ASCII.amp) {
            var name = item.prefix { $0 != ASCII.equals }
            if name.starts(with: "amp;".utf8) { name = name.dropFirst(4) }
            if name.count == 3, ASCII.equalsIgnoringCase(name, "cht") { return true }
        }
        return false
    }

    /// What is wrong with a Google-dialect URL, for `chof=validate`: every tolerated oddity
    /// (ignored parameters, labels for missing axes, repeated parameters, ...) in the order
    /// found, then the error that stops it from drawing, if any. Empty: the URL is clean.
    public func googleProblems(_ query: String) -> [String] {
        var notes = GoogleNotes()
        do {
            _ = try GoogleDecoder.decode(query, defaultFormat: .png, limits: limits, notes: &notes)
            return notes.list
        } catch {
            return notes.list + [error.message]
        }
    }
}
