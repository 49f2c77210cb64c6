import PlotSpec

/// `--limit NAME=VALUE`: lets an operator tighten or loosen one of the validation limits
/// (`Limits`) from the command line of `serve`, `worker`, `cgi` and `render`.
enum LimitFlag {
    /// The names accepted, as `plotgate help` lists them.
    static let names = ["query-bytes", "parameters", "side", "pixels", "series", "points", "text-length", "labels"]

    /// Applies `NAME=VALUE` to `limits`; returns an error text when it is not one.
    static func apply(_ text: String, to limits: inout Limits) -> String? {
        let parts = text.split(separator: "=", maxSplits: 1)
        guard parts.count == 2, let value = Int(parts[1]), value > 0 else {
            return "--limit takes NAME=POSITIVE_INTEGER, e.g. --limit side=2048"
        }
        switch parts[0] {
        case "query-bytes": limits.maxQueryBytes = value
        case "parameters": limits.maxParameters = value
        case "side": limits.maxSide = value
        case "pixels": limits.maxPixels = value
        case "series": limits.maxSeries = value
        case "points": limits.maxPoints = value
        case "text-length": limits.maxTextLength = value
        case "labels": limits.maxLabels = value
        default: return "unknown limit \(parts[0]); use one of \(names.joined(separator: ", "))"
        }
        return nil
    }
}
