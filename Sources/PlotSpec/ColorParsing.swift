/// Hex colours: `RGB`, `RRGGBB` or `RRGGBBAA`, case-insensitive, with an optional `#` (which
/// arrives as `%23`, since a raw `#` would end the URL). No colour names: they would need a
/// table to keep in sync with the docs, and hex is what chart code already has at hand.
enum ColorSyntax {
    static func parse(_ bytes: Bytes) -> RGBA? {
        var b = bytes
        if b.first == ASCII.hash { b = b.dropFirst() }
        var nibbles: [UInt8] = []
        nibbles.reserveCapacity(8)
        guard b.count == 3 || b.count == 6 || b.count == 8 else { return nil }
        for byte in b {
            guard let v = ASCII.hexValue(byte) else { return nil }
            nibbles.append(v)
        }
        if nibbles.count == 3 {
            // `f80` is `ff8800`: each digit doubled.
            return RGBA(nibbles[0] * 17, nibbles[1] * 17, nibbles[2] * 17)
        }
        let alpha = nibbles.count == 8 ? nibbles[6] << 4 | nibbles[7] : 255
        return RGBA(nibbles[0] << 4 | nibbles[1], nibbles[2] << 4 | nibbles[3], nibbles[4] << 4 | nibbles[5], alpha)
    }
}
