/// Splits a raw query (`a=b&c=d`, without the leading `?`) into decoded name/value items.
///
/// Limits come first: the byte length is checked before anything is allocated, and the item
/// count before any item is decoded, so a hostile query costs nothing proportional to its size
/// until it is known to be within bounds.
public struct QueryItems {
    /// One decoded item. The value stays as bytes: the big parameters (`d`, `x`) are parsed
    /// straight from them, without building a String first.
    struct Item {
        var name: String
        /// Percent-decoded, valid UTF-8. A value with nothing to decode is a slice of the
        /// query's own bytes: the 58 KB of a big data value are not copied.
        var value: Bytes
    }

    public static func parse(_ raw: String, limits: Limits) throws(SpecError) -> [(name: String, value: String)] {
        let items = try items(raw, limits: limits)
        return items.map { (name: $0.name, value: String(decoding: $0.value, as: UTF8.self)) }
    }

    static func items(_ raw: String, limits: Limits) throws(SpecError) -> [Item] {
        let length = raw.utf8.count
        guard length <= limits.maxQueryBytes else {
            throw SpecError(.queryTooLong, message: Messages.queryTooLong(bytes: length, limit: limits.maxQueryBytes))
        }
        // One copy, bounded by the length limit just checked; scanning an Array is much faster
        // than walking String.UTF8View.
        let bytes = Array(raw.utf8)[...]
        let count = ByteScan.itemCount(bytes)
        guard count <= limits.maxParameters else {
            throw SpecError(.tooManyParameters, message: Messages.tooManyParameters(count: count, limit: limits.maxParameters))
        }

        var items: [Item] = []
        items.reserveCapacity(count)
        // With several broken items, the error reported is the one of the item that sorts first,
        // whatever the order of the items in the query.
        var firstError: (segment: Bytes, error: SpecError)? = nil
        var start = bytes.startIndex
        while start <= bytes.endIndex {
            let scan = ByteScan.segment(in: bytes, from: start)
            let end = scan.end
            if end > start {  // empty items (`a=1&&b=2`, a trailing `&`) are skipped
                let segment = bytes[start..<end]
                do {
                    items.append(try item(segment, needsDecoding: scan.needsDecoding, isASCII: scan.isASCII))
                } catch {
                    if firstError.map({ segment.lexicographicallyPrecedes($0.segment) }) ?? true {
                        firstError = (segment, error)
                    }
                }
            }
            start = end + 1
        }
        if let firstError { throw firstError.error }
        return items
    }

    private static func item(_ segment: Bytes, needsDecoding: Bool, isASCII: Bool) throws(SpecError) -> Item {
        // Only the first `=` separates; later ones belong to the value. No `=`: empty value.
        let eq = segment.firstIndex(of: ASCII.equals)
        let rawName = segment[..<(eq ?? segment.endIndex)]
        let rawValue = eq.map { segment[($0 + 1)...] } ?? segment[segment.endIndex...]

        // Nothing to decode: name and value are the query's bytes as they are, and ASCII
        // needs no validation. The checks run in the same order as below, so the error is too.
        if !needsDecoding {
            if !isASCII && !isValidUTF8(rawName) {
                throw SpecError(.invalidEncoding, message: Messages.invalidUTF8Name())
            }
            let name = String(decoding: rawName, as: UTF8.self)
            if !isASCII && !isValidUTF8(rawValue) {
                throw SpecError(.invalidEncoding, parameter: name, message: Messages.invalidUTF8(parameter: name))
            }
            return Item(name: name, value: rawValue)
        }

        let nameBytes = try decode(rawName, parameter: nil)
        guard isValidUTF8(nameBytes) else {
            throw SpecError(.invalidEncoding, message: Messages.invalidUTF8Name())
        }
        let name = String(decoding: nameBytes, as: UTF8.self)
        let value = try decode(rawValue, parameter: name)
        guard isValidUTF8(value) else {
            throw SpecError(.invalidEncoding, parameter: name, message: Messages.invalidUTF8(parameter: name))
        }
        return Item(name: name, value: value[...])
    }

    private static func decode(_ bytes: Bytes, parameter: String?) throws(SpecError) -> [UInt8] {
        do {
            return try PercentEncoding.decode(bytes)
        } catch {
            // Quote the escape itself (`%G1`), not the whole value.
            let near = bytes[error.offset..<min(bytes.endIndex, error.offset + 3)]
            throw SpecError(.invalidEncoding, parameter: parameter,
                            message: Messages.badPercentEscape(near: Substring(String(decoding: near, as: UTF8.self))))
        }
    }

    static func isValidUTF8(_ bytes: [UInt8]) -> Bool { isValidUTF8(bytes[...]) }

    static func isValidUTF8(_ bytes: Bytes) -> Bool {
        // Nearly every value is ASCII; only pay for full validation when it is not.
        if !bytes.contains(where: { $0 >= 0x80 }) { return true }
        return String(validating: bytes, as: UTF8.self) != nil
    }
}
