import PlotSpec

/// What a chart looks like, as plain values: the contract between layout and render.
///
/// Coordinates are CSS pixels with the origin at the top left and y pointing down; the renderer
/// scales by `dpr`. A scene can be dumped as text (`dump()`) for snapshot tests without Cairo, and
/// the same scene draws to PNG, SVG and PDF.
public struct Scene: Sendable {
    public var width: Double
    public var height: Double
    public var dpr: Double
    /// nil: a transparent canvas.
    public var background: RGBA?
    public var items: [SceneItem]
    /// Opacity of the whole picture, background included, composited once (overlapping items
    /// do not show through each other): 1 opaque.
    public var opacity: Double = 1

    public init(width: Double, height: Double, dpr: Double, background: RGBA?, items: [SceneItem] = []) {
        self.width = width
        self.height = height
        self.dpr = dpr
        self.background = background
        self.items = items
    }

    public mutating func add(_ item: SceneItem) { items.append(item) }
}

public enum SceneItem: Sendable {
    /// A path filled and/or stroked (fill first).
    case shape(Shape)
    case text(TextRun)
    /// Items drawn clipped to a rectangle.
    case clipped(Rect, [SceneItem])
    /// The same small marker stamped at many points (scatter plots): the renderer may rasterise it
    /// once and composite it, which is several times faster than one path of thousands of circles.
    case markers(Marker)
    /// A linear gradient filling a rectangle (Google's `chf=...,lg,...`).
    case gradient(Gradient)
    /// A QR code: the layout says what and where, the renderer computes the modules (the
    /// encoder is a C library, and layout stays pure).
    case qrCode(QRCodeMark)
}

/// A QR code of `payload` in `rect`: the renderer draws it as large as fits with a whole number
/// of device pixels per module (so every module is crisp), centred, with `margin` modules of
/// quiet zone (the canvas shows through it) counted in the size.
public struct QRCodeMark: Sendable {
    public var rect: Rect
    public var payload: [UInt8]
    public var level: QRCodeSpec.Level
    public var margin: Int
    public var color: RGBA
    public init(rect: Rect, payload: [UInt8], level: QRCodeSpec.Level, margin: Int, color: RGBA) {
        self.rect = rect; self.payload = payload; self.level = level; self.margin = margin; self.color = color
    }
}

/// Colour stops along a direction across `rect`: offset 0 at the edge the direction starts
/// from, 1 at the opposite one. `angle` is in degrees counter-clockwise from left-to-right.
public struct Gradient: Sendable {
    public var rect: Rect
    public var angle: Double
    public var stops: [GradientStop]
    public init(rect: Rect, angle: Double, stops: [GradientStop]) {
        self.rect = rect; self.angle = angle; self.stops = stops
    }

    /// Start and end points of the gradient line: through the centre along the direction,
    /// long enough that every corner of the rectangle projects onto it.
    public var line: (start: Point, end: Point) {
        let a = angle * .pi / 180
        let dx = cos(a), dy = -sin(a)
        let half = (abs(dx) * rect.width + abs(dy) * rect.height) / 2
        return (Point(rect.midX - dx * half, rect.midY - dy * half), Point(rect.midX + dx * half, rect.midY + dy * half))
    }
}

public struct Point: Hashable, Sendable {
    public var x: Double, y: Double
    public init(_ x: Double, _ y: Double) { self.x = x; self.y = y }
}

public struct Rect: Hashable, Sendable {
    public var x: Double, y: Double, width: Double, height: Double
    public init(x: Double, y: Double, width: Double, height: Double) {
        self.x = x; self.y = y; self.width = width; self.height = height
    }
    public var minX: Double { x }
    public var minY: Double { y }
    public var maxX: Double { x + width }
    public var maxY: Double { y + height }
    public var midX: Double { x + width / 2 }
    public var midY: Double { y + height / 2 }

    public func intersects(_ other: Rect) -> Bool {
        minX < other.maxX && other.minX < maxX && minY < other.maxY && other.minY < maxY
    }
    public func inset(by d: Double) -> Rect {
        Rect(x: x + d, y: y + d, width: max(0, width - 2 * d), height: max(0, height - 2 * d))
    }
}

public enum PathElement: Hashable, Sendable {
    case move(Point)
    case line(Point)
    /// A circular arc around `center`, angles in radians, clockwise on screen (y down) from
    /// `start` to `end` when `end > start`.
    case arc(center: Point, radius: Double, start: Double, end: Double)
    case close
    case rect(Rect)
}

public struct Stroke: Hashable, Sendable {
    public enum Cap: String, Sendable { case butt, round, square }
    public enum Join: String, Sendable { case miter, round, bevel }
    public var color: RGBA
    public var width: Double
    public var cap: Cap
    public var join: Join
    public var dash: [Double]
    /// Axis, grid and tick lines: the renderer puts them on device-pixel centres so a 1 px line
    /// is one sharp pixel, not two grey ones.
    public var crisp: Bool

    public init(color: RGBA, width: Double, cap: Cap = .butt, join: Join = .miter,
                dash: [Double] = [], crisp: Bool = false) {
        self.color = color; self.width = width; self.cap = cap; self.join = join
        self.dash = dash; self.crisp = crisp
    }
}

public struct Shape: Sendable {
    public var path: [PathElement]
    public var fill: RGBA?
    public var stroke: Stroke?
    /// Fill-only rectangles (bars, legend swatches) snapped to whole device pixels so adjacent
    /// edges stay sharp.
    public var crispFill: Bool

    public init(path: [PathElement], fill: RGBA? = nil, stroke: Stroke? = nil, crispFill: Bool = false) {
        self.path = path; self.fill = fill; self.stroke = stroke; self.crispFill = crispFill
    }
}

public struct TextRun: Hashable, Sendable {
    public enum Anchor: String, Sendable { case start, middle, end }
    /// Which line of the text box `position.y` refers to.
    public enum Baseline: String, Sendable { case alphabetic, middle, top, bottom }
    public var text: String
    public var position: Point
    public var size: Double
    public var color: RGBA
    public var bold: Bool
    public var anchor: Anchor
    public var baseline: Baseline
    /// Degrees, counter-clockwise (a y-axis title is 90).
    public var rotation: Double

    public init(_ text: String, at position: Point, size: Double, color: RGBA, bold: Bool = false,
                anchor: Anchor = .start, baseline: Baseline = .alphabetic, rotation: Double = 0) {
        self.text = text; self.position = position; self.size = size; self.color = color
        self.bold = bold; self.anchor = anchor; self.baseline = baseline; self.rotation = rotation
    }
}

public struct Marker: Sendable {
    public enum Symbol: String, Sendable { case circle }
    public var symbol: Symbol
    /// Diameter in CSS px.
    public var size: Double
    public var color: RGBA
    public var centers: [Point]
    public init(symbol: Symbol, size: Double, color: RGBA, centers: [Point]) {
        self.symbol = symbol; self.size = size; self.color = color; self.centers = centers
    }
}
