import SeededRandom
import Testing
@testable import PlotSpec

@Suite struct CanonicalTests {
    @Test(arguments: [
        ("d=3,5,4,8", "d=3,5,4,8"),
        ("d=1.0,2.50", "d=1,2.5"),
        ("d=-0,0.000,1e2,0.1,1e16,1.5e-7,-1e308,_,,123456789012345", "d=0,0,100,0.1,1e16,1.5e-07,-1e308,,,123456789012345"),
        ("type=LINE&w=600&h=400&dpr=1.0&legend=auto&grid=y&theme=light&format=png&stack=0&ylog=no", "d=1"),
        ("type=spark&w=120&h=30", "type=spark&d=1"),
        ("type=spark&w=600", "type=spark&w=600&d=1"),
        ("type=bar&w=601", "type=bar&w=601&d=1"),
        ("dpr=1.50", "dpr=1.5&d=1"),
        ("title=Hello+World%21%7E.-_", "d=1&title=Hello%20World%21~.-_"),
        ("title=%C3%A9%2B%26%3D%25", "d=1&title=%C3%A9%2B%26%3D%25"),
        ("title=a%0Ab", "d=1&title=a%20b"),
        ("labels=Jan||M%C3%A4r&names=a+b|c", "d=1&labels=Jan||M%C3%A4r&names=a%20b|c"),
        ("colors=%23FF8800,ABC,112233FF,11223344", "d=1&colors=ff8800,aabbcc,112233,11223344"),
        ("bg=FFF", "d=1&bg=ffffff"),
        ("bg=TRANSPARENT", "d=1&bg=transparent"),
        ("d=1,2&x=2024-05-01,_", "d=1,2&x=@1714521600,"),
        ("stack=yes&horizontal=on&ylog=true", "d=1&ylog=1&stack=1&horizontal=1"),
        ("fmt=SVG&linewidth=2.0&legend=None", "d=1&legend=none&lw=2&format=svg"),
        ("ymax=1e3&ymin=-0.5&xmax=10&xmin=0", "d=1&xmin=0&xmax=10&ymin=-0.5&ymax=1000"),
        ("_=1&_cache=2", "d=1"),
        ("d=_&x=_", "d=_&x=_"),
        ("d=,|_", "d=,|"),
        ("type=scatter&d=_|_&x=_|_", "type=scatter&d=|&x=|"),
    ] as [(String, String)])
    func spelling(query: String, canonical: String) throws {
        // Rows without d get d=1 appended (at the end, to show order does not matter).
        let q = query.split(separator: "&").contains { $0.hasPrefix("d=") } ? query : query + "&d=1"
        #expect(try decode(q).canonicalQuery == canonical)
    }

    @Test func fullOrder() throws {
        let q = "format=pdf&lw=3&bg=000&theme=dark&grid=xy&legend=top&horizontal=1&stack=1&ylog=1&ymax=9&ymin=1&xmax=2&xmin=1"
            + "&ylabel=Y&xlabel=X&title=T&colors=fff&names=n&labels=l&x=1,2&d=1,2&dpr=2&h=300&w=500&type=area"
        #expect(try decode(q).canonicalQuery == "type=area&w=500&h=300&dpr=2&d=1,2&x=1,2&labels=l&names=n&colors=ffffff"
            + "&title=T&xlabel=X&ylabel=Y&xmin=1&xmax=2&ymin=1&ymax=9&ylog=1&stack=1&horizontal=1&legend=top&grid=xy"
            + "&theme=dark&bg=000000&lw=3&format=pdf")
    }

    @Test func timeValuesAsSeconds() throws {
        let s = try decode("type=scatter&d=1,2|3&x=2024-05-01T12:30:00.250%2B02:00,_|@-1.5")
        #expect(s.canonicalQuery == "type=scatter&d=1,2|3&x=@1714559400.25,|@-1.5")
    }

    /// Decoding the canonical query gives the same spec and the same canonical query.
    @Test(arguments: sampleQueries)
    func idempotent(query: String) throws {
        let spec = try decode(query)
        let canonical = spec.canonicalQuery
        let again = try decode(canonical)
        #expect(comparable(again) == comparable(spec), "\(canonical)")
        #expect(again.canonicalQuery == canonical)
    }

    /// Shuffling the items of a query changes nothing.
    @Test(arguments: sampleQueries)
    func orderInsensitive(query: String) throws {
        let expected = try decode(query).canonicalQuery
        var rng = SplitMix64(seed: UInt64(truncatingIfNeeded: query.utf8.count))
        var items = query.split(separator: "&").map(String.init)
        for _ in 0..<5 {
            items.shuffle(using: &rng)
            #expect(try decode(items.joined(separator: "&")).canonicalQuery == expected)
        }
    }

    @Test func equalSpecsEqualCanonical() throws {
        let pairs = [
            ("d=1,2&width=300", "w=300&data=1.0,2e0"),
            ("d=1&title=a+b", "title=a%20b&d=1"),
            ("d=1&colors=%23ABC", "colors=aabbcc&d=1"),
            ("d=1&x=2024-05-01", "d=1&x=@1714521600"),
            ("d=1&x=2024-05-01T02:00%2B02:00", "d=1&x=2024-05-01T00:00:00.000Z"),
        ]
        for (a, b) in pairs {
            let sa = try decode(a), sb = try decode(b)
            #expect(sa == sb)
            #expect(sa.canonicalQuery == sb.canonicalQuery)
        }
        #expect(try decode("d=1&x=1").canonicalQuery != decode("d=1&x=@1").canonicalQuery)
    }
}
