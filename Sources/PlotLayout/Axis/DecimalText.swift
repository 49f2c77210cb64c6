/// Renders an exact decimal n × 10^q as label text. Every label in the axis code goes through
/// here from integers, never from a `Double`, so binary noise (`0.30000000000000004`) and `-0`
/// cannot appear.
///
/// Conventions (they are what a reader sees on every chart):
/// - Shortest exact text: trailing zeros are trimmed (`0.5`, not `0.50`), no thousands separators.
/// - Negative numbers use the minus sign `−` (U+2212), as matplotlib does; a hyphen is too short
///   next to digits. The exponent of scientific notation keeps the ASCII `-` (`1e-5`).
/// - Plain digits up to 9999 (`2000`, `2500`); from 10,000 an SI-style suffix `k`, `M`, `G`, `T`
///   (`10k`, `12.5k`, `1.2M`) when that is no longer than the plain digits at the axis's
///   precision — with step 1, `12345` stays plain rather than becoming `12.345k`. Four plain
///   digits read at a glance; five start needing a count.
///   Log axes pass `siFrom: 3` so their decades read `1`, `10`, `100`, `1k`, `10k`.
/// - Scientific below 1e-4 and at/above 1e15 (`1e-5`, `2.5e15`), where plain text gets long
///   and SI prefixes run out (`P` is rarely recognised).
enum DecimalText {
    static let minus = "\u{2212}"

    /// Text for n × 10^q, where q is the precision the caller works at (a tick step's last
    /// digit). `siFrom` is the decimal exponent from which SI suffixes are used.
    static func format(_ n: Int, exponent q: Int, siFrom: Int = 4) -> String {
        if n == 0 { return "0" }
        let raw = String(n.magnitude)
        var digits = n.magnitude
        var exponent = q
        while digits % 10 == 0 { digits /= 10; exponent += 1 }
        let text = String(digits)
        let lead = exponent + text.count - 1  // the value is in [10^lead, 10^(lead+1))
        let body: String
        if lead >= 15 || lead < -4 {
            body = scientific(text, lead: lead)
        } else if lead >= siFrom {
            // Suffix or not is decided at the caller's precision, before trailing zeros are
            // trimmed, so all ticks of one axis agree: with step 0.2 near 1e9 every label is
            // plain (`1000000000.2`), never `1G` beside `1000000000.2`.
            let power = Swift.min(12, (lead / 3) * 3)
            let suffixed = plain(raw, exponent: q - power).count + 1 <= plain(raw, exponent: q).count
            body = suffixed ? plain(text, exponent: exponent - power) + suffix(power) : plain(text, exponent: exponent)
        } else {
            body = plain(text, exponent: exponent)
        }
        return n < 0 ? minus + body : body
    }

    /// Digits with the decimal point placed for exponent q: ("25", -1) -> "2.5", ("5", -3) -> "0.005".
    static func plain(_ digits: String, exponent q: Int) -> String {
        if q >= 0 { return digits + String(repeating: "0", count: q) }
        let intCount = digits.count + q
        if intCount <= 0 { return "0." + String(repeating: "0", count: -intCount) + digits }
        let cut = digits.index(digits.startIndex, offsetBy: intCount)
        return String(digits[..<cut]) + "." + String(digits[cut...])
    }

    /// "25" with lead 15 -> "2.5e15"; "1" with lead -5 -> "1e-5".
    static func scientific(_ digits: String, lead: Int) -> String {
        let first = String(digits.prefix(1))
        let rest = digits.dropFirst()
        return (rest.isEmpty ? first : first + "." + rest) + "e" + String(lead)
    }

    private static func suffix(_ power: Int) -> String {
        switch power {
        case 3: "k"
        case 6: "M"
        case 9: "G"
        default: "T"
        }
    }
}
