import SeededRandom
import Testing
@testable import PlotSpec

@Suite struct NumberParsingTests {
    func parse(_ s: String) -> NumberSyntax.Outcome { NumberSyntax.parse(Array(s.utf8)[...]) }

    @Test(arguments: [
        ("0", 0), ("-0", 0), ("+0", 0), ("0.0", 0), ("-0e5", 0), ("000", 0),
        ("1", 1), ("-1", -1), ("+7", 7), (".5", 0.5), ("5.", 5), ("-.5", -0.5),
        ("1.5", 1.5), ("-1.5e3", -1500), ("1E3", 1000), ("1e+3", 1000), ("1e-3", 0.001),
        ("0.1", 0.1), ("0.3", 0.3), ("3.14159", 3.14159), ("007.50", 7.5),
        ("1e308", 1e308), ("-1e308", -1e308), ("1.7976931348623157e308", 1.7976931348623157e308),
        ("5e-324", .leastNonzeroMagnitude), ("1e-400", 0), ("-1e-400", 0),
        ("9007199254740993", 9007199254740992), ("12345678901234567890", 12345678901234567168),
        ("0.30000000000000004", 0.30000000000000004), ("123456.789e-3", 123.456789),
        ("1e22", 1e22), ("1e23", 1e23), ("4.35", 4.35),
        ("0.000000000000000000000000000001", 1e-30),
        ("+12345678901234567890", 12345678901234567168), ("-.12345678901234567890123", -0.12345678901234568),
        ("5.e-1", 0.5), ("1e-22", 1e-22), ("9007199254740992e22", 9.007199254740992e37),
    ] as [(String, Double)])
    func accepts(text: String, expected: Double) {
        #expect(parse(text) == .value(expected))
        if case .value(let v) = parse(text) {
            #expect(v.sign == .plus || v != 0, "zero must be +0")
            // Agrees with the standard library wherever that accepts the text.
            if let reference = Double(text) { #expect(v == reference + 0) }
        }
    }

    @Test(arguments: ["", " 1", "1 ", "--1", "+-1", "1e", "1e+", "e5", ".", "-", "+", "-.", "1..2", "1.2.3",
                      "0x1p3", "0x10", "1,5", "1_000", "½", "١", "1e5.5", "1f", "Infinityx", "nan1", "_", "1-"])
    func rejectsSyntax(text: String) {
        #expect(parse(text) == .malformed)
    }

    @Test(arguments: ["nan", "NaN", "-nan", "inf", "-inf", "+INF", "infinity", "Infinity", "1e309", "-1e309",
                      "1e99999999999999999999", "179769313486231580793728971405303415079934132710037826936173778980444968292764750946649017977587207096330286416692887910946555547851940402630657488671505820681908902000708383676273854845817711531764475730270069855571366959622842914819860834936475292719074168444365510704342711559699508093042880177904174497792"])
    func rejectsNonFinite(text: String) {
        #expect(parse(text) == .notFinite)
    }

    @Test func longInputsDoNotTrap() {
        let digits = String(repeating: "9", count: 100_000)
        #expect(parse(digits) == .notFinite)
        #expect(parse("0." + digits) == .value(1))
        #expect(parse("1e" + digits) == .notFinite)
        #expect(parse("1e-" + digits) == .value(0))
        #expect(parse(String(repeating: "0", count: 100_000) + "1") == .value(1))
    }

    /// The fast path must agree with the library's correctly rounded conversion.
    @Test func fastPathMatchesLibrary() {
        var rng = SplitMix64(seed: 42)
        for _ in 0..<20_000 {
            let mantissa = rng.next() % 10_000_000_000_000_000
            let exponent = Int(rng.next() % 60) - 30
            let text = "\(mantissa)e\(exponent)"
            #expect(parse(text) == .value(Double(text)!), "\(text)")
            let decimal = "\(rng.next() % 1_000_000).\(rng.next() % 1_000_000_000)"
            #expect(parse(decimal) == .value(Double(decimal)!), "\(decimal)")
        }
    }
}
