import CQRencode
import PlotSpec

/// The modules of a QR code, computed by libqrencode: the one place its pointers live.
///
/// Byte mode, always: the spec stage checks the payload against the byte-mode capacity of the
/// largest symbol (`QRCodeSpec.Level.byteCapacity`), so a payload it accepted always encodes,
/// and a NUL byte in the text is data like any other.
struct QRMatrix {
    /// Modules per side (21 for version 1, up to 177).
    let size: Int
    /// Row-major, `true` for a dark module.
    let dark: [Bool]

    init?(payload: [UInt8], level: QRCodeSpec.Level) {
        let ec: QRecLevel = switch level {
        case .low: QR_ECLEVEL_L
        case .medium: QR_ECLEVEL_M
        case .quartile: QR_ECLEVEL_Q
        case .high: QR_ECLEVEL_H
        }
        // libqrencode rejects an empty input; an empty text is a code of one space's worth.
        let bytes = payload.isEmpty ? [UInt8(0x20)] : payload
        // Version 0: the smallest symbol that holds the data.
        let made = bytes.withUnsafeBufferPointer { QRcode_encodeData(Int32($0.count), $0.baseAddress, 0, ec) }
        guard let code = made else { return nil }
        defer { QRcode_free(code) }
        let width = Int(code.pointee.width)
        guard width > 0, let data = code.pointee.data else { return nil }
        size = width
        // Bit 0 of each byte is the module's colour; the other bits describe its role.
        dark = (0..<width * width).map { data[$0] & 1 == 1 }
    }

    /// The library's version, for the ETag seed: another libqrencode could choose other masks.
    static var libraryVersion: String {
        guard let s = QRcode_APIVersionString() else { return "unknown" }
        return String(cString: s)
    }
}

/// What makes QR code bytes differ between installations (see `ChartService`'s ETag seed).
public enum QRCodeLibrary {
    public static var version: String { QRMatrix.libraryVersion }
}
