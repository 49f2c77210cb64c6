/// Linear data -> pixel mapping. `from` is the pixel of domain.lowerBound and `to` the pixel of
/// domain.upperBound, so a y axis maps downward by passing from: bottom, to: top.
///
/// Never manufactures NaN: a zero-width or non-finite domain maps everything to the middle
/// pixel; a domain so wide that its width overflows (−1e308…1e308) is mapped at half scale.
/// Values outside the domain extrapolate (the renderer clips); NaN data stays NaN.
public struct LinearScale: AxisScale {
    public let domain: ClosedRange<Double>
    public let from: Double
    public let to: Double

    public init(domain: ClosedRange<Double>, from: Double, to: Double) {
        self.domain = domain
        self.from = from
        self.to = to
    }

    /// Maps domain.lowerBound to range.lowerBound (use `init(domain:from:to:)` to flip).
    public init(domain: ClosedRange<Double>, range: ClosedRange<Double>) {
        self.init(domain: domain, from: range.lowerBound, to: range.upperBound)
    }

    public func callAsFunction(_ v: Double) -> Double {
        // A value a million axis lengths outside the domain is off the canvas either way;
        // bounding the fraction keeps `t * (to - from)` finite for data of 1e308 on an axis a
        // few units wide. NaN (a gap) stays NaN.
        let t = Swift.min(Swift.max(ScaleFraction.linear(v, domain.lowerBound, domain.upperBound), -1e6), 1e6)
        return from + t * (to - from)
    }

    /// Pixel -> data, the inverse mapping (the domain's middle when the pixel span is zero).
    public func invert(_ pixel: Double) -> Double {
        let lo = domain.lowerBound, hi = domain.upperBound
        guard lo.isFinite, hi.isFinite else { return 0 }
        let t = to == from ? 0.5 : (pixel - from) / (to - from)
        return lo + t * (hi - lo).clampedFinite
    }
}

extension Double {
    /// Self, or ±greatestFiniteMagnitude if self overflowed to infinity.
    fileprivate var clampedFinite: Double {
        Swift.min(Swift.max(self, -Double.greatestFiniteMagnitude), Double.greatestFiniteMagnitude)
    }
}
