/// The canonical query: one spelling per chart, for ETags and cache keys.
///
/// Parameters in `Parameter` order, canonical names, defaults omitted, numbers in one spelling
/// (`1` not `1.0`; otherwise Swift's shortest round-trip form), gaps empty (a lone gap `_`),
/// times as `@seconds`, colours as lowercase hex, booleans as `1`, texts percent-encoded except
/// `A-Za-z0-9-._~`.
/// Decoding the canonical query gives the same spec back, so it can also be logged and replayed
/// (percent-encoding can make it up to three times longer than the query it came from, so a
/// replay may need three times `maxQueryBytes`).
extension ChartSpec {
    public var canonicalQuery: String {
        var q = CanonicalWriter(.text)
        write(to: &q)
        return q.result
    }

    /// A 64-bit digest of the canonical form, for the ETag: equal for every spelling of a chart
    /// and different for different charts, like the canonical query itself, but without
    /// spelling numbers as text (numbers go in as their bit patterns, texts with their length):
    /// on a 10,000-value chart, writing the text was most of the cost of the tag.
    public func canonicalDigest(seed: FNV1a64) -> UInt64 {
        var q = CanonicalWriter(.digest(seed))
        write(to: &q)
        return q.digest
    }

    private func write(to q: inout CanonicalWriter) {
        // A spec from another dialect is canonical in that dialect (docs/GOOGLE.md): its
        // pictures are a function of the normalised query, which decodes back to itself.
        // The format is appended live because callers may set it after decoding.
        if let dialectCanonical {
            q.append(dialectCanonical)
            if format != .png { q.append("&chof=" + format.rawValue) }
            return
        }
        if type != .line { q.field(.type) { $0.append(type.rawValue) } }
        let size = type.defaultSize
        if width != size.width { q.field(.w) { $0.append(String(width)) } }
        if height != size.height { q.field(.h) { $0.append(String(height)) } }
        if dpr != 1 { q.field(.dpr) { $0.number(dpr) } }
        if !series.isEmpty { q.field(.d) { $0.lists(series) } }
        if let x { q.field(.x) { $0.lists(x.lists, prefix: x.kind == .time ? ASCII.at : nil) } }
        if !labels.isEmpty { q.field(.labels) { $0.texts(labels) } }
        if !names.isEmpty { q.field(.names) { $0.texts(names) } }
        if !colors.isEmpty { q.field(.colors) { $0.append(colors.map(\.hexString).joined(separator: ",")) } }
        for (parameter, text) in [(Parameter.title, title), (.xlabel, xLabel), (.ylabel, yLabel)] {
            if let text, !text.isEmpty { q.field(parameter) { $0.text(text) } }
        }
        for (parameter, bound) in [(Parameter.xmin, xMin), (.xmax, xMax), (.ymin, yMin), (.ymax, yMax)] {
            if let bound { q.field(parameter) { $0.number(bound) } }
        }
        if yLog { q.field(.ylog) { $0.append("1") } }
        if stacked { q.field(.stack) { $0.append("1") } }
        if horizontal { q.field(.horizontal) { $0.append("1") } }
        if legend != .auto { q.field(.legend) { $0.append(legend.rawValue) } }
        if grid != .y { q.field(.grid) { $0.append(grid.rawValue) } }
        if theme != .light { q.field(.theme) { $0.append(theme.rawValue) } }
        switch background {
        case .theme: break
        case .transparent: q.field(.bg) { $0.append("transparent") }
        case .color(let c): q.field(.bg) { $0.append(c.hexString) }
        }
        if let lineWidth { q.field(.lw) { $0.number(lineWidth) } }
        if format != .png { q.field(.format) { $0.append(format.rawValue) } }
    }
}

/// Builds the query as UTF-8 bytes (appending bytes is several times faster than appending
/// small Strings), or feeds the same content straight into a digest.
struct CanonicalWriter {
    enum Mode {
        case text
        case digest(FNV1a64)
    }

    private var bytes: [UInt8] = []
    private var hash: FNV1a64? = nil

    init(_ mode: Mode) {
        if case .digest(let seed) = mode { hash = seed }
    }

    var result: String { String(decoding: bytes, as: UTF8.self) }
    var digest: UInt64 { hash?.value ?? 0 }

    mutating func field(_ parameter: Parameter, _ value: (inout CanonicalWriter) -> Void) {
        if hash != nil || !bytes.isEmpty { append(ASCII.amp) }
        append(parameter.name)
        append(ASCII.equals)
        value(&self)
    }

    mutating func append(_ text: String) {
        if hash != nil { hash?.add(text.utf8) } else { bytes += text.utf8 }
    }

    mutating func append(_ byte: UInt8) {
        if hash != nil { hash?.add(byte) } else { bytes.append(byte) }
    }

    /// Integers (below 1e16, where every Double is still exact in Int64) without `.0`; other
    /// values in Swift's shortest round-trip spelling with `e+` shortened to `e` (a `+` would
    /// read as a space). -0 prints as 0; NaN (a gap) as nothing.
    mutating func number(_ v: Double) {
        if hash != nil {
            hash?.add(bits: Self.digestBits(v))
            return
        }
        if v.isNaN { return }
        // The magnitude test comes first: it makes `Int64(v)` safe (and rejects NaN).
        if abs(v) < 1e16, Double(Int64(v)) == v {
            integer(Int64(v))
            return
        }
        if FixedDecimal.append(v, to: &bytes) { return }
        for b in v.description.utf8 where b != ASCII.plus { bytes.append(b) }
    }

    /// A number as the digest takes it: fixed width, so no separator is needed to tell numbers
    /// apart; -0 is 0 as in text, and every gap the same NaN.
    @inline(__always)
    private static func digestBits(_ v: Double) -> UInt64 {
        v.isNaN ? Double.nan.bitPattern : (v == 0 ? 0 : v.bitPattern)
    }

    private mutating func integer(_ n: Int64) {
        FixedDecimal.write(n.magnitude, decimals: 0, negative: n < 0, to: &bytes)
    }

    /// Series or x lists: values by `,`, lists by `|`. Gaps are empty, except a lone gap: `d=`
    /// would mean "no d at all", so it is `d=_`.
    mutating func lists(_ lists: [[Double]], prefix: UInt8? = nil) {
        if lists.count == 1, lists[0].count == 1, lists[0][0].isNaN {
            append(ASCII.underscore)
            return
        }
        if var h = hash {
            // The same bytes as the loop below feeds through `append` and `number`, into a
            // local hash: on 10,000 values the Optional's checks per value cost more than FNV.
            for (i, list) in lists.enumerated() {
                if i > 0 { h.add(ASCII.bar) }
                for (j, v) in list.enumerated() {
                    if j > 0 { h.add(ASCII.comma) }
                    if let prefix, !v.isNaN { h.add(prefix) }
                    h.add(bits: Self.digestBits(v))
                }
            }
            hash = h
            return
        }
        for (i, list) in lists.enumerated() {
            if i > 0 { append(ASCII.bar) }
            for (j, v) in list.enumerated() {
                if j > 0 { append(ASCII.comma) }
                if let prefix, !v.isNaN { append(prefix) }
                number(v)
            }
        }
    }

    mutating func texts(_ texts: [String]) {
        for (i, text) in texts.enumerated() {
            if i > 0 { append(ASCII.bar) }
            self.text(text)
        }
    }

    /// Percent-encodes everything except the unreserved characters `A-Za-z0-9-._~` (RFC 3986),
    /// so every text has exactly one spelling.
    mutating func text(_ text: String) {
        if hash != nil {
            // Length first: a raw `|` or `&` inside a text must not look like a separator.
            hash?.add(bits: UInt64(text.utf8.count))
            hash?.add(text.utf8)
            return
        }
        PercentEncoding.encode(text, into: &bytes)
    }
}
