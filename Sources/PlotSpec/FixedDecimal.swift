/// A fast spelling for the numbers charts are made of: values with up to six decimals
/// (`61.8`, `0.05`, `-3.125`), written as the shortest fixed-point text that reads back as
/// the same Double.
///
/// `Double.description` finds the shortest round-trip digits too, but through a general
/// algorithm that cost about as much as the rest of decoding for a 10,000-value query; most
/// data needs one try here. The result always reads back exactly (checked), so canonical forms
/// stay one spelling per value whichever path wrote them.
enum FixedDecimal {
    private static let scales: [Double] = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6]

    /// Appends `v` with the fewest decimals (1 to 6) that round-trip, or returns false and
    /// appends nothing. Only for 0.001 <= |v| < 1e9, where `description` also writes fixed
    /// point and six decimals stay far inside a Double's 15.9 exact digits.
    static func append(_ v: Double, to bytes: inout [UInt8]) -> Bool {
        let magnitude = abs(v)
        guard magnitude >= 0.001, magnitude < 1e9 else { return false }
        for k in 1...6 {
            let scaled = (magnitude * scales[k]).rounded()
            guard scaled / scales[k] == magnitude else { continue }
            write(UInt64(scaled), decimals: k, negative: v < 0, to: &bytes)
            return true
        }
        return false
    }

    /// Appends `m` scaled down by 10^decimals (`decimals` may be 0: a plain integer).
    static func write(_ m: UInt64, decimals: Int, negative: Bool, to bytes: inout [UInt8]) {
        // Digits fill a small stack buffer from its end (least significant first); at least
        // `decimals + 1` digits, so `0.05` keeps its leading zeros. One append at the end:
        // appending byte by byte to the array cost more than finding the digits.
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 32) { buffer in
            var at = 32
            var rest = m
            var written = 0
            while rest > 0 || written <= decimals {
                if written == decimals && written > 0 {
                    at -= 1
                    buffer[at] = ASCII.dot
                }
                at -= 1
                buffer[at] = UInt8(truncatingIfNeeded: rest % 10) + 0x30
                rest /= 10
                written += 1
            }
            if negative {
                at -= 1
                buffer[at] = ASCII.minus
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[at...]))
        }
    }
}
