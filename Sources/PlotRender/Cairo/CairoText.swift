/// Text as Cairo will take it.
///
/// Cairo refuses a whole string (and puts the context into an error state, failing the render)
/// when it holds a Unicode noncharacter (U+FDD0...U+FDEF, U+nFFFE, U+nFFFF), although that is
/// valid UTF-8 and the decoder rightly accepts it. Such characters are drawn as U+FFFD, the
/// replacement character, wherever text reaches Cairo: chart texts and error messages alike.
enum CairoText {
    static func safe(_ text: String) -> String {
        // Every noncharacter's UTF-8 starts with 0xEF (3 bytes) or 0xF0...0xF4 (4 bytes): most
        // texts have neither and are returned untouched after one byte scan.
        guard text.utf8.contains(where: { $0 >= 0xEF }) else { return text }
        var scalars = String.UnicodeScalarView()
        var changed = false
        for scalar in text.unicodeScalars {
            if isNoncharacter(scalar.value) {
                scalars.append("\u{FFFD}")
                changed = true
            } else {
                scalars.append(scalar)
            }
        }
        return changed ? String(scalars) : text
    }

    static func isNoncharacter(_ v: UInt32) -> Bool {
        (0xFDD0...0xFDEF).contains(v) || v & 0xFFFE == 0xFFFE
    }
}
