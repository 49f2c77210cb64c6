import Testing
@testable import PlotSpec

@Suite struct DateParsingTests {
    func parse(_ s: String) -> DateSyntax.Outcome {
        let b = Array(s.utf8)[...]
        return s.hasPrefix("@") ? DateSyntax.parseUnix(b) : DateSyntax.parse(b)
    }

    // Expected values cross-checked with Python's datetime.
    @Test(arguments: [
        ("1970-01-01", 0.0),
        ("1969-12-31T23:59:59Z", -1),
        ("2024-05-01", 1_714_521_600),
        ("2024-05-01T12:30", 1_714_566_600),
        ("2024-05-01t12:30z", 1_714_566_600),
        ("2024-05-01 12:30", 1_714_566_600),
        ("2024-05-01T12:30:00Z", 1_714_566_600),
        ("2024-05-01T12:30:00+02:00", 1_714_559_400),
        ("2024-05-01T12:30:00+0200", 1_714_559_400),
        ("2024-05-01T12:30:00+02", 1_714_559_400),
        ("2024-05-01T12:30+02:00", 1_714_559_400),
        ("2024-05-01T00:00-05:30", 1_714_541_400),
        ("2024-05-01T12:30:00.250+02:00", 1_714_559_400.25),
        ("2024-05-01T12:30:00.5", 1_714_566_600.5),
        ("2024-05-01T12:30:00.000000000000000001Z", 1_714_566_600),
        ("2024-02-29T23:59:59", 1_709_251_199),
        ("2000-02-29", 951_782_400),
        ("1900-03-01", -2_203_891_200),
        ("2100-02-28", 4_107_456_000),
        ("0001-01-01", -62_135_596_800),
        ("0000-01-01", -62_167_219_200),
        ("9999-12-31T23:59:59Z", 253_402_300_799),
        ("@1714560000", 1_714_560_000),
        ("@1714560000.5", 1_714_560_000.5),
        ("@-86400", -86_400),
        ("@0", 0),
    ] as [(String, Double)])
    func accepts(text: String, seconds: Double) {
        #expect(parse(text) == .seconds(seconds))
    }

    @Test(arguments: [
        "2024-13-01", "2024-00-10", "2024-05-32", "2024-05-00", "2023-02-29", "2024-02-30", "1900-02-29",
        "2100-02-29", "2024-04-31", "2024-05-01T24:00", "2024-05-01T12:60", "2024-05-01T12:30:60",
        "2024-05-01T12:30+24:00", "2024-05-01T12:30+02:60", "2024-13-01 12:00",
    ])
    func rejectsImpossibleDates(text: String) {
        #expect(parse(text) == .invalidDate)
    }

    @Test(arguments: [
        "2024-5-1", "24-05-01", "2024/05/01", "2024-05-01T", "2024-05-01T12", "2024-05-01T1:30",
        "2024-05-01T12:30:", "2024-05-01T12:30:00.", "2024-05-01T12:30:00.5.5", "2024-05-01T12:30Zx",
        "2024-05-01T12:30+2", "2024-05-01T12:30+02:0", "2024-05-01X12:30", "2024-05-01 ", "2024-05-01T12:30:00ZZ",
        "2024-05-01T12:30 02:00x", "@", "@abc", "@1e999", "@nan", "@ 1", "2024-05",
    ])
    func rejectsSyntax(text: String) {
        #expect(parse(text) == .malformed)
    }

    @Test func plusThatBecameASpaceIsRecognised() {
        #expect(parse("2024-05-01T12:30:00 02:00") == .plusBecameSpace)
        #expect(parse("2024-05-01 12:30 0200") == .plusBecameSpace)
    }

    /// Day numbers against a naive count, across leap-year rules, for every day of 1896-2104.
    @Test func daysFromCivilMatchesNaiveCount() {
        var expected = DateSyntax.daysFromCivil(year: 1896, month: 1, day: 1)
        for year in 1896...2104 {
            for month in 1...12 {
                for day in 1...DateSyntax.daysInMonth(year: year, month: month) {
                    #expect(DateSyntax.daysFromCivil(year: year, month: month, day: day) == expected)
                    expected += 1
                }
            }
        }
        #expect(DateSyntax.daysFromCivil(year: 1970, month: 1, day: 1) == 0)
    }
}
