/// One line per request on stderr, in logfmt (`key=value`), so it is both readable and easy
/// to parse: `plotgate: id=… method=GET path=/chart.png status=200 bytes=14820 ms=3.912
/// parse=0.041 layout=0.210 draw=1.532 encode=1.801 outcome=rendered`.
public enum AccessLog {
    public static func line(request: GatewayRequest, response: GatewayResponse, written: Bool,
                            sequence: Int) -> String {
        let t = response.timing
        let outcome = written ? response.outcome : "client_gone"
        let bytes = response.omitBody ? 0 : response.body.count
        return "plotgate: id=\(field(request.requestID ?? "#\(sequence)")) method=\(field(request.method))"
            + " path=\(field(request.path)) status=\(response.status) bytes=\(bytes) ms=\(milliseconds(t.total))"
            + " parse=\(milliseconds(t.parse)) layout=\(milliseconds(t.layout)) draw=\(milliseconds(t.draw))"
            + " encode=\(milliseconds(t.encode)) outcome=\(outcome)\n"
    }

    /// A value safe on one log line: at most 120 characters, no spaces, quotes or controls.
    static func field(_ s: String) -> String {
        var out = ""
        for scalar in s.unicodeScalars.prefix(120) {
            out.unicodeScalars.append(scalar.value <= 0x20 || scalar == "\"" || scalar.value == 0x7F ? "_" : scalar)
        }
        return out.isEmpty ? "-" : out
    }
}
