import PlotLayout
import PlotRender
import PlotSpec

/// `plotgate render QUERY [-o FILE] [--format F]`: the offline renderer for scripts and tests.
enum RenderCommand {
    /// BSD sysexits: 64 bad usage, 65 bad input data, 70 internal error, 73 cannot create output.
    static func run(_ args: [String]) -> Int32 {
        var query: String?
        var output: String?
        var format: OutputFormat?
        var limits = Limits.standard
        var i = 0
        while i < args.count {
            let a = args[i]
            switch a {
            case "--limit":
                guard i + 1 < args.count else { return usage("--limit needs NAME=VALUE") }
                if let problem = LimitFlag.apply(args[i + 1], to: &limits) { return usage(problem) }
                i += 2
            case "-o", "--output", "--format", "-f":
                guard i + 1 < args.count else { return usage("\(a) needs a value") }
                if a == "-o" || a == "--output" {
                    output = args[i + 1]
                } else {
                    guard let f = OutputFormat(rawValue: args[i + 1].lowercased()) else {
                        return usage("unknown format \"\(args[i + 1])\"; use png, svg or pdf")
                    }
                    format = f
                }
                i += 2
            default:
                if a.hasPrefix("-") && a.count > 1 { return usage("unknown option \(a)") }
                if query != nil { return usage("give one query") }
                query = a
                i += 1
            }
        }
        guard let query else { return usage("missing QUERY") }

        // An explicit --format wins, then format= in the query, then the file suffix, then png.
        var suffixFormat = OutputFormat.png
        if let output, let dot = output.lastIndex(of: "."),
           let f = OutputFormat(rawValue: output[output.index(after: dot)...].lowercased()) {
            suffixFormat = f
        }
        var spec: ChartSpec
        do {
            spec = try QueryDecoder(limits: limits).decode(query.hasPrefix("?") ? String(query.dropFirst()) : query,
                                             defaultFormat: suffixFormat)
        } catch {
            Console.err("plotgate: \(error.message) [\(error.code.rawValue)]\n")
            return 65
        }
        if let format { spec.format = format }

        let scene = ChartLayout.scene(for: spec, measurer: Renderer.measurer)
        let bytes: [UInt8]
        do {
            bytes = try Renderer().render(scene, format: spec.format).bytes
        } catch {
            Console.err("plotgate: rendering failed: \(error)\n")
            return 70
        }
        if let output {
            if let problem = Console.writeFile(output, bytes) {
                Console.err("plotgate: \(problem)\n")
                return 73
            }
        } else if !Console.writeAll(1, bytes) {
            return 74
        }
        return 0
    }

    private static func usage(_ problem: String) -> Int32 {
        Console.err("plotgate render: \(problem)\n\n" + Usage.text)
        return 64
    }
}
