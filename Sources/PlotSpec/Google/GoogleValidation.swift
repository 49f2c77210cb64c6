/// Routing and `chof=validate`.
extension QueryDecoder {
    /// Whether a query speaks the Google dialect: it has a `cht` parameter (any case, also
    /// after `&amp;`).
    public static func isGoogleDialect(_ query: String) -> Bool {
        // Runs on every request, native ones and revalidations too (a 58 KB POST body of data):
        // first a word-at-a-time test for `cht` anywhere (a native query has none), then one
        // pass over the bytes, looking only at the first bytes of each item, nothing copied.
        guard ByteScan.mayContainCHT(query) else { return false }
        var q = query
        return q.withUTF8 { bytes in
            var i = bytes.first == UInt8(ascii: "?") ? 1 : 0
            while i < bytes.count {
                var name = i
                if hasPrefix(bytes, at: name, "amp;") { name += 4 }
                if hasPrefix(bytes, at: name, "cht")
                    && (name + 3 == bytes.count || bytes[name + 3] == ASCII.equals || bytes[name + 3] == ASCII.amp) {
                    return true
                }
                while i < bytes.count && bytes[i] != ASCII.amp { i += 1 }
                i += 1
            }
            return false
        }
    }

    /// Case-insensitive ASCII prefix test at `offset`.
    private static func hasPrefix(_ bytes: UnsafeBufferPointer<UInt8>, at offset: Int, _ word: StaticString) -> Bool {
        guard offset + word.utf8CodeUnitCount <= bytes.count else { return false }
        return word.withUTF8Buffer { w in
            for k in 0..<w.count where ASCII.lower(bytes[offset + k]) != w[k] { return false }
            return true
        }
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
    /// is a valid size within the limits, else Google's 300x150 (shrunk into the limits);
    /// `chof=svg`/`pdf` when given, else nil (the path's format). So an `<img>` slot of 300x150
    /// gets a 300x150 error image.
    public func googleErrorLook(_ query: String) -> (width: Int, height: Int, format: OutputFormat?) {
        var notes = GoogleNotes()
        let fallback = GoogleLimits.defaultSize(limits)
        guard let q = try? GoogleQuery.parse(query, limits: limits, notes: &notes) else {
            return (fallback.width, fallback.height, nil)
        }
        var size = fallback
        // A chs beyond the operator's limits is itself the error: the image keeps the default.
        if let chs = q[.chs], let s = try? GoogleStyles.size(chs),
           (try? GoogleLimits.check(width: s.width, height: s.height, limits: limits)) != nil {
            size = s
        }
        var format: OutputFormat? = nil
        if let chof = q[.chof] { format = OutputFormat(rawValue: String(decoding: chof.map(ASCII.lower), as: UTF8.self)) }
        return (size.width, size.height, format)
    }
}
