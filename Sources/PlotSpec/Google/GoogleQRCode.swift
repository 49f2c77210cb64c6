/// `cht=qr`: `chl` is the text, `chld=<level>|<margin>` the error-correction level (L, M, Q,
/// H; L by default) and the quiet zone in modules (4 by default), `choe` the output encoding
/// (UTF-8 by default; ISO-8859-1 when the text fits Latin-1; Shift_JIS is not available).
///
/// The text is checked against what a QR code can hold here, so the renderer (which computes
/// the modules with libqrencode) is never handed a text that cannot be encoded.
enum GoogleQRCode {
    static let maxMargin = 40

    static func parse(_ q: GoogleQuery, notes: inout GoogleNotes) throws(SpecError) -> QRCodeSpec {
        // The whole value is the text: a `|` in it is data, not a list separator.
        guard let chl = q[.chl] else {
            throw SpecError(.missingParameter, parameter: "chl", message: Messages.googleMissingQRText())
        }
        var code = QRCodeSpec(payload: Array(chl))
        if let v = q[.chld] { try levelAndMargin(v, into: &code) }
        if let v = q[.choe] { code.payload = payload(chl, encoding: v, notes: &notes) }
        let limit = code.level.byteCapacity
        guard code.payload.count <= limit else {
            throw SpecError(.textTooLong, parameter: "chl",
                            message: Messages.googleQRTooLong(bytes: code.payload.count, level: code.level.rawValue,
                                                              limit: limit))
        }
        return code
    }

    /// `chld=H|2`, `chld=M`, `chld=|1` (margin only); level letters in any case.
    private static func levelAndMargin(_ v: Bytes, into code: inout QRCodeSpec) throws(SpecError) {
        let parts = GoogleSyntax.split(v, ASCII.bar)
        let letter = GoogleSyntax.trim(parts[0])
        if !letter.isEmpty {
            let word = String(decoding: letter.map(upper), as: UTF8.self)
            guard let level = QRCodeSpec.Level(rawValue: word) else {
                throw SpecError(.invalidValue, parameter: "chld", message: Messages.googleQRLevel(Values.text(letter)))
            }
            code.level = level
        }
        if parts.count > 1, !GoogleSyntax.trim(parts[1]).isEmpty {
            let t = GoogleSyntax.trim(parts[1])
            guard t.count <= 2, t.allSatisfy(ASCII.isDigit) else {
                throw SpecError(.invalidValue, parameter: "chld", message: Messages.googleQRMargin(Values.text(t)))
            }
            let margin = t.reduce(0) { $0 * 10 + Int($1 - 0x30) }
            guard margin <= maxMargin else {
                throw SpecError(.invalidValue, parameter: "chld", message: Messages.googleQRMargin(Values.text(t)))
            }
            code.margin = margin
        }
    }

    /// The bytes to encode: UTF-8 as decoded from the URL, or Latin-1 when asked and possible.
    private static func payload(_ text: Bytes, encoding: Bytes, notes: inout GoogleNotes) -> [UInt8] {
        let word = String(decoding: encoding.map(upper), as: UTF8.self).trimmingSpaces()
        switch word {
        case "UTF-8", "UTF8":
            return Array(text)
        case "ISO-8859-1", "ISO8859-1", "LATIN1", "LATIN-1":
            var out: [UInt8] = []
            for scalar in String(decoding: text, as: UTF8.self).unicodeScalars {
                guard scalar.value <= 0xFF else {
                    notes.add(Messages.googleQRNotLatin1())
                    return Array(text)
                }
                out.append(UInt8(scalar.value))
            }
            return out
        default:
            // Shift_JIS would need a conversion table for a rare case; UTF-8 is what phones read.
            notes.add(Messages.googleQREncodingFallback(String(decoding: GoogleSyntax.trim(encoding), as: UTF8.self)))
            return Array(text)
        }
    }

    private static func upper(_ b: UInt8) -> UInt8 { b &- 0x61 < 26 ? b & 0xDF : b }
}
