/// A validated, canonical chart request: everything the layout stage needs, nothing it must check.
///
/// Produced only by `QueryDecoder`; every field is already within `Limits`. Missing data points
/// (an empty value or `_` in the query) are stored as `Double.nan`: the decoder rejects NaN and
/// infinities in input, so NaN can only mean "gap" here, and plain `[Double]` keeps 10^5 points
/// compact and fast.
public struct ChartSpec: Equatable, Sendable {
    public var type: ChartType = .line
    /// Size in CSS pixels; the image has `width * dpr` x `height * dpr` pixels.
    public var width: Int = 600
    public var height: Int = 400
    public var dpr: Double = 1

    /// One array per series; `Double.nan` marks a missing value.
    public var series: [[Double]] = []
    /// x values: shared by all series (one list) or, for scatter, one list per series.
    public var x: XValues? = nil
    public var labels: [String] = []
    public var names: [String] = []
    public var colors: [RGBA] = []

    public var title: String? = nil
    public var xLabel: String? = nil
    public var yLabel: String? = nil

    public var xMin: Double? = nil
    public var xMax: Double? = nil
    public var yMin: Double? = nil
    public var yMax: Double? = nil

    public var yLog: Bool = false
    public var stacked: Bool = false
    public var horizontal: Bool = false
    public var legend: LegendPosition = .auto
    public var grid: GridMode = .y
    public var theme: Theme = .light
    public var background: Background = .theme
    /// Line width in CSS px; nil means the chart type's default.
    public var lineWidth: Double? = nil
    public var format: OutputFormat = .png

    // MARK: Explicit frame (see ExplicitFrame.swift; no native parameter, set by the Google dialect)

    /// `.explicit`: draw with the fields below instead of deriving axes and ranges from the data.
    public var frameStyle: FrameStyle = .automatic
    /// Per series: the values mapped onto the plot's bottom...top (the last entry serves the
    /// remaining series); empty: from the data.
    public var valueRanges: [ValueRange] = []
    /// Per x list (`x`): the values mapped onto the plot's left...right.
    public var xRanges: [ValueRange] = []
    /// Axes to draw, in order of the query (several may share a side); empty: none.
    public var axes: [AxisSpec] = []
    /// Axis lines along the bottom and left even without `axes` (Google's `lc`).
    public var frameLines: Bool = false
    public var markers: [MarkerSpec] = []
    /// Paints of the whole canvas and of the plot area (over `background`).
    public var canvasPaint: Paint? = nil
    public var plotPaint: Paint? = nil
    /// Opacity of the whole picture, background included (Google's `chf=a`): 1 opaque.
    public var opacity: Double = 1
    public var barSizing: BarSizing? = nil
    public var barArrangement: BarArrangement = .grouped
    /// Per series, per point colours (a bar or slice each); empty lists use the series colour.
    public var pointColors: [[RGBA]] = []
    /// Per series; missing entries use `lineWidth`.
    public var lineStyles: [LineStyle] = []
    public var gridLines: GridSpec? = nil
    /// Minimum room around the plot in px.
    public var margins: Margins? = nil
    public var titleStyle: TextStyle? = nil
    public var legendSide: LegendSide = .right
    public var legendStyle: TextStyle? = nil
    /// Only the first n series are drawn as data; the others feed markers. nil: all.
    public var visibleSeries: Int? = nil
    public var pieStyle: PieStyle = .single
    /// Degrees clockwise from 3 o'clock where the first slice starts (explicit frame).
    public var pieStart: Double = 0
    /// Bars, per series: where they start, as a fraction of the value axis from its bottom (or
    /// left); the last entry serves the remaining series. Empty: where 0 is (explicit frame).
    public var barZero: [Double] = []
    /// Scatter, per point: its size as a fraction of the full marker size; empty: all full.
    public var pointSizes: [Double] = []
    /// A picture without a cartesian frame (gauge, radar, Venn, QR code; see Figures.swift).
    public var figure: Figure? = nil
    /// The canonical form of a spec decoded from another dialect (see `canonicalQuery`).
    public var dialectCanonical: String? = nil

    public init() {}

    /// Two specs are equal when they draw the same chart: compared by canonical form, because
    /// gaps are NaN and NaN never equals itself.
    public static func == (a: ChartSpec, b: ChartSpec) -> Bool { a.canonicalQuery == b.canonicalQuery }

    /// Pixel size of the output image (CSS size times device pixel ratio, rounded).
    public var pixelWidth: Int { Int((Double(width) * dpr).rounded()) }
    public var pixelHeight: Int { Int((Double(height) * dpr).rounded()) }
}

public enum ChartType: String, CaseIterable, Hashable, Sendable {
    case line, area, bar, scatter, pie, donut, spark

    /// Default CSS size when `w`/`h` are not given.
    public var defaultSize: (width: Int, height: Int) {
        self == .spark ? (120, 30) : (600, 400)
    }
}

public enum OutputFormat: String, CaseIterable, Hashable, Sendable {
    case png, svg, pdf

    public var mimeType: String {
        switch self {
        case .png: "image/png"
        case .svg: "image/svg+xml"
        case .pdf: "application/pdf"
        }
    }
}

public enum LegendPosition: String, CaseIterable, Hashable, Sendable {
    case auto, top, bottom, right, none
}

public enum GridMode: String, CaseIterable, Hashable, Sendable {
    case y, x, xy, none
    public var horizontalLines: Bool { self == .y || self == .xy }
    public var verticalLines: Bool { self == .x || self == .xy }
}

public enum Theme: String, CaseIterable, Hashable, Sendable {
    case light, dark
}

public enum Background: Hashable, Sendable {
    /// The theme's own background colour.
    case theme
    case color(RGBA)
    case transparent
}

/// x values of a chart. Times are seconds since the Unix epoch (UTC) and give a time axis.
public struct XValues: Sendable {
    public enum Kind: String, Hashable, Sendable { case number, time }
    public var kind: Kind
    /// One list shared by every series, or (scatter) one list per series.
    public var lists: [[Double]]

    public init(kind: Kind, lists: [[Double]]) {
        self.kind = kind
        self.lists = lists
    }

    /// The x list for series `index`: its own list when there is one per series, else the shared one.
    public func list(forSeries index: Int) -> [Double] {
        lists.count > 1 && index < lists.count ? lists[index] : (lists.first ?? [])
    }
}

/// An sRGB colour with 8-bit channels and straight (not premultiplied) alpha.
public struct RGBA: Hashable, Sendable {
    public var r: UInt8, g: UInt8, b: UInt8, a: UInt8

    public init(_ r: UInt8, _ g: UInt8, _ b: UInt8, _ a: UInt8 = 255) {
        self.r = r; self.g = g; self.b = b; self.a = a
    }

    /// `0xRRGGBB` as an opaque colour.
    public init(hex: UInt32) {
        self.init(UInt8(truncatingIfNeeded: hex >> 16), UInt8(truncatingIfNeeded: hex >> 8),
                  UInt8(truncatingIfNeeded: hex))
    }

    public func withAlpha(_ alpha: UInt8) -> RGBA { RGBA(r, g, b, alpha) }

    /// `rrggbb` or `rrggbbaa` (alpha only when not opaque), lowercase: the canonical spelling.
    public var hexString: String {
        var s = hex2(r) + hex2(g) + hex2(b)
        if a != 255 { s += hex2(a) }
        return s
    }
}

private let hexDigits = Array("0123456789abcdef")
private func hex2(_ v: UInt8) -> String {
    String([hexDigits[Int(v >> 4)], hexDigits[Int(v & 15)]])
}
