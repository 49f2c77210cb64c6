/// Splits a Google Image Charts query the way Google's servers tolerated it: `&amp;` from
/// HTML-escaped copies is `&`, empty items (`?&`, `&&`) are skipped, a broken percent-escape
/// stays literal, invalid UTF-8 becomes U+FFFD, names are matched case-insensitively and
/// trimmed, and unknown names are ignored (noted for `chof=validate`).
///
/// A repeated parameter resolves to its last occurrence: URLs are usually built by appending
/// an override to a base URL, and the later value is the one the author meant.
struct GoogleQuery {
    private var values: [GoogleParameter: [UInt8]] = [:]

    static func parse(_ raw: String, limits: Limits, notes: inout GoogleNotes) throws(SpecError) -> GoogleQuery {
        let length = raw.utf8.count
        guard length <= limits.maxQueryBytes else {
            throw SpecError(.queryTooLong, message: Messages.queryTooLong(bytes: length, limit: limits.maxQueryBytes))
        }
        var bytes = Array(raw.utf8)
        if bytes.first == UInt8(ascii: "?") { bytes.removeFirst() }
        bytes = replacingAmpEntities(bytes)
        let items = bytes.split(separator: ASCII.amp, omittingEmptySubsequences: true)
        guard items.count <= limits.maxParameters else {
            throw SpecError(.tooManyParameters,
                            message: Messages.tooManyParameters(count: items.count, limit: limits.maxParameters))
        }
        var query = GoogleQuery()
        for item in items {
            let eq = item.firstIndex(of: ASCII.equals)
            let rawName = item[..<(eq ?? item.endIndex)]
            let value = eq.map { tolerantDecode(item[($0 + 1)...]) } ?? []
            let name = String(decoding: tolerantDecode(rawName).map(ASCII.lower), as: UTF8.self)
                .trimmingSpaces()
            guard let parameter = GoogleParameter(rawValue: name) else {
                if !name.isEmpty, !Parameter.isIgnored(name) { notes.add(Messages.googleIgnoredParameter(name)) }
                continue
            }
            if query.values[parameter] != nil { notes.add(Messages.googleRepeatedParameter(name)) }
            query.values[parameter] = value
        }
        return query
    }

    /// The value, or nil when absent or blank (an empty form field means "not given").
    subscript(_ parameter: GoogleParameter) -> Bytes? {
        guard let v = values[parameter] else { return nil }
        let trimmed = GoogleSyntax.trim(v[...])
        return trimmed.isEmpty ? nil : trimmed
    }

    /// Every given parameter with its value, in canonical order.
    var given: [(GoogleParameter, Bytes)] {
        GoogleParameter.allCases.compactMap { p in self[p].map { (p, $0) } }
    }

    /// `&amp;` (and `&amp%3B`) as pasted from HTML source.
    private static func replacingAmpEntities(_ bytes: [UInt8]) -> [UInt8] {
        let entity = Array("&amp;".utf8), escaped = Array("&amp%3B".utf8)
        guard bytes.count >= entity.count else { return bytes }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = 0
        while i < bytes.count {
            if bytes[i] == ASCII.amp {
                if bytes[i...].starts(with: entity) { out.append(ASCII.amp); i += entity.count; continue }
                if bytes[i...].starts(with: escaped) { out.append(ASCII.amp); i += escaped.count; continue }
            }
            out.append(bytes[i])
            i += 1
        }
        return out
    }

    /// `+` is a space, `%XX` a byte; a `%` without two hex digits is kept as it is.
    static func tolerantDecode(_ bytes: ArraySlice<UInt8>) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = bytes.startIndex
        while i < bytes.endIndex {
            let b = bytes[i]
            if b == ASCII.percent, bytes.endIndex - i >= 3,
               let hi = ASCII.hexValue(bytes[i + 1]), let lo = ASCII.hexValue(bytes[i + 2]) {
                out.append(hi << 4 | lo)
                i += 3
                continue
            }
            out.append(b == ASCII.plus ? ASCII.space : b)
            i += 1
        }
        // Texts are drawn, so they must be valid UTF-8: broken sequences become U+FFFD.
        if QueryItems.isValidUTF8(out) { return out }
        return Array(String(decoding: out, as: UTF8.self).utf8)
    }
}

/// The parameters of the Google dialect, in canonical order.
enum GoogleParameter: String, CaseIterable, Sendable {
    case cht, chs, chd, chds, chco, chf, chtt, chts, chdl, chdlp, chdls, chl, chma, chp
    case chxt, chxl, chxp, chxr, chxs, chxtc, chbh, chls, chg, chm, chof
    /// QR codes and maps: known so they are not reported as unknown, though not drawn.
    case chld, choe
}

/// Tolerated oddities of one query, in the order found: what `chof=validate` reports besides
/// an error.
struct GoogleNotes {
    private(set) var list: [String] = []
    mutating func add(_ note: String) {
        // A bounded list: a hostile query must not make a huge report.
        if list.count < 50, !list.contains(note) { list.append(note) }
    }
}

extension String {
    func trimmingSpaces() -> String {
        var s = Substring(self)
        while s.first == " " { s = s.dropFirst() }
        while s.last == " " { s = s.dropLast() }
        return String(s)
    }
}
