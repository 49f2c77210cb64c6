/// The parameters plotgate knows, in canonical order (the order of `canonicalQuery`), with
/// their documented aliases. Adding a parameter means adding a case here, a decoding step in
/// `QueryDecoder` and a line in `Canonical`.
enum Parameter: Int, CaseIterable, Sendable {
    case type, w, h, dpr, d, x, labels, names, colors
    case title, xlabel, ylabel
    case xmin, xmax, ymin, ymax
    case ylog, stack, horizontal
    case legend, grid, theme, bg, lw, format

    /// The canonical spelling.
    var name: String {
        switch self {
        case .type: "type"
        case .w: "w"
        case .h: "h"
        case .dpr: "dpr"
        case .d: "d"
        case .x: "x"
        case .labels: "labels"
        case .names: "names"
        case .colors: "colors"
        case .title: "title"
        case .xlabel: "xlabel"
        case .ylabel: "ylabel"
        case .xmin: "xmin"
        case .xmax: "xmax"
        case .ymin: "ymin"
        case .ymax: "ymax"
        case .ylog: "ylog"
        case .stack: "stack"
        case .horizontal: "horizontal"
        case .legend: "legend"
        case .grid: "grid"
        case .theme: "theme"
        case .bg: "bg"
        case .lw: "lw"
        case .format: "format"
        }
    }

    /// Documented aliases; each means exactly its parameter. Deliberately few: every alias is
    /// another spelling for people to meet in the wild.
    static let aliases: [(alias: String, parameter: Parameter)] = [
        ("data", .d), ("width", .w), ("height", .h), ("color", .colors),
        ("linewidth", .lw), ("fmt", .format), ("series", .names),
    ]

    /// Every accepted spelling, canonical names first (so suggestions prefer them on a tie).
    static let allSpellings: [String] = allCases.map(\.name) + aliases.map(\.alias)

    /// Exact, case-sensitive lookup (names are case-sensitive; values are not).
    init?(spelling: String) {
        if let p = Parameter.allCases.first(where: { $0.name == spelling }) {
            self = p
        } else if let a = Parameter.aliases.first(where: { $0.alias == spelling }) {
            self = a.parameter
        } else {
            return nil
        }
    }

    /// Names starting with `_` are cache busters: counted, then ignored.
    static func isIgnored(_ name: String) -> Bool { name.utf8.first == ASCII.underscore }
}
