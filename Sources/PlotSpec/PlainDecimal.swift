/// The shape nearly all chart data has, `-61.8`, `42`, `0.05`, read straight out of a `,`/`|`
/// list while looking for the separator, instead of finding the value's end first and then
/// parsing the slice with `NumberSyntax.parse` (two passes and a slice per value).
///
/// Taken here: an optional `-`, digits, an optional `.` and digits, at least one digit, at most
/// 19 digits in all (leading zeros included), ending at `,`, `|` or the end. The value is then
/// exactly what `NumberSyntax.parse` gives for the same text: the mantissa (below 10^19) fits
/// a UInt64; when it is at most 2^53 it is an exact Double, and so is 10^k for k <= 19, so one
/// IEEE division rounds correctly (Clinger's fast path, the one `NumberSyntax` takes too); any
/// zero is +0, as there. Everything else (a `+`, exponents, gaps, dates, long mantissas,
/// junk) returns nil and the caller hands the value to the full parser, which also words the
/// errors.
enum PlainDecimal {
    /// Reads a value starting at `i` in `s`; on success moves `i` to the separator (or the end)
    /// that follows it. On nil, `i` is unchanged.
    @inline(__always)
    static func parse(_ s: Span<UInt8>, at i: inout Int) -> Double? {
        let n = s.count
        var j = i
        var negative = false
        if j < n && s[j] == ASCII.minus {
            negative = true
            j &+= 1
        }
        var mantissa: UInt64 = 0
        let digitsStart = j
        while j < n {
            let d = s[j] &- 0x30
            guard d < 10 else { break }
            mantissa = mantissa &* 10 &+ UInt64(d)
            j &+= 1
        }
        var digits = j &- digitsStart
        // 10^k as an exact Double, built up one fraction digit at a time (no table to load).
        var divisor = 1.0
        if j < n && s[j] == ASCII.dot {
            j &+= 1
            let fractionStart = j
            while j < n {
                let d = s[j] &- 0x30
                guard d < 10 else { break }
                mantissa = mantissa &* 10 &+ UInt64(d)
                divisor *= 10
                j &+= 1
            }
            digits &+= j &- fractionStart
        }
        // `&*` above may only wrap past 19 digits, and those are refused here.
        guard digits > 0, digits <= 19, j == n || s[j] == ASCII.comma || s[j] == ASCII.bar else { return nil }
        guard mantissa <= 1 << 53 else { return nil }
        i = j
        if mantissa == 0 { return 0 }
        let v = Double(mantissa) / divisor
        return negative ? -v : v
    }
}
