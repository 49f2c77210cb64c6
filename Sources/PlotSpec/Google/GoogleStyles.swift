/// Sizes and styles: `chs`, `chbh`, `chls`, `chg`, `chma`, `chts`/`chdls`, `chdlp`.
enum GoogleStyles {
    /// Google's limits: at most 1000 px a side and 300,000 px in all.
    static let maxSide = 1000
    static let maxPixels = 300_000
    static let minSide = 8

    /// `chs=300x150`.
    static func size(_ v: Bytes) throws(SpecError) -> (width: Int, height: Int) {
        let parts = v.split { $0 == UInt8(ascii: "x") || $0 == UInt8(ascii: "X") }
        guard parts.count == 2, let w = GoogleSyntax.number(parts[0]), let h = GoogleSyntax.number(parts[1]),
              w == w.rounded(), h == h.rounded() else {
            throw SpecError(.invalidValue, parameter: "chs", message: Messages.googleBadSize(Values.text(v)))
        }
        guard w >= Double(minSide), h >= Double(minSide), w <= Double(maxSide), h <= Double(maxSide) else {
            throw SpecError(.outOfRange, parameter: "chs",
                            message: Messages.googleSideOutOfRange(Values.text(v), min: minSide, max: maxSide))
        }
        guard w * h <= Double(maxPixels) else {
            throw SpecError(.imageTooLarge, parameter: "chs",
                            message: Messages.googleTooManyPixels(width: Int(w), height: Int(h), limit: maxPixels))
        }
        return (Int(w), Int(h))
    }

    /// `chbh=23,4,8`, `chbh=a[,4,8]`, `chbh=r,0.5,1.5`.
    static func bars(_ v: Bytes) throws(SpecError) -> BarSizing {
        let f = GoogleSyntax.split(v, ASCII.comma)
        let first = GoogleSyntax.trim(f[0])
        func gap(_ i: Int, _ fallback: Double) throws(SpecError) -> Double {
            guard i < f.count, !GoogleSyntax.trim(f[i]).isEmpty else { return fallback }
            return Swift.max(0, Swift.min(try GoogleSyntax.number(f[i], .chbh), 1000))
        }
        if ASCII.equalsIgnoringCase(first, "r") {
            return BarSizing(width: nil, barGap: try gap(1, 0.5), groupGap: try gap(2, 1.5), relative: true)
        }
        let width: Double? = ASCII.equalsIgnoringCase(first, "a")
            ? nil : Swift.max(1, Swift.min(try GoogleSyntax.number(first, .chbh), 1000))
        return BarSizing(width: width, barGap: try gap(1, 4), groupGap: try gap(2, 8))
    }

    /// `chp=0.5` or `chp=0.25,0.75`: where bars start, a fraction of the value axis from the
    /// bottom (or left), per series (the last one serves the rest).
    static func zeroLines(_ v: Bytes) throws(SpecError) -> [Double] {
        var out: [Double] = []
        for item in GoogleSyntax.split(v, ASCII.comma).prefix(64) where !GoogleSyntax.trim(item).isEmpty {
            out.append(Swift.max(0, Swift.min(1, try GoogleSyntax.number(item, .chp))))
        }
        return out
    }

    /// `chls=3,6,3|1`: width, dash, gap per series.
    static func lines(_ v: Bytes) throws(SpecError) -> [LineStyle] {
        try GoogleSyntax.split(v, ASCII.bar).map { (entry: Bytes) throws(SpecError) -> LineStyle in
            let f = GoogleSyntax.split(entry, ASCII.comma)
            func value(_ i: Int, _ fallback: Double) throws(SpecError) -> Double {
                guard i < f.count, !GoogleSyntax.trim(f[i]).isEmpty else { return fallback }
                return Swift.max(0, Swift.min(try GoogleSyntax.number(f[i], .chls), 50))
            }
            let width = try value(0, 2)
            let dash = try value(1, 0)
            return LineStyle(width: width, dash: dash, gap: try value(2, dash))
        }
    }

    /// `chg=20,50,4,1,0,0`: x and y step in percent, dash, gap, offsets.
    static func grid(_ v: Bytes) throws(SpecError) -> GridSpec {
        let f = GoogleSyntax.split(v, ASCII.comma)
        func value(_ i: Int, _ fallback: Double) throws(SpecError) -> Double {
            guard i < f.count, !GoogleSyntax.trim(f[i]).isEmpty else { return fallback }
            return try GoogleSyntax.number(f[i], .chg)
        }
        // Steps below 1% would be a solid grey sheet of lines, not a grid.
        func step(_ s: Double) -> Double { s <= 0 ? 0 : Swift.max(1, Swift.min(s, 100)) }
        return GridSpec(xStep: step(try value(0, 0)), yStep: step(try value(1, 0)),
                        dash: Swift.max(0, try value(2, 4)), gap: Swift.max(0, try value(3, 1)),
                        xOffset: try value(4, 0), yOffset: try value(5, 0))
    }

    /// `chma=30,30,30,30|80,20`: left, right, top, bottom (the legend size is ignored).
    static func margins(_ v: Bytes) throws(SpecError) -> Margins {
        let f = GoogleSyntax.split(GoogleSyntax.split(v, ASCII.bar)[0], ASCII.comma)
        func value(_ i: Int) throws(SpecError) -> Double {
            guard i < f.count, !GoogleSyntax.trim(f[i]).isEmpty else { return 0 }
            return Swift.max(0, Swift.min(try GoogleSyntax.number(f[i], .chma), 500))
        }
        return Margins(left: try value(0), right: try value(1), top: try value(2), bottom: try value(3))
    }

    /// `chts=FF0000,20,l` and `chdls=0000CC,14`: colour, size, alignment.
    static func text(_ v: Bytes, _ name: GoogleParameter) throws(SpecError) -> TextStyle {
        let f = GoogleSyntax.split(v, ASCII.comma)
        var style = TextStyle()
        if !GoogleSyntax.trim(f[0]).isEmpty { style.color = try GoogleSyntax.color(f[0], name) }
        if f.count > 1, let size = GoogleSyntax.number(f[1]), size > 0 { style.size = Swift.min(size, 72) }
        if f.count > 2 {
            switch GoogleSyntax.trim(f[2]).first.map(ASCII.lower) {
            case UInt8(ascii: "l"): style.alignment = .start
            case UInt8(ascii: "r"): style.alignment = .end
            default: style.alignment = .center
            }
        }
        return style
    }

    /// `chdlp=b|l`: the side comes first; `bv`/`tv` stack entries, drawn here like `b`/`t`.
    static func legendSide(_ v: Bytes) -> LegendSide {
        switch GoogleSyntax.trim(v).first.map(ASCII.lower) {
        case UInt8(ascii: "b"): .bottom
        case UInt8(ascii: "t"): .top
        case UInt8(ascii: "l"): .left
        default: .right
        }
    }
}
