import SeededRandom
@testable import PlotSpec

/// Random queries from the grammar (plus junk), so most of them decode and reach deep into
/// the parsers; seeded, so a failure reproduces.
struct QueryGenerator {
    var rng: SplitMix64

    init(seed: UInt64) { rng = SplitMix64(seed: seed) }

    mutating func int(_ n: Int) -> Int { Int(rng.next() % UInt64(n)) }
    mutating func chance(_ p: Double) -> Bool { Double(rng.next() % 10_000) < p * 10_000 }
    mutating func pick<T>(_ xs: [T]) -> T { xs[int(xs.count)] }

    static let numbers = ["0", "-0", "1", "-1", "0.5", ".5", "5.", "2.50", "1e3", "1E-3", "1e300", "-1e300", "1e-300",
                          "5e-324", "1.7976931348623157e308", "1e16", "9007199254740993", "123.456", "-42", "%2B7",
                          "0.1", "0.30000000000000004", "1e400", "nan", "inf", "abc", "1,5", " 1", ""]
    static let dates = ["2024-05-01", "2024-02-29", "2023-02-29", "2024-05-01T12:30", "2024-05-01T12:30:00.250Z",
                        "2024-05-01T12:30%2B02:00", "0000-01-01", "9999-12-31T23:59:59.999", "@0", "@1714521600",
                        "@-1.5", "@1e15", "2024-13-01", "2024-05-01T12:30+02:00"]
    static let words = ["a", "Sales", "", "a+b", "%C3%A9t%C3%A9", "%E2%82%AC", "%F0%9F%93%88", "%00", "%0A", "x%7Cy",
                        "%26", "%3D", "%25", "%G1", "%FF", "e%CC%81", String(repeating: "W", count: 60), "%20"]

    /// A number, a gap, or (rarely) junk.
    mutating func value(gapsAndJunk: Bool = true) -> String {
        if gapsAndJunk && chance(0.1) { return pick(["_", ""]) }
        if chance(0.5) {
            let v = Double(int(2_000_001) - 1_000_000) / Double(pick([1, 10, 100, 1000, 1_000_000]))
            return v.description
        }
        let n = pick(Self.numbers)
        return gapsAndJunk || !["nan", "inf", "abc", "1,5", "", "1e400", " 1"].contains(n) ? n : "3"
    }

    mutating func list(_ count: Int, _ item: (inout QueryGenerator) -> String) -> String {
        (0..<count).map { _ in item(&self) }.joined(separator: ",")
    }

    mutating func text(maxWords: Int = 4) -> String {
        (0..<int(maxWords + 1)).map { _ in pick(Self.words) }.joined(separator: pick(["", "+", "%20", "-"]))
    }

    /// A query in the native dialect: `d` nearly always, other parameters now and then, a few
    /// misspellings, repeats and cache busters.
    mutating func native() -> [String] {
        let type = pick(ChartType.allCases.map(\.rawValue) + ["LINE", "Bar", "pie", "histogram"])
        let seriesCount = 1 + int(chance(0.2) ? 8 : 3)
        let length = int(chance(0.1) ? 200 : 12) + (chance(0.9) ? 1 : 0)
        var items: [String] = []
        let ylog = chance(0.15)
        if chance(0.95) {
            let series = (0..<seriesCount).map { _ in
                list(length) { g in ylog && g.chance(0.9) ? String(g.int(1000) + 1) : g.value() }
            }
            items.append(pick(["d", "d", "d", "data"]) + "=" + series.joined(separator: "|"))
        }
        if chance(0.8) { items.append("type=" + type) }
        if chance(0.3) {
            let lists = type.lowercased() == "scatter" && chance(0.5) ? seriesCount : 1
            let dated = chance(0.4)
            let x = (0..<lists).map { _ in
                list(length + (chance(0.1) ? 1 : 0)) { g in
                    g.chance(0.05) ? "_" : dated ? g.pick(Self.dates) : g.value(gapsAndJunk: false)
                }
            }
            items.append("x=" + x.joined(separator: "|"))
            if chance(0.3) { items.append("xmin=" + (dated ? pick(Self.dates) : value(gapsAndJunk: false))) }
            if chance(0.3) { items.append("xmax=" + (dated ? pick(Self.dates) : value(gapsAndJunk: false))) }
        }
        for name in ["w", "h", "width", "height"] where chance(0.15) {
            items.append(name + "=" + pick(["8", "7", "100", "600", "1000", "4096", "4097", String(int(5000)), "1e3", "-5", "x"]))
        }
        if chance(0.15) { items.append("dpr=" + pick(["1", "1.5", "2", "3", "3.01", "0.5", "2.999"])) }
        if chance(0.3) { items.append("labels=" + (0..<int(length + 2)).map { _ in text(maxWords: 2) }.joined(separator: "|")) }
        if chance(0.3) {
            items.append(pick(["names", "series"]) + "=" + (0..<int(seriesCount + 2)).map { _ in text(maxWords: 2) }.joined(separator: "|"))
        }
        if chance(0.2) {
            items.append(pick(["colors", "color"]) + "="
                + (0..<int(seriesCount + 1)).map { _ in pick(["f00", "%23ABC", "112233", "11223344", "zz", "fff0", "00000000"]) }.joined(separator: ","))
        }
        for name in ["title", "xlabel", "ylabel"] where chance(0.25) { items.append(name + "=" + text()) }
        if chance(0.2) { items.append("ymin=" + (ylog ? pick(["0.5", "1", "0", "-1"]) : value(gapsAndJunk: false))) }
        if chance(0.2) { items.append("ymax=" + (ylog ? pick(["10", "1e6", "1e300"]) : value(gapsAndJunk: false))) }
        if ylog { items.append("ylog=" + pick(["1", "true", "yes", "on"])) }
        for name in ["stack", "horizontal"] where chance(0.15) { items.append(name + "=" + pick(["1", "0", "yes", "off", "2"])) }
        if chance(0.15) { items.append("legend=" + pick(["auto", "top", "bottom", "right", "none", "NONE", "left"])) }
        if chance(0.15) { items.append("grid=" + pick(["y", "x", "xy", "none", "yx"])) }
        if chance(0.15) { items.append("theme=" + pick(["light", "dark", "Dark", "blue"])) }
        if chance(0.15) { items.append("bg=" + pick(["transparent", "fff", "%23000000", "12345678", "nope"])) }
        if chance(0.15) { items.append(pick(["lw", "linewidth"]) + "=" + pick(["0.25", "1", "20", "0.1", "21", "2.5"])) }
        if chance(0.1) { items.append(pick(["format", "fmt"]) + "=" + pick(["png", "svg", "pdf", "SVG", "gif"])) }
        if chance(0.1) { items.append("_=" + String(int(100_000))) }
        if chance(0.03) { items.append(pick(["tilte=x", "d=1", "w=100", "zz"])) }
        return items
    }

    /// A query in the Google Image Charts dialect.
    mutating func google() -> [String] {
        var items = ["cht=" + pick(["lc", "ls", "lxy", "bvs", "bvg", "bhs", "bhg", "bvo", "p", "p3", "pc", "s", "r", "v", "qr", "LC", "zz"])]
        let series = 1 + int(3)
        let count = 1 + int(12)
        switch int(4) {
        case 0:
            items.append("chd=t:" + (0..<series).map { _ in list(count) { g in g.pick(["-1", "0", "50", "100", "12.5", "1e3", "_", "x"]) } }.joined(separator: "|"))
        case 1:
            let simple = Array("ABCXYZabcxyz0189_".utf8)
            items.append("chd=s:" + (0..<series).map { _ in String(decoding: (0..<count).map { _ in pick(simple) }, as: UTF8.self) }.joined(separator: ","))
        case 2:
            let extended = Array("AAAB..-.9zZa".utf8)
            items.append("chd=e:" + (0..<series).map { _ in String(decoding: (0..<(2 * count)).map { _ in pick(extended) }, as: UTF8.self) }.joined(separator: ","))
        default:
            items.append("chd=t" + pick(["2", "3"]) + ":" + (0..<series).map { _ in list(count) { g in g.value() } }.joined(separator: "|"))
        }
        if chance(0.9) { items.append("chs=" + pick(["300x200", "250x100", "1000x300", "1001x10", "8x8", "x", "600x500"])) }
        if chance(0.3) { items.append("chds=" + pick(["a", "0,100", "-50,50", "0,1e-300", "5,5", "0,100,0,10"])) }
        if chance(0.3) { items.append("chco=" + pick(["ff0000", "FF0000,00ff00", "ff0000|00ff00|0000ff", "zz", "ff000080"])) }
        if chance(0.2) { items.append("chf=" + pick(["bg,s,efefef", "c,lg,0,ffffff,0,76a4fb,1", "a,s,000000aa", "bg,ls,90,999999,0.25,cccccc,0.25", "c,lg,1e300,fff,0"])) }
        if chance(0.3) { items.append("chtt=" + text() + pick(["", "|" + text()])) }
        if chance(0.2) { items.append("chts=" + pick(["ff0000,20", "000000,12,r", "x"])) }
        if chance(0.3) { items.append("chdl=" + (0..<series).map { _ in text(maxWords: 2) }.joined(separator: "|")) }
        if chance(0.2) { items.append("chdlp=" + pick(["t", "b", "l", "r", "bv", "tv"])) }
        if chance(0.3) { items.append("chl=" + (0..<count).map { _ in text(maxWords: 1) }.joined(separator: "|")) }
        if chance(0.2) { items.append("chma=" + pick(["0,0,0,0", "30,30,30,30|80,20", "1e300,0,0,0", "-5"])) }
        if chance(0.2) { items.append("chp=" + pick(["0.628", "-1", "1e300"])) }
        if chance(0.3) { items.append("chxt=" + pick(["x,y", "x,x,y,r,t", "y", "q"])) }
        if chance(0.2) { items.append("chxl=" + pick(["0:|a|b|c", "1:|lo|hi|0:|x", "5:|z"])) }
        if chance(0.2) { items.append("chxr=" + pick(["0,0,100", "1,-50,50,10", "0,100,0", "0,0,1e300,1e-300"])) }
        if chance(0.1) { items.append("chxp=" + pick(["0,10,50,90", "1,0,1e300"])) }
        if chance(0.1) { items.append("chxs=" + pick(["0,ff0000,12,0,lt", "1N*f1*,0000ff"])) }
        if chance(0.2) { items.append("chbh=" + pick(["a", "23,4,8", "r,0.5,1.5", "1000,1000,1000", "0"])) }
        if chance(0.2) { items.append("chls=" + pick(["2", "3,6,3|1", "0", "1e300,1,1"])) }
        if chance(0.2) { items.append("chg=" + pick(["20,50", "10,10,1,5", "0,0", "1e-300,1e-300"])) }
        if chance(0.3) {
            items.append("chm=" + (0..<(1 + int(3))).map { _ in
                pick(["o,ff0000,0,-1,5", "s,000000,0,2,10", "B,76a4fb,0,0,0", "b,ff0000,0,1,0", "h,0000ff,0,0.5,1",
                      "r,E5ECF9,0,0.25,0.5", "R,ff0000,0,0.1,0.2", "D,ff0000,0,0,3", "tHello,000000,0,1,12", "N*f2*,0,0,-1,9",
                      "V,00ff00,0,1,1", "o,ff0000,0,0:10:0.01,5", "x,000000,0,-3,5", "a,ff0000,9,1,5", "o,ff0000,0,-1,1e300"])
            }.joined(separator: "|"))
        }
        if chance(0.1) { items.append("chof=" + pick(["png", "svg", "gif", "validate", "json"])) }
        if chance(0.05) { items.append(pick(["chd=t:1", "unknown=1", "_=1"])) }
        return items
    }

    mutating func query() -> (items: [String], google: Bool) {
        let isGoogle = chance(0.3)
        var items = isGoogle ? google() : native()
        items.shuffle(using: &rng)
        return (items, isGoogle)
    }
}
