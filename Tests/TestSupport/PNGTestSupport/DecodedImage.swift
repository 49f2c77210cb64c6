import CPNG

/// A PNG decoded by libpng (not by our encoder's code) into straight RGBA8.
public struct DecodedImage: Equatable, Sendable {
    public var width: Int
    public var height: Int
    /// width * height * 4 bytes, RGBA, straight alpha.
    public var rgba: [UInt8]
    /// The PNG colour type the file was written with (2 RGB, 3 palette, 6 RGBA).
    public var colorType: UInt8

    public struct Failure: Error, CustomStringConvertible { public var description: String }

    public init(png bytes: [UInt8]) throws {
        guard bytes.count > 26, bytes.starts(with: [0x89, 0x50, 0x4E, 0x47]) else {
            throw Failure(description: "not a PNG")
        }
        colorType = bytes[25]
        var image = png_image()
        image.version = cpng_version()
        let ok = bytes.withUnsafeBytes { buf in
            png_image_begin_read_from_memory(&image, buf.baseAddress, buf.count)
        }
        guard ok != 0 else { throw Failure(description: "libpng: " + DecodedImage.message(&image)) }
        image.format = cpng_format_rgba()
        width = Int(image.width)
        height = Int(image.height)
        var pixels = [UInt8](repeating: 0, count: width * height * 4)
        let done = pixels.withUnsafeMutableBytes { out in
            png_image_finish_read(&image, nil, out.baseAddress, 0, nil)
        }
        guard done != 0 else { throw Failure(description: "libpng: " + DecodedImage.message(&image)) }
        rgba = pixels
    }

    private static func message(_ image: inout png_image) -> String {
        withUnsafeBytes(of: &image.message) { raw in
            String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
        }
    }

    public func pixel(_ x: Int, _ y: Int) -> (r: UInt8, g: UInt8, b: UInt8, a: UInt8) {
        let i = (y * width + x) * 4
        return (rgba[i], rgba[i + 1], rgba[i + 2], rgba[i + 3])
    }

    /// Number of distinct RGBA colours.
    public var colorCount: Int {
        var seen = Set<UInt32>()
        for i in stride(from: 0, to: rgba.count, by: 4) {
            seen.insert(UInt32(rgba[i]) << 24 | UInt32(rgba[i + 1]) << 16 | UInt32(rgba[i + 2]) << 8 | UInt32(rgba[i + 3]))
        }
        return seen.count
    }

    /// How far two images of the same size are apart: the share of pixels whose largest channel
    /// difference exceeds `threshold`, and the mean absolute channel difference.
    public func difference(from other: DecodedImage, threshold: Int) -> (outliers: Double, mean: Double) {
        precondition(width == other.width && height == other.height)
        var outliers = 0, total = 0
        for p in 0..<(width * height) {
            var worst = 0
            for c in 0..<4 {
                let d = abs(Int(rgba[p * 4 + c]) - Int(other.rgba[p * 4 + c]))
                total += d
                worst = max(worst, d)
            }
            if worst > threshold { outliers += 1 }
        }
        let n = Double(width * height)
        return (Double(outliers) / n, Double(total) / (n * 4))
    }
}
