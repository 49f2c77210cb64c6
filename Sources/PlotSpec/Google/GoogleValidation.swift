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

/// What the gateway needs to know about a Google URL before (or instead of) drawing it.
extension QueryDecoder {
    /// Whether the URL asks for `chof=validate` (the last `chof` wins, as for every parameter).
    public static func isGoogleValidation(_ query: String) -> Bool {
        guard isGoogleDialect(query) else { return false }
        var notes = GoogleNotes()
        guard let q = try? GoogleQuery.parse(query, limits: .standard, notes: &notes), let chof = q[.chof] else {
            return false
        }
        return ASCII.equalsIgnoringCase(chof, "validate")
    }

    /// The size and format a failed Google URL's error image should have: its `chs` when that
    /// is a valid size, else Google's 300x150; `chof=svg`/`pdf` when given, else nil (the
    /// path's format). So an `<img>` slot of 300x150 gets a 300x150 error image.
    public func googleErrorLook(_ query: String) -> (width: Int, height: Int, format: OutputFormat?) {
        var notes = GoogleNotes()
        guard let q = try? GoogleQuery.parse(query, limits: limits, notes: &notes) else { return (300, 150, nil) }
        var size = (width: 300, height: 150)
        if let chs = q[.chs], let s = try? GoogleStyles.size(chs) { size = s }
        var format: OutputFormat? = nil
        if let chof = q[.chof] { format = OutputFormat(rawValue: String(decoding: chof.map(ASCII.lower), as: UTF8.self)) }
        return (size.width, size.height, format)
    }
}
