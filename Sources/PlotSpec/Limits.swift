/// Bounds every request is checked against before any drawing happens.
///
/// Defaults suit a public gateway; operators may raise or lower them. Every check is done in
/// integer or comparison form that cannot overflow, because a Swift trap kills the worker.
public struct Limits: Hashable, Sendable {
    /// Bytes of the raw query string (or form body).
    public var maxQueryBytes: Int = 256 * 1024
    /// Number of `name=value` items, cache busters (`_...`) included.
    public var maxParameters: Int = 64
    /// Width or height in CSS pixels.
    public var maxSide: Int = 4096
    /// Device pixels of the whole image (width x height x dpr^2).
    public var maxPixels: Int = 16 * 1024 * 1024
    public var maxDPR: Double = 3
    public var maxSeries: Int = 64
    /// Points summed over all series (x values included).
    public var maxPoints: Int = 200_000
    /// Characters (Unicode scalars) in one text: title, axis label, series name or category label.
    public var maxTextLength: Int = 200
    /// Category labels or series names in one list.
    public var maxLabels: Int = 10_000
    /// Line width in CSS pixels.
    public var maxLineWidth: Double = 20

    public init() {}
    public static let standard = Limits()

    /// Every bound, in one line: part of the ETag seed, so a tag issued under laxer limits never
    /// revalidates a URL that stricter ones refuse. Spelled out rather than `String(describing:)`,
    /// whose reflection cost a CGI request 0.3 ms.
    public var fingerprint: String {
        let counts = [maxQueryBytes, maxParameters, maxSide, maxPixels, maxSeries, maxPoints, maxTextLength, maxLabels]
        return counts.map(String.init).joined(separator: ",") + ",\(maxDPR),\(maxLineWidth)"
    }
}
