/// Pictures that are not a frame with axes: a gauge, a radar, a Venn diagram, a QR code.
/// The Google dialect is their only producer so far (`gom`, `r`/`rs`, `v`, `qr`), but like
/// `ExplicitFrame.swift` they describe pictures, not URLs: nothing here knows a parameter name.
///
/// A spec with a figure keeps its data in the usual fields (`series`, `valueRanges`, `colors`,
/// `names`, `labels`, `axes`, `markers`, `lineStyles`); the figure says how to read them.
public enum Figure: Hashable, Sendable {
    /// A half-dial: each value of each series is an arrow; `colors` are the dial's gradient from
    /// left to right; `labels` are written at the arrow tips; axes label the dial.
    case gauge
    /// Series around a circle, clockwise from 12 o'clock; `smooth` draws curves through the
    /// points instead of straight lines.
    case radar(smooth: Bool)
    /// Two or three circles from `series[0]` = A, B, C, AB, AC, BC, ABC (areas, proportional).
    case venn
    /// A QR code of the payload, as large as fits the canvas.
    case qrCode(QRCodeSpec)
}

/// What a QR code encodes and how: the bytes, the error-correction level and the quiet zone.
public struct QRCodeSpec: Hashable, Sendable {
    public enum Level: String, CaseIterable, Hashable, Sendable {
        case low = "L", medium = "M", quartile = "Q", high = "H"

        /// Bytes a version 40 symbol holds in byte mode at this level (ISO/IEC 18004 table 7):
        /// more does not fit any QR code.
        public var byteCapacity: Int {
            switch self {
            case .low: 2953
            case .medium: 2331
            case .quartile: 1663
            case .high: 1273
            }
        }
    }
    /// The encoded bytes (the text in the output encoding `choe` asked for).
    public var payload: [UInt8]
    public var level: Level
    /// Width of the light border in modules (4 by the standard).
    public var margin: Int

    public init(payload: [UInt8], level: Level = .low, margin: Int = 4) {
        self.payload = payload; self.level = level; self.margin = margin
    }
}
