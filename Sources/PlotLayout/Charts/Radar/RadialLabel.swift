import PlotSpec

/// A text placed just outside a circle at an angle, anchored so it grows away from the circle
/// (left of the circle it ends at the point, above it sits on the point): how dial and radar
/// labels avoid running into what they label. Shared by the gauge and the radar.
struct RadialLabel {
    var run: TextRun
    var box: Rect

    /// - Parameter angle: radians, clockwise on screen from 3 o'clock (as `PathElement.arc`).
    init(_ text: String, center: Point, radius: Double, angle: Double, size: Double, color: RGBA,
         measurer: any TextMeasurer) {
        let c = cos(angle), s = sin(angle)
        let at = Point(center.x + c * radius, center.y + s * radius)
        let anchor: TextRun.Anchor = c < -0.3 ? .end : (c > 0.3 ? .start : .middle)
        let baseline: TextRun.Baseline = s < -0.7 ? .bottom : (s > 0.7 ? .top : .middle)
        run = TextRun(text, at: at, size: size, color: color, anchor: anchor, baseline: baseline)
        let w = measurer.width(of: text, size: size, bold: false)
        let h = size * FontMetrics.lineHeight
        let x = switch anchor {
        case .start: at.x
        case .middle: at.x - w / 2
        case .end: at.x - w
        }
        let y = switch baseline {
        case .bottom: at.y - h
        case .top: at.y
        default: at.y - h / 2
        }
        box = Rect(x: x, y: y, width: w, height: h)
    }
}
