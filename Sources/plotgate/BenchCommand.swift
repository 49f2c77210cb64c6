import PlotLayout
import PlotRender
import PlotSpec

/// `plotgate bench-inprocess [-n N] [--each] NAME=QUERY...`: the in-process split of one render
/// into parse, layout, draw and encode, as medians over N runs. With `--each`, one line per
/// render instead (name and total ms): bench/ runs one copy per core to see how steady back-to-back
/// renders are without nginx, wrk or a queue. Used by bench/ (never a unit test).
enum BenchCommand {
    static func run(_ args: [String]) -> Int32 {
        var iterations = 50
        var each = false
        var cases: [(String, String)] = []
        var i = 0
        while i < args.count {
            if args[i] == "-n", i + 1 < args.count, let n = Int(args[i + 1]), n > 0 {
                iterations = n
                i += 2
                continue
            }
            if args[i] == "--each" {
                each = true
                i += 1
                continue
            }
            let parts = args[i].split(separator: "=", maxSplits: 1)
            guard parts.count == 2 else {
                Console.err("plotgate bench-inprocess: expected NAME=QUERY, got \(args[i])\n")
                return 64
            }
            cases.append((String(parts[0]), String(parts[1])))
            i += 1
        }
        let clock = ContinuousClock()
        let renderer = Renderer()
        Console.out(each ? "chart\ttotal_ms\n" : "chart\tparse_ms\tlayout_ms\tdraw_ms\tencode_ms\ttotal_ms\tbytes\n")
        for (name, query) in cases {
            var parse: [Double] = [], layout: [Double] = [], draw: [Double] = [], encode: [Double] = []
            var bytes = 0
            for _ in 0..<iterations {
                let t0 = clock.now
                guard let spec = try? QueryDecoder().decode(query) else {
                    Console.err("plotgate bench-inprocess: \(name): bad query\n")
                    return 65
                }
                _ = spec.canonicalDigest(seed: FNV1a64())  // the ETag's chart half, as the gateway computes it
                let t1 = clock.now
                let scene = ChartLayout.scene(for: spec, measurer: Renderer.measurer)
                let t2 = clock.now
                guard let out = try? renderer.render(scene, format: spec.format) else { return 70 }
                parse.append(ms(t1 - t0))
                layout.append(ms(t2 - t1))
                draw.append(Double(out.drawNanoseconds) / 1e6)
                encode.append(Double(out.encodeNanoseconds) / 1e6)
                bytes = out.bytes.count
            }
            if each {
                // Written after the loop, so printing never sits between two renders.
                for k in 0..<iterations {
                    Console.out("\(name)\t" + fixed3(parse[k] + layout[k] + draw[k] + encode[k]) + "\n")
                }
                continue
            }
            let m = [median(parse), median(layout), median(draw), median(encode)]
            let total = m.reduce(0, +)
            Console.out("\(name)\t" + (m + [total]).map(fixed3).joined(separator: "\t") + "\t\(bytes)\n")
        }
        return 0
    }

    private static func ms(_ d: Duration) -> Double {
        let (s, atto) = d.components
        return Double(s) * 1000 + Double(atto) / 1e15
    }

    private static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        return sorted.isEmpty ? 0 : sorted[sorted.count / 2]
    }

    private static func fixed3(_ v: Double) -> String {
        let thousandths = Int((v * 1000).rounded())
        let frac = String(thousandths % 1000)
        return "\(thousandths / 1000)." + String(repeating: "0", count: 3 - frac.count) + frac
    }
}
