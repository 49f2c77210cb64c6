import CDeflate
import Synchronization

extension PNGEncoder {
    /// The deflate implementations an image can be compressed with.
    public enum Compressor: Sendable, Equatable {
        /// plotgate's own (`ChartDeflate`): long runs at memory speed; the default.
        case chart
        /// libdeflate at a level 1...12 (level 1 was the default before ChartDeflate).
        case libdeflate(level: Int32)
    }
}

/// The whole image as one zlib stream, compressed in one call.
///
/// libdeflate at level 1 compresses our charts about as small as zlib at level 3 did, in half
/// the instructions (bench/README.md). A compressor owns large hash tables, so compressors are
/// kept for reuse instead of being allocated per image: one per level per thread that ever
/// encoded at the same time (a worker is single-threaded, so it keeps exactly one).
enum Deflate {
    private static let idle = Mutex<[Int32: [Compressor]]>([:])

    static func compress(_ input: [UInt8], with compressor: PNGEncoder.Compressor) -> [UInt8] {
        switch compressor {
        case .chart: ChartDeflate.zlib(input)
        case .libdeflate(let level): compress(input, level: level)
        }
    }

    private static func compress(_ input: [UInt8], level: Int32) -> [UInt8] {
        let compressor = idle.withLock { $0[level]?.popLast() } ?? Compressor(level: level)
        defer { idle.withLock { $0[level, default: []].append(compressor) } }
        return compressor.compress(input)
    }

    /// Owns one `libdeflate_compressor`; used by one thread at a time (taken from `idle`).
    private final class Compressor: @unchecked Sendable {
        let handle: OpaquePointer?

        init(level: Int32) { handle = libdeflate_alloc_compressor(level) }
        deinit { libdeflate_free_compressor(handle) }

        func compress(_ input: [UInt8]) -> [UInt8] {
            guard let handle else { return [] }
            let bound = libdeflate_zlib_compress_bound(handle, input.count)
            return [UInt8](unsafeUninitializedCapacity: bound) { buffer, count in
                count = input.withUnsafeBytes { src in
                    libdeflate_zlib_compress(handle, src.baseAddress, src.count, buffer.baseAddress, bound)
                }
            }
        }
    }
}

/// CRC-32 as PNG chunks need it.
func crc32(of bytes: ArraySlice<UInt8>) -> UInt32 {
    bytes.withUnsafeBytes { UInt32(libdeflate_crc32(0, $0.baseAddress, $0.count)) }
}
