import PlotSpec

/// Colours and type sizes of one theme. Sizes follow the reference suite (title 16 px, axis
/// titles 14, tick labels and legend 12), which matches matplotlib's defaults at 100 dpi.
public struct Style: Sendable {
    public var background: RGBA
    public var text: RGBA
    public var tickText: RGBA
    public var axis: RGBA
    public var grid: RGBA
    public var legendFill: RGBA
    public var legendBorder: RGBA
    /// Edge between pie slices and bar segments: the background colour, so slices read apart.
    public var separator: RGBA
    public var palette: [RGBA]
    /// Colour of the sparkline's end-point dot.
    public var accent: RGBA

    public var titleSize = 16.0
    public var axisTitleSize = 14.0
    public var tickSize = 12.0
    public var legendSize = 12.0
    public var pieLabelSize = 14.0
    public var pieValueSize = 12.0

    public static let light = Style(
        background: RGBA(hex: 0xFFFFFF), text: RGBA(hex: 0x000000), tickText: RGBA(hex: 0x000000),
        axis: RGBA(hex: 0x000000), grid: RGBA(hex: 0xDDDDDD), legendFill: RGBA(hex: 0xFFFFFF),
        legendBorder: RGBA(hex: 0xCCCCCC), separator: RGBA(hex: 0xFFFFFF),
        palette: Palette.tab10, accent: RGBA(hex: 0xD62728))

    /// Dark theme: the same hues (tab10 reads well on dark grey), lighter ink, quieter grid.
    public static let dark = Style(
        background: RGBA(hex: 0x1E1E1E), text: RGBA(hex: 0xE8E8E8), tickText: RGBA(hex: 0xCFCFCF),
        axis: RGBA(hex: 0xA0A0A0), grid: RGBA(hex: 0x3A3A3A), legendFill: RGBA(hex: 0x262626),
        legendBorder: RGBA(hex: 0x4A4A4A), separator: RGBA(hex: 0x1E1E1E),
        palette: Palette.tab10Dark, accent: RGBA(hex: 0xFF5A5F))

    public static func of(_ theme: Theme) -> Style {
        switch theme {
        case .light: light
        case .dark: dark
        }
    }

    /// The colour of series `index`: the user's, else the palette's (cycling).
    public func seriesColor(_ index: Int, spec: ChartSpec) -> RGBA {
        if index < spec.colors.count { return spec.colors[index] }
        return palette[index % palette.count]
    }

    /// The canvas colour, or nil for a transparent canvas.
    public func canvas(for background: Background) -> RGBA? {
        switch background {
        case .theme: self.background
        case .color(let c): c
        case .transparent: nil
        }
    }
}

public enum Palette {
    /// matplotlib's tab10, the palette most readers already know.
    public static let tab10: [RGBA] = [
        0x1F77B4, 0xFF7F0E, 0x2CA02C, 0xD62728, 0x9467BD,
        0x8C564B, 0xE377C2, 0x7F7F7F, 0xBCBD22, 0x17BECF,
    ].map { RGBA(hex: $0) }

    /// tab10 lifted slightly so the darker hues (blue, brown, grey) keep contrast on a dark canvas.
    public static let tab10Dark: [RGBA] = [
        0x3D8FD1, 0xFF8C1A, 0x3CB93C, 0xE8484A, 0xA98BD6,
        0xA9725F, 0xEE8FD0, 0x9A9A9A, 0xCFD03A, 0x2ED0E0,
    ].map { RGBA(hex: $0) }
}
