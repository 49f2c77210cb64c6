/// A data -> pixel mapping, so the layout can hold a linear or a log scale alike.
public protocol AxisScale: Sendable {
    func callAsFunction(_ v: Double) -> Double
}

/// Where v sits in [lo, hi] as a fraction (0 at lo, 1 at hi), shared by both scales.
enum ScaleFraction {
    static func linear(_ v: Double, _ lo: Double, _ hi: Double) -> Double {
        guard lo.isFinite, hi.isFinite, hi != lo else { return 0.5 }
        let width = hi - lo
        if width.isFinite {
            let t = (v - lo) / width
            if t.isFinite || !v.isFinite { return t }
        }
        // hi - lo or v - lo overflowed (−1e308…1e308); halving every term keeps them finite.
        let halved = (v / 2 - lo / 2) / (hi / 2 - lo / 2)
        if halved.isFinite || !v.isFinite { return halved }
        // A subnormal width (ymax=5e-324): the fraction overflows. Far outside on the value's
        // side; the renderer clips it.
        return v > hi ? 1e6 : (v < lo ? -1e6 : 0.5)
    }
}
