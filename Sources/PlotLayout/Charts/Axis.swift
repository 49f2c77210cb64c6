import PlotSpec

/// One axis of a cartesian chart: what it shows (numbers, log, time, categories), its domain and
/// its ticks. The pixel mapping comes from `scale(from:to:)` once the plot rectangle is known.
struct Axis {
    enum Kind {
        case linear
        case log
        case time
        /// Slots 0..<labels.count, centred on integers; the domain is -0.5 ... n-0.5.
        case category([String])
    }

    var kind: Kind
    var domain: ClosedRange<Double>
    var ticks: [Tick]

    /// Builds the axis for data spanning `dataRange` (nil when there is no data), honouring the
    /// user's explicit bounds. Without explicit bounds and with `nice`, the domain is widened
    /// to the nearest ticks; otherwise it is the data's own extent.
    static func make(kind: Kind, dataRange: ClosedRange<Double>?, explicitMin: Double?,
                     explicitMax: Double?, includeZero: Bool, nice: Bool = true, targetCount: Int) -> Axis {
        if case .category(let labels) = kind {
            let ticks = labels.indices.map { Tick(value: Double($0), label: labels[$0]) }
            return Axis(kind: kind, domain: -0.5...(Double(labels.count) - 0.5), ticks: ticks)
        }
        var low = dataRange?.lowerBound ?? (kind.isLog ? 1 : 0)
        var high = dataRange?.upperBound ?? (kind.isLog ? 10 : 1)
        if includeZero && !kind.isLog { low = Swift.min(low, 0); high = Swift.max(high, 0) }
        if let explicitMin { low = explicitMin; if high <= low { high = low + Swift.max(1, abs(low)) } }
        if let explicitMax { high = explicitMax; if low >= high { low = high - Swift.max(1, abs(high)) } }
        if kind.isLog {
            // A log axis cannot reach zero; the decoder already rejects non-positive data.
            if low <= 0 { low = Swift.min(high / 10, 1) }
        }
        // Widen to nice ticks, then pin the ends the user gave.
        var domain = ticksFor(kind, low, high, targetCount, extend: nice || low == high).domain
        if let explicitMin { domain = explicitMin...Swift.max(domain.upperBound, explicitMin) }
        if let explicitMax { domain = Swift.min(domain.lowerBound, explicitMax)...explicitMax }
        let ticks = ticksFor(kind, domain.lowerBound, domain.upperBound, targetCount, extend: false).ticks
        return Axis(kind: kind, domain: domain, ticks: ticks)
    }

    private static func ticksFor(_ kind: Kind, _ low: Double, _ high: Double, _ target: Int,
                                 extend: Bool) -> (domain: ClosedRange<Double>, ticks: [Tick]) {
        switch kind {
        case .log: NiceTicks.log(min: low, max: high, targetCount: target, extend: extend)
        case .time: TimeTicks.ticks(min: low, max: high, targetCount: target, extend: extend)
        case .linear, .category: NiceTicks.linear(min: low, max: high, targetCount: target, extend: extend)
        }
    }

    /// The data -> pixel mapping for an axis drawn from pixel `from` (domain start) to `to`.
    func scale(from: Double, to: Double) -> any AxisScale {
        if kind.isLog { return LogScale(domain: domain, from: from, to: to) }
        return LinearScale(domain: domain, from: from, to: to)
    }

    var isCategory: Bool { if case .category = kind { true } else { false } }

    /// The value bars grow from: zero when the axis shows it, else the nearer domain end.
    var baseline: Double {
        if kind.isLog { return domain.lowerBound }
        return Swift.min(Swift.max(0, domain.lowerBound), domain.upperBound)
    }
}

extension Axis.Kind {
    var isLog: Bool { if case .log = self { true } else { false } }
}

/// Ticks wanted along `length` pixels: about one per `spacing` px, within 2...10.
func tickTarget(length: Double, spacing: Double) -> Int {
    let n = (length / spacing).rounded(.down)
    return n.isFinite ? Int(Swift.max(2, Swift.min(10, n))) : 2
}
