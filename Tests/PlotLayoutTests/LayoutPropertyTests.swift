import Foundation
import SeededRandom
import Testing
@testable import PlotLayout
import PlotSpec
import PlotInvariants

/// Layout never traps and hands the renderer only finite numbers, for any spec the decoder
/// accepts: seeded random queries aimed at layout's edge cases (extreme and tiny values, gaps,
/// explicit ranges, tiny and huge canvases, long texts, many labels), in both dialects, and
/// mutations of the committed fuzz corpus.
@Suite struct LayoutPropertyTests {
    struct Generator {
        var rng: SplitMix64
        mutating func int(_ n: Int) -> Int { Int(rng.next() % UInt64(n)) }
        mutating func chance(_ p: Double) -> Bool { Double(rng.next() % 10_000) < p * 10_000 }
        mutating func pick<T>(_ xs: [T]) -> T { xs[int(xs.count)] }

        static let extremes = ["1e308", "-1e308", "1.7976931348623157e308", "5e-324", "-5e-324", "1e-300", "0", "-0",
                               "1e16", "-1e16", "9007199254740993", "1e15", "1e-15", "_", ""]

        mutating func number() -> String {
            switch int(4) {
            case 0: return pick(Self.extremes)
            case 1: return String(int(201) - 100)
            case 2: return (Double(int(2_000_001) - 1_000_000) * pow(10, Double(int(40) - 20))).description
            default: return String(format: "%.3f", Double(int(100_000)) / 1000)
            }
        }

        mutating func text() -> String {
            pick(["", "a", "Sales+2024", String(repeating: "W", count: 200), "%E2%9A%A0", "%F0%9F%93%88%F0%9F%93%88",
                  String(repeating: "i", count: 150), "e%CC%81", "a%0Ab", String(repeating: "%D7%A9", count: 80)])
        }

        mutating func native() -> String {
            let type = pick(ChartType.allCases)
            let seriesCount = 1 + int(chance(0.1) ? 64 : 4)
            let length = chance(0.05) ? 2_000 : int(30)
            var items: [String] = ["type=" + type.rawValue]
            let ylog = chance(0.1)
            items.append("d=" + (0..<seriesCount).map { _ in
                (0..<length).map { _ in ylog ? pick(["1", "1e-300", "1e300", "_", "5e-324", "7"]) : number() }.joined(separator: ",")
            }.joined(separator: "|"))
            if ylog { items.append("ylog=1") }
            if chance(0.3) {
                let lists = type == .scatter && chance(0.5) ? seriesCount : 1
                let dated = chance(0.4)
                items.append("x=" + (0..<lists).map { _ in
                    (0..<length).map { _ in
                        dated ? pick(["0000-01-01", "9999-12-31T23:59:59.999", "2024-05-01", "2024-05-01T00:00:00.001",
                                      "@1e15", "@-1e15", "@0", "_"]) : number()
                    }.joined(separator: ",")
                }.joined(separator: "|"))
                if !dated {
                    if chance(0.3) { items.append("xmin=" + pick(["-1e308", "0", "1e-300", "-5"])) }
                    if chance(0.3) { items.append("xmax=" + pick(["1e308", "1e-300", "1", "5e-324"])) }
                }
            }
            if chance(0.3) { items.append("ymin=" + pick(ylog ? ["1e-300", "1", "5e-324"] : ["-1e308", "0", "1e-300", "-5"])) }
            if chance(0.3) { items.append("ymax=" + pick(["1e308", "1e-300", "2", "1e300"])) }
            if chance(0.4) {
                items.append("w=" + String(pick([8, 9, 20, 60, 120, 600, 4096, 8 + int(1000)])))
                items.append("h=" + String(pick([8, 9, 20, 30, 400, 4096, 8 + int(1000)])))
                if chance(0.2) { items.append("dpr=" + pick(["1", "2", "3", "1.5"])) }
            }
            for name in ["title", "xlabel", "ylabel"] where chance(0.3) { items.append(name + "=" + text()) }
            if chance(0.3) { items.append("labels=" + (0..<(chance(0.1) ? 5_000 : int(40))).map { _ in text() }.joined(separator: "|")) }
            if chance(0.3) { items.append("names=" + (0..<int(seriesCount + 2)).map { _ in text() }.joined(separator: "|")) }
            if chance(0.2) { items.append("stack=1") }
            if chance(0.2) { items.append("horizontal=1") }
            if chance(0.2) { items.append("legend=" + pick(["top", "bottom", "right", "none"])) }
            if chance(0.2) { items.append("grid=" + pick(["x", "xy", "none"])) }
            if chance(0.1) { items.append("lw=" + pick(["0.25", "20"])) }
            if chance(0.1) { items.append("theme=dark") }
            return items.joined(separator: "&")
        }

        mutating func google() -> String {
            let count = 1 + int(chance(0.1) ? 500 : 20)
            let series = 1 + int(4)
            var items = ["cht=" + pick(["lc", "ls", "lxy", "bvs", "bvg", "bhs", "bhg", "bvo", "p", "p3", "pc", "s", "r"]),
                         "chs=" + pick(["300x200", "8x8", "1000x300", "100x1000", "547x547"])]
            items.append("chd=t:" + (0..<series).map { _ in
                (0..<count).map { _ in pick(["-1", "0", "50", "100", "1e300", "-1e300", "1e-300", "_", String(int(1000))]) }
                    .joined(separator: ",")
            }.joined(separator: "|"))
            if chance(0.5) { items.append("chds=" + pick(["a", "0,100", "0,1e-300", "-1e300,1e300", "5,5.000001", "1e300,-1e300"])) }
            if chance(0.3) { items.append("chxt=x,y,r,t") }
            if chance(0.3) { items.append("chxr=" + pick(["0,0,100", "1,-1e300,1e300", "0,0,1e-300,1e-301", "1,5,5"])) }
            if chance(0.3) { items.append("chm=" + pick(["o,ff0000,0,-1,200", "N*f10*,000000,0,-1,200", "D,ff0000,0,0,200",
                                                          "o,ff0000,0,0:100000:0.01,5", "r,ff0000,0,-1e300,1e300",
                                                          "h,000000,0,1e300,5", "b,ff0000,0,1,0|B,00ff00,1,0,0"])) }
            if chance(0.3) { items.append("chf=" + pick(["c,lg,45,ffffff,0,000000,1", "bg,ls,1e300,fff,1e300,000,0.5", "c,lg,0,fff,1e300"])) }
            if chance(0.3) { items.append("chbh=" + pick(["a", "1000,1000,1000", "r,100,100", "0,0,0"])) }
            if chance(0.3) { items.append("chma=" + pick(["1000,1000,1000,1000", "0,0,0,0|1000,1000"])) }
            if chance(0.2) { items.append("chls=" + pick(["1000,1000,1000", "0.001,0,0"])) }
            if chance(0.2) { items.append("chg=" + pick(["1e-300,1e-300", "100,100,1000,1000", "0.0001,0.0001"])) }
            if chance(0.3) { items.append("chtt=" + text() + "|" + text()) }
            if chance(0.3) { items.append("chdl=" + (0..<series).map { _ in text() }.joined(separator: "|")) }
            if chance(0.2) { items.append("chl=" + (0..<count).map { _ in text() }.joined(separator: "|")) }
            if chance(0.2) { items.append("chp=" + pick(["1e300", "-1e300", "6.28"])) }
            return items.joined(separator: "&")
        }
    }

    /// A non-finite coordinate explained by one of the open bugs (fuzz/regressions/).
    static func knownIssue(_ spec: ChartSpec, _ problem: String) -> String? {
        guard problem.contains("inf") || problem.contains("nan") else { return nil }
        return KnownLayoutIssues.issue(spec)
    }

    func check(_ queries: [String], minimumDecoded: Int) {
        var decoded = 0
        var knownHits: [String: (count: Int, example: String)] = [:]
        for q in queries {
            let spec: ChartSpec
            do {
                spec = try QueryDecoder().decode(q)
            } catch {
                if let why = SceneInvariants.errorSceneProblem(error) { Issue.record("\(why) for \(q.prefix(300))") }
                continue
            }
            decoded += 1
            guard let why = SceneInvariants.layoutProblem(spec) else { continue }
            if let issue = Self.knownIssue(spec, why) {
                knownHits[issue, default: (0, String(q.prefix(200)))].count += 1
            } else {
                Issue.record("\(why) for \(q.prefix(300))")
            }
        }
        #expect(decoded >= minimumDecoded, "only \(decoded) of \(queries.count) decoded")
        for (issue, hits) in knownHits.sorted(by: { $0.key < $1.key }) {
            withKnownIssue("open bug \(issue) (see fuzz/regressions/)") {
                Issue.record("\(hits.count) charts, e.g. \(hits.example)")
            }
        }
    }

    @Test func nativeSpecsLayOutFinite() {
        var g = Generator(rng: SplitMix64(seed: 21))
        check((0..<1_500).map { _ in g.native() }, minimumDecoded: 300)
    }

    @Test func googleSpecsLayOutFinite() {
        var g = Generator(rng: SplitMix64(seed: 22))
        check((0..<1_500).map { _ in g.google() }, minimumDecoded: 300)
    }

    /// The committed seed corpus, each query as is and with a few byte mutations.
    @Test func corpusMutationsLayOutFinite() throws {
        let folder = FuzzRegressionTests.repo.appendingPathComponent("fuzz/corpus")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        #expect(names.count > 100)
        var rng = SplitMix64(seed: 23)
        let alphabet = Array("%&=|,_.-+eE@:0123456789abcfx".utf8) + [0xC3, 0xA9, 0xFF]
        var queries: [String] = []
        for name in names {
            let seed = try Array(Data(contentsOf: folder.appendingPathComponent(name)))
            queries.append(String(decoding: seed, as: UTF8.self))
            for _ in 0..<8 {
                var bytes = seed
                for _ in 0...Int(rng.next() % 3) {
                    let at = bytes.isEmpty ? 0 : Int(rng.next() % UInt64(bytes.count))
                    let b = alphabet[Int(rng.next() % UInt64(alphabet.count))]
                    switch rng.next() % 3 {
                    case 0: bytes.insert(b, at: at)
                    case 1: if !bytes.isEmpty { bytes.remove(at: at) }
                    default: if !bytes.isEmpty { bytes[at] = b }
                    }
                }
                queries.append(String(decoding: bytes, as: UTF8.self))
            }
        }
        check(queries, minimumDecoded: queries.count / 5)
    }
}
