/// FastCGI records written by hand, for the one case libfcgi cannot serve: answering from a
/// signal handler when a render runs past its deadline. The bytes are prepared before the
/// render starts; the handler only `write()`s them to the connection and exits.
enum FastCGIRecords {
    private static let version: UInt8 = 1
    private static let typeStdout: UInt8 = 6
    private static let typeEndRequest: UInt8 = 3
    /// A multiple of 8 below 65535, so no record needs padding.
    private static let chunk = 65_528

    /// `payload` as FCGI_STDOUT records, the empty record that closes the stream, and
    /// FCGI_END_REQUEST (application status 0, request complete).
    static func response(_ payload: [UInt8], requestID: Int32) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(payload.count + 32 + payload.count / chunk * 8)
        var offset = 0
        while offset < payload.count {
            let n = min(chunk, payload.count - offset)
            out += header(type: typeStdout, requestID: requestID, length: n)
            out += payload[offset..<offset + n]
            offset += n
        }
        out += header(type: typeStdout, requestID: requestID, length: 0)
        out += header(type: typeEndRequest, requestID: requestID, length: 8)
        out += [0, 0, 0, 0, 0, 0, 0, 0]
        return out
    }

    private static func header(type: UInt8, requestID: Int32, length: Int) -> [UInt8] {
        [version, type, UInt8(truncatingIfNeeded: requestID >> 8), UInt8(truncatingIfNeeded: requestID),
         UInt8(truncatingIfNeeded: length >> 8), UInt8(truncatingIfNeeded: length), 0, 0]
    }
}
