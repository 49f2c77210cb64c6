/// Plain decimal numbers: `[+-]? (digits [. digits?] | . digits) ([eE] [+-]? digits)?`.
///
/// The grammar is checked here, byte by byte, because `Double(String)` is far more liberal
/// (it takes `nan`, `inf`, hex floats) and allocates per call. Most chart data has few
/// significant digits, so the common case is converted exactly without the standard library
/// (Clinger's fast path); everything else goes to `Double(String)`, which rounds correctly.
enum NumberSyntax {
    enum Outcome: Equatable {
        case value(Double)
        /// Not decimal syntax at all.
        case malformed
        /// `nan`, `inf`, or a value that overflows to infinity (`1e309`).
        case notFinite
    }

    /// Exact powers of ten; every one of them is representable in a Double.
    private static let powersOfTen: [Double] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ]

    static func parse(_ bytes: Bytes) -> Outcome {
        var i = bytes.startIndex
        let end = bytes.endIndex
        guard i < end else { return .malformed }

        var negative = false
        if bytes[i] == ASCII.plus || bytes[i] == ASCII.minus {
            negative = bytes[i] == ASCII.minus
            i += 1
        }

        // Significant digits go into `mantissa` while it can hold them exactly (19 digits fit
        // a UInt64); beyond that the fast path is off and the text is handed to the library.
        var mantissa: UInt64 = 0
        var significant = 0
        var exact = true
        var digits = 0
        var fractionDigits = 0

        @inline(__always) func accumulate(_ d: UInt8) {
            if mantissa == 0 && d == 0 { return }  // leading zeros are not significant
            if significant < 19 {
                mantissa = mantissa &* 10 &+ UInt64(d)
                significant += 1
            } else {
                exact = false
            }
        }

        while i < end, ASCII.isDigit(bytes[i]) {
            accumulate(bytes[i] &- 0x30)
            digits += 1
            i += 1
        }
        if i < end, bytes[i] == ASCII.dot {
            i += 1
            while i < end, ASCII.isDigit(bytes[i]) {
                accumulate(bytes[i] &- 0x30)
                digits += 1
                fractionDigits += 1
                i += 1
            }
        }
        guard digits > 0 else { return isNonFiniteWord(bytes) ? .notFinite : .malformed }

        var exponent = 0
        if i < end, bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E") {
            i += 1
            var exponentNegative = false
            if i < end, bytes[i] == ASCII.plus || bytes[i] == ASCII.minus {
                exponentNegative = bytes[i] == ASCII.minus
                i += 1
            }
            var exponentDigits = 0
            while i < end, ASCII.isDigit(bytes[i]) {
                // Saturate: anything this large is already 0 or infinity; no Int overflow.
                if exponent < 1_000_000 { exponent = exponent * 10 + Int(bytes[i] &- 0x30) }
                exponentDigits += 1
                i += 1
            }
            guard exponentDigits > 0 else { return .malformed }
            if exponentNegative { exponent = -exponent }
        }
        guard i == end else { return .malformed }

        // Zero in any spelling (`-0`, `0e999`) is +0: equal charts must get equal canonical
        // forms, and a gap-free sign bit keeps hashing simple.
        if exact && mantissa == 0 { return .value(0) }

        let scale = exponent - fractionDigits
        if exact, mantissa <= 1 << 53, scale >= -22, scale <= 22 {
            // Both operands are exact, so one IEEE operation rounds correctly.
            let m = Double(mantissa)
            let v = scale < 0 ? m / powersOfTen[-scale] : m * powersOfTen[scale]
            return .value(negative ? -v : v)
        }
        guard let v = Double(String(decoding: bytes, as: UTF8.self)) else { return .malformed }
        guard v.isFinite else { return .notFinite }
        return .value(v + 0)  // + 0 turns an underflowed -0 into +0
    }

    /// `nan`, `inf`, `infinity` with an optional sign, any case: reported as "not finite"
    /// rather than "not a number", which would be confusing for `nan`.
    private static func isNonFiniteWord(_ bytes: Bytes) -> Bool {
        var word = bytes
        if let first = word.first, first == ASCII.plus || first == ASCII.minus { word = word.dropFirst() }
        return ASCII.equalsIgnoringCase(word, "nan") || ASCII.equalsIgnoringCase(word, "inf")
            || ASCII.equalsIgnoringCase(word, "infinity")
    }
}
