/// ISO-8601 dates and date-times, and `@unix-seconds`, to seconds since 1970-01-01T00:00:00Z.
///
/// Accepted: `2024-05-01`, then optionally `T` (or `t`, or a space) and `HH:MM`, `:SS`,
/// `.fraction`, and a zone `Z` or `±HH`, `±HHMM`, `±HH:MM`. No zone means UTC. A `+` offset must
/// be sent as `%2B` (a literal `+` in a query is a space; that case gets its own message). The calendar is
/// the proleptic Gregorian one (years 0000-9999), computed here rather than by a library so the
/// worker needs nothing but the standard library and the result never depends on the host's
/// time zone.
enum DateSyntax {
    enum Outcome: Equatable {
        case seconds(Double)
        /// Not date syntax.
        case malformed
        /// Date syntax, but a field is out of range (month 13, 30 February, 24:00).
        case invalidDate
        /// `12:30:00 02:00`: a `+` in the query turned into a space before the offset.
        case plusBecameSpace
    }

    /// A value starting `DDDD-` is meant as a date; a syntax error in it deserves a date
    /// message, not "not a number".
    static func looksLikeDate(_ b: Bytes) -> Bool {
        let s = b.startIndex
        return b.count >= 5 && ASCII.isDigit(b[s]) && ASCII.isDigit(b[s + 1]) && ASCII.isDigit(b[s + 2])
            && ASCII.isDigit(b[s + 3]) && b[s + 4] == ASCII.minus
    }

    /// `@` followed by plain number syntax (sign and decimals allowed).
    static func parseUnix(_ b: Bytes) -> Outcome {
        guard b.first == ASCII.at else { return .malformed }
        switch NumberSyntax.parse(b.dropFirst()) {
        case .value(let v): return .seconds(v)
        case .malformed, .notFinite: return .malformed
        }
    }

    static func parse(_ b: Bytes) -> Outcome {
        // Syntax first, ranges second: `2024-13-01 12:00` is a bad date, not bad syntax.
        var cursor = Cursor(bytes: b)
        guard let year = cursor.digits(4), cursor.skip(ASCII.minus),
              let month = cursor.digits(2), cursor.skip(ASCII.minus),
              let day = cursor.digits(2) else { return .malformed }
        var hour = 0, minute = 0, second = 0
        var fraction = 0.0
        var offsetSign = 0, offsetHour = 0, offsetMinute = 0
        var plusBecameSpace = false

        if !cursor.atEnd {
            guard cursor.skip(UInt8(ascii: "T")) || cursor.skip(UInt8(ascii: "t")) || cursor.skip(ASCII.space),
                  let h = cursor.digits(2), cursor.skip(ASCII.colon), let m = cursor.digits(2) else {
                return .malformed
            }
            hour = h
            minute = m
            if cursor.skip(ASCII.colon) {
                guard let s = cursor.digits(2) else { return .malformed }
                second = s
                if cursor.skip(ASCII.dot) {
                    guard let f = cursor.fraction() else { return .malformed }
                    fraction = f
                }
            }
            if cursor.skip(UInt8(ascii: "Z")) || cursor.skip(UInt8(ascii: "z")) {
                // UTC
            } else if let sign = cursor.peek, sign == ASCII.plus || sign == ASCII.minus || sign == ASCII.space {
                cursor.advance()
                guard let oh = cursor.digits(2) else { return .malformed }
                if !cursor.atEnd {
                    _ = cursor.skip(ASCII.colon)
                    guard let om = cursor.digits(2) else { return .malformed }
                    offsetMinute = om
                }
                offsetHour = oh
                offsetSign = sign == ASCII.minus ? -1 : 1
                plusBecameSpace = sign == ASCII.space
            }
            guard cursor.atEnd else { return .malformed }
        }
        if plusBecameSpace { return .plusBecameSpace }
        guard (1...12).contains(month), day >= 1, day <= daysInMonth(year: year, month: month),
              hour <= 23, minute <= 59, second <= 59, offsetHour <= 23, offsetMinute <= 59 else {
            return .invalidDate
        }
        // Local time = UTC + offset, so UTC = local - offset. At most 9999 years of seconds:
        // far inside Int and exact in a Double.
        let days = daysFromCivil(year: year, month: month, day: day)
        let whole = days * 86_400 + hour * 3600 + minute * 60 + second - offsetSign * (offsetHour * 3600 + offsetMinute * 60)
        return .seconds(Double(whole) + fraction)
    }

    static func isLeapYear(_ y: Int) -> Bool { y % 4 == 0 && (y % 100 != 0 || y % 400 == 0) }

    static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: isLeapYear(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Days since 1970-01-01 for a proleptic Gregorian date (Howard Hinnant's `days_from_civil`):
    /// shift the year to start in March so the leap day is last, then count whole 400-year eras.
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400                                        // 0...399
        let monthFromMarch = month > 2 ? month - 3 : month + 9               // 0...11
        let dayOfYear = (153 * monthFromMarch + 2) / 5 + day - 1             // 0...365
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// A read position over a byte slice; every read is bounds-checked and returns nil rather
    /// than trapping.
    private struct Cursor {
        let bytes: Bytes
        var i: Int
        init(bytes: Bytes) { self.bytes = bytes; i = bytes.startIndex }

        var atEnd: Bool { i >= bytes.endIndex }
        var peek: UInt8? { atEnd ? nil : bytes[i] }
        mutating func advance() { i += 1 }

        mutating func skip(_ b: UInt8) -> Bool {
            guard peek == b else { return false }
            i += 1
            return true
        }

        /// Exactly `n` decimal digits.
        mutating func digits(_ n: Int) -> Int? {
            guard bytes.endIndex - i >= n else { return nil }
            var v = 0
            for k in i..<(i + n) {
                guard ASCII.isDigit(bytes[k]) else { return nil }
                v = v * 10 + Int(bytes[k] &- 0x30)
            }
            i += n
            return v
        }

        /// One or more digits after the decimal point, as a fraction of a second. Digits past
        /// the 15th (below a femtosecond) are read but ignored, which keeps the integer exact.
        mutating func fraction() -> Double? {
            var value: Int64 = 0
            var scale: Double = 1
            var count = 0
            while let b = peek, ASCII.isDigit(b) {
                if count < 15 {
                    value = value * 10 + Int64(b &- 0x30)
                    scale *= 10
                }
                count += 1
                i += 1
            }
            return count > 0 ? Double(value) / scale : nil
        }
    }
}
