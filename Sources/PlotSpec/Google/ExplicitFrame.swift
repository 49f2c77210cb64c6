/// Chart features that have no native parameter: explicit axes, per-series value ranges,
/// markers, fills, bar sizing, line styles. The Google dialect sets them; the native dialect
/// leaves them at their "none" defaults, so native charts are unaffected.
///
/// They live beside the Google decoder because it is their only producer so far, but they
/// describe pictures, not URLs: nothing here knows a Google parameter name.

/// How a cartesian chart gets its frame.
public enum FrameStyle: String, Hashable, Sendable {
    /// Native: axes, ticks and ranges are derived from the data.
    case automatic
    /// Everything is given: the plot fills the canvas (less margins, titles, legend and the
    /// axes listed in `ChartSpec.axes`), each series is mapped through its `valueRanges` entry,
    /// and axes are labelled from their own ranges, independent of the data (Google's model).
    case explicit
}

/// A closed value interval; `min > max` is allowed and flips the direction.
public struct ValueRange: Hashable, Sendable {
    public var min: Double
    public var max: Double
    public init(_ min: Double, _ max: Double) { self.min = min; self.max = max }
    public static let percent = ValueRange(0, 100)

    /// Where `v` falls, 0 at `min` and 1 at `max`.
    public func fraction(_ v: Double) -> Double {
        let span = max - min
        return span == 0 ? 0 : (v - min) / span
    }
}

/// One axis drawn along a side of the plot, labelled from its own range.
public struct AxisSpec: Hashable, Sendable {
    public enum Side: String, Hashable, Sendable { case bottom, left, right, top }
    public enum Alignment: Int, Hashable, Sendable { case start = -1, center = 0, end = 1 }

    public var side: Side
    public var range: ValueRange = .percent
    /// Tick step in range units; nil: chosen automatically.
    public var step: Double? = nil
    /// Explicit labels; nil: numbers from the range.
    public var labels: [String]? = nil
    /// Positions of the labels in range units; nil: spread evenly (or on the bar centres).
    public var positions: [Double]? = nil
    public var color: RGBA? = nil
    public var fontSize: Double? = nil
    public var alignment: Alignment? = nil
    public var showLine = true
    public var showTicks = true
    public var tickColor: RGBA? = nil
    public var lineColor: RGBA? = nil
    /// Tick length in px (negative: drawn across the plot).
    public var tickLength: Double? = nil
    /// How numbers from the range are written (`chxs=1N*f1*`); nil: as short as exact.
    /// Explicit label texts are drawn as given.
    public var format: NumberStyle? = nil

    public init(side: Side) { self.side = side }
}

/// Which points of a series a marker applies to.
public enum PointSelection: Hashable, Sendable {
    case all
    /// One point; a fraction (2.5) lands between points.
    case point(Double)
    /// `start...end` every `step` points.
    case range(start: Double, end: Double, step: Double)
    /// Every n-th point.
    case every(Int)
    /// A place in the plot, not a data point: fractions of its width (from the left) and
    /// height (from the bottom), Google's `@x:y`.
    case position(x: Double, y: Double)
}

/// A mark drawn on top of (or under) the data.
public struct MarkerSpec: Hashable, Sendable {
    public enum Shape: String, Hashable, Sendable { case circle, square, diamond, cross, xMark, arrow }
    public enum Kind: Hashable, Sendable {
        case shape(Shape)
        /// A fixed text at each point.
        case text(String)
        /// The point's own value, written in a style.
        case value(NumberStyle)
        /// Fills the area between the series' line and the bottom of the plot.
        case fillToBottom
        /// Fills between this series and `series2`.
        case fillBetween(series2: Int)
        /// A horizontal line across the plot at a value fraction (0 bottom, 1 top).
        case horizontalLine(Double)
        /// A vertical line from the bottom up to the point.
        case verticalLine
        /// Bands: horizontal between two fractions of the height, vertical between two of the width.
        case horizontalBand(Double, Double)
        case verticalBand(Double, Double)
        /// The series drawn again as a line of this width (line markers on bars).
        case line
    }
    public var kind: Kind
    public var color: RGBA
    public var series: Int
    public var points: PointSelection
    public var size: Double
    /// Drawn under the data instead of over it.
    public var below: Bool

    public init(kind: Kind, color: RGBA, series: Int, points: PointSelection = .all, size: Double, below: Bool = false) {
        self.kind = kind; self.color = color; self.series = series; self.points = points
        self.size = size; self.below = below
    }
}

/// A paint for an area: one colour or a linear gradient.
public enum Paint: Hashable, Sendable {
    case solid(RGBA)
    /// Stops at offsets 0...1 along a direction `angle` degrees counter-clockwise from
    /// left-to-right (0: left to right, 90: bottom to top).
    case linear(angle: Double, stops: [GradientStop])
    /// Bands of colour repeating across the area along a direction `angle` degrees
    /// counter-clockwise from left-to-right (0: vertical stripes side by side); each width is a
    /// fraction of the area's width.
    case stripes(angle: Double, stripes: [Stripe])
}

public struct Stripe: Hashable, Sendable {
    public var color: RGBA
    public var width: Double
    public init(color: RGBA, width: Double) { self.color = color; self.width = width }
}

public struct GradientStop: Hashable, Sendable {
    public var offset: Double
    public var color: RGBA
    public init(offset: Double, color: RGBA) { self.offset = offset; self.color = color }
}

/// Bar thickness and gaps in px, or relative to the bar width.
public struct BarSizing: Hashable, Sendable {
    /// nil: bars widen or narrow to fill the plot.
    public var width: Double?
    public var barGap: Double
    public var groupGap: Double
    /// Gaps are fractions of the bar width and the width is fitted.
    public var relative: Bool
    public init(width: Double?, barGap: Double, groupGap: Double, relative: Bool = false) {
        self.width = width; self.barGap = barGap; self.groupGap = groupGap; self.relative = relative
    }
}

public struct LineStyle: Hashable, Sendable {
    public var width: Double
    /// Dash and gap lengths in px; 0 dash means solid.
    public var dash: Double
    public var gap: Double
    public init(width: Double, dash: Double = 0, gap: Double = 0) { self.width = width; self.dash = dash; self.gap = gap }
}

/// Grid lines every `xStep`/`yStep` percent of the plot (0: none).
public struct GridSpec: Hashable, Sendable {
    public var xStep: Double
    public var yStep: Double
    public var dash: Double
    public var gap: Double
    public var xOffset: Double
    public var yOffset: Double
    public init(xStep: Double, yStep: Double, dash: Double = 4, gap: Double = 1, xOffset: Double = 0, yOffset: Double = 0) {
        self.xStep = xStep; self.yStep = yStep; self.dash = dash; self.gap = gap
        self.xOffset = xOffset; self.yOffset = yOffset
    }
}

public struct Margins: Hashable, Sendable {
    public var left: Double, right: Double, top: Double, bottom: Double
    public init(left: Double, right: Double, top: Double, bottom: Double) {
        self.left = left; self.right = right; self.top = top; self.bottom = bottom
    }
}

public struct TextStyle: Hashable, Sendable {
    public var color: RGBA?
    public var size: Double?
    public var alignment: AxisSpec.Alignment?
    public init(color: RGBA? = nil, size: Double? = nil, alignment: AxisSpec.Alignment? = nil) {
        self.color = color; self.size = size; self.alignment = alignment
    }
}

/// Where an explicit-frame legend goes (Google's `chdlp`).
public enum LegendSide: String, Hashable, Sendable { case right, left, top, bottom }

/// How bars of several series share a category slot.
public enum BarArrangement: String, Hashable, Sendable { case grouped, stacked, overlapped }

/// How a pie with several series is drawn.
public enum PieStyle: String, Hashable, Sendable { case single, concentric }
