import Testing
@testable import PlotSpec

/// Decodes with standard (or given) limits.
func decode(_ query: String, limits: Limits = .standard) throws(SpecError) -> ChartSpec {
    try QueryDecoder(limits: limits).decode(query)
}

/// The error a query produces, or nil if it decodes.
func error(of query: String, limits: Limits = .standard) -> SpecError? {
    do {
        _ = try decode(query, limits: limits)
        return nil
    } catch {
        return error
    }
}

/// A spec with NaN gaps replaced by infinity (which the decoder never produces), so `==` can
/// compare specs with gaps (NaN != NaN would make every spec with a gap unequal to itself).
func comparable(_ spec: ChartSpec) -> ChartSpec {
    var s = spec
    s.series = s.series.map { $0.map { $0.isNaN ? .infinity : $0 } }
    if var x = s.x {
        x.lists = x.lists.map { $0.map { $0.isNaN ? .infinity : $0 } }
        s.x = x
    }
    return s
}

/// Gap-aware equality of two series lists.
func sameValues(_ a: [[Double]], _ b: [[Double]]) -> Bool {
    a.count == b.count && zip(a, b).allSatisfy { x, y in
        x.count == y.count && zip(x, y).allSatisfy { $0.isNaN ? $1.isNaN : $0 == $1 }
    }
}

/// A bad query and the exact error it must produce.
struct BadQuery: Sendable, CustomTestStringConvertible {
    var query: String
    var code: SpecError.Code
    var parameter: String?
    var message: String
    var limits: Limits = .standard

    init(_ query: String, _ code: SpecError.Code, _ parameter: String?, _ message: String, limits: Limits = .standard) {
        self.query = query
        self.code = code
        self.parameter = parameter
        self.message = message
        self.limits = limits
    }

    var testDescription: String { String(query.prefix(80)) }

    func check(sourceLocation: SourceLocation = #_sourceLocation) {
        guard let e = error(of: query, limits: limits) else {
            Issue.record("expected \(code.rawValue) for \(query.prefix(80))", sourceLocation: sourceLocation)
            return
        }
        #expect(e.code == code, sourceLocation: sourceLocation)
        #expect(e.parameter == parameter, sourceLocation: sourceLocation)
        #expect(e.message == message, sourceLocation: sourceLocation)
        #expect(e.status == code.status, sourceLocation: sourceLocation)
    }
}


/// Varied valid queries, shared by the canonical-form and totality tests.
let sampleQueries: [String] = [
    "d=3,5,4,8",
    "type=line&d=3,5,4,8&title=Sales",
    "type=bar&w=600&h=400&title=R2%20bar%3A%20monthly%20totals&ylabel=units&ymin=0&ymax=80&names=2023|2024&labels=Jan|Feb|Mar&d=42,38,51|45,41,49",
    "type=spark&d=1,3,2,5",
    "type=spark&w=600&d=1,3,2,5",
    "type=pie&w=400&h=400&labels=North|East|South|West&d=30,22,17,13",
    "type=donut&d=1,2,3&colors=%23FF0000,0f0,11223344",
    "type=scatter&d=1,2,3|4,5&x=0.5,1.5,2.5|7,8&xmin=0&xmax=10",
    "type=scatter&d=1,2|3,4&x=1,2",
    "type=area&stack=yes&d=1,2,3|4,5,6&names=a|b&legend=BOTTOM",
    "d=1.0,2.50,-0,0.000&dpr=1.5",
    "d=1,,_,2|_,_|3",
    "d=_",
    "d=1e308,-1e308,1e-300,5e-324",
    "d=0.1,0.2,0.30000000000000004,1e16,12345678901234567890",
    "d=1,2&x=2024-05-01,2024-05-01T12:30",
    "d=1,2,3&x=@1714560000,@1714560000.25,_&xmin=2024-04-30&xmax=@1714600000",
    "d=1,2&x=2024-05-01T12:30:00.250%2B02:00,2024-05-01%2012:30:00Z",
    "d=1,2&x=1,2&xmin=-5&xmax=5.5&ymin=-1e3&ymax=1e3",
    "d=1,10,100&ylog=1&ymin=0.5",
    "d=1&title=Hello+World%21&xlabel=%C3%A9t%C3%A9&ylabel=%E2%82%AC%20%2F%20kWh",
    "d=1&title=a%0Ab%09c%7F",
    "d=1&title=%20%20",
    "d=1&title=&xlabel=",
    "d=1&labels=a||c&names=%7C%20x",
    "d=1&bg=transparent&theme=dark&grid=none",
    "d=1&bg=%23ABCDEF80&grid=XY&legend=none",
    "d=1&bg=fff",
    "d=1&lw=0.25&format=svg",
    "d=1&linewidth=20&fmt=PDF",
    "data=1,2&width=300&height=200&color=f00&series=one",
    "d=1&horizontal=on&stack=off&ylog=false",
    "d=1&_=12345&_cb=x",
    "&&d=1&&w=100&",
    "d=1&w=&h=",
    "d=-1.5e3,.5,5.,%2B7",
    "d=1&dpr=3&w=1000&h=1000",
    "d=1&x=_",
    "d=1&title=%E2%9C%93%F0%9F%93%88",
    "d=1&title=a=b%26c",
]
