/// Base-10 log data -> pixel mapping, same shape as `LinearScale`. The domain's lower bound is
/// raised to the smallest normal double if it is not positive; data ≤ 0 maps as that smallest
/// value would (far beyond the low end, but finite, so a renderer clips it instead of choking).
public struct LogScale: AxisScale {
    public let domain: ClosedRange<Double>
    public let from: Double
    public let to: Double
    private let logLo: Double
    private let logHi: Double

    public init(domain: ClosedRange<Double>, from: Double, to: Double) {
        self.domain = domain
        self.from = from
        self.to = to
        logLo = Self.safeLog(domain.lowerBound)
        logHi = Swift.max(logLo, Self.safeLog(domain.upperBound))
    }

    public init(domain: ClosedRange<Double>, range: ClosedRange<Double>) {
        self.init(domain: domain, from: range.lowerBound, to: range.upperBound)
    }

    public func callAsFunction(_ v: Double) -> Double {
        if v.isNaN { return v }
        return from + ScaleFraction.linear(Self.safeLog(v), logLo, logHi) * (to - from)
    }

    /// Pixel -> data.
    public func invert(_ pixel: Double) -> Double {
        let t = to == from ? 0.5 : (pixel - from) / (to - from)
        return AxisMath.pow10Fraction(logLo + t * (logHi - logLo))
    }

    /// log10 clamped to the finite range: ≤ 0 and subnormals count as the smallest normal
    /// double, +inf as the largest finite one.
    private static func safeLog(_ v: Double) -> Double {
        if v.isNaN { return AxisMath.log10(Double.leastNormalMagnitude) }
        return AxisMath.log10(Swift.min(Swift.max(v, Double.leastNormalMagnitude), Double.greatestFiniteMagnitude))
    }
}
