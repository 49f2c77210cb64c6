import Testing
@testable import PlotSpec

@Suite struct LimitsTests {
    func limits(_ change: (inout Limits) -> Void) -> Limits {
        var l = Limits()
        change(&l)
        return l
    }

    @Test func queryLength() throws {
        let max = Limits.standard.maxQueryBytes
        let fits = "d=1&title=" + String(repeating: "a", count: 10) + "&_=" + String(repeating: "x", count: max - 23)
        #expect(fits.utf8.count == max)
        _ = try decode(fits)
        BadQuery(fits + "x", .queryTooLong, nil,
                 "The query is \(max + 1) bytes long; at most \(max) are allowed.").check()
    }

    @Test func parameterCount() throws {
        let items = (0..<63).map { "_\($0)=1" }
        _ = try decode((items + ["d=1"]).joined(separator: "&"))
        BadQuery((items + ["d=1", "_x"]).joined(separator: "&"), .tooManyParameters, nil,
                 "The query has 65 parameters; at most 64 are allowed.").check()
    }

    /// A million values: rejected by length with standard limits, and by the point count
    /// (before any value is parsed) when the length limit is raised.
    @Test func millionValues() {
        let d = "d=" + Array(repeating: "1", count: 1_000_000).joined(separator: ",")
        BadQuery(d, .queryTooLong, nil,
                 "The query is 2000001 bytes long; at most 262144 are allowed.").check()
        let roomy = limits { $0.maxQueryBytes = 4_000_000 }
        let clock = ContinuousClock()
        let elapsed = clock.measure {
            BadQuery(d, .tooMuchData, "d", "The data has 1000000 values; at most 200000 are allowed.", limits: roomy).check()
        }
        #expect(elapsed < .seconds(5))
        let x = "d=1&x=" + Array(repeating: "1", count: 1_000_000).joined(separator: ",")
        BadQuery(x, .tooMuchData, "d", "The data has 1000001 values; at most 200000 are allowed.", limits: roomy).check()
    }

    @Test func points() throws {
        let l = limits { $0.maxPoints = 6 }
        _ = try decode("d=1,2,3&x=1,2,3", limits: l)
        _ = try decode("d=1,2|3,4,,", limits: l)
        BadQuery("d=1,2,3|4&x=1,2,3", .tooMuchData, "d", "The data has 7 values; at most 6 are allowed.", limits: l).check()
        BadQuery("data=,,,,,,", .tooMuchData, "data", "The data has 7 values; at most 6 are allowed.", limits: l).check()
        BadQuery("type=scatter&d=1,2|3,4&x=1,2|3,4", .tooMuchData, "d", "The data has 8 values; at most 6 are allowed.", limits: l).check()
    }

    @Test func series() throws {
        _ = try decode("d=" + Array(repeating: "1", count: 64).joined(separator: "|"))
        BadQuery("d=" + Array(repeating: "1", count: 65).joined(separator: "|"), .tooMuchData, "d",
                 "d: 65 series; at most 64 are allowed.").check()
        BadQuery("d=||", .tooMuchData, "d", "d: 3 series; at most 2 are allowed.", limits: limits { $0.maxSeries = 2 }).check()
    }

    @Test func labelsNamesColors() throws {
        let l = limits { $0.maxLabels = 2 }
        _ = try decode("d=1&labels=a|b&names=c|d&colors=fff,000", limits: l)
        BadQuery("d=1&labels=a|b|c", .tooMuchData, "labels", "labels: 3 entries; at most 2 are allowed.", limits: l).check()
        BadQuery("d=1&series=||", .tooMuchData, "series", "series: 3 entries; at most 2 are allowed.", limits: l).check()
        BadQuery("d=1&colors=f,f,f", .tooMuchData, "colors", "colors: 3 entries; at most 2 are allowed.", limits: l).check()
    }

    @Test func textLength() throws {
        let l = limits { $0.maxTextLength = 3 }
        _ = try decode("d=1&title=%F0%9F%93%88ab&names=abc", limits: l)  // 3 scalars, 6 bytes
        BadQuery("d=1&names=ab|abcd", .textTooLong, "names", "names: the text is 4 characters long; at most 3 are allowed.", limits: l).check()
        BadQuery("d=1&xlabel=e%CC%81e%CC%81", .textTooLong, "xlabel", "xlabel: the text is 4 characters long; at most 3 are allowed.", limits: l).check()
    }

    @Test func sizesFromLimits() throws {
        let l = limits {
            $0.maxSide = 100
            $0.maxDPR = 2
            $0.maxLineWidth = 5
            $0.maxPixels = 100 * 100
        }
        _ = try decode("w=100&h=100&d=1", limits: l)
        BadQuery("w=101&h=100&d=1", .outOfRange, "w", "w: \"101\" is out of range; allowed: 8 to 100.", limits: l).check()
        BadQuery("w=50&h=50&dpr=2.5&d=1", .outOfRange, "dpr", "dpr: \"2.5\" is out of range; allowed: 1 to 2.", limits: l).check()
        BadQuery("w=60&h=50&dpr=2&d=1", .imageTooLarge, nil, "The image would be 60x50 at dpr 2, over the limit of 10000 pixels.", limits: l).check()
        BadQuery("w=10&h=10&d=1&lw=5.5", .outOfRange, "lw", "lw: \"5.5\" is out of range; allowed: 0.25 to 5.", limits: l).check()
        // Default sizes are ours, not the user's, so they are not range-checked; the pixel
        // budget still applies to them.
        #expect(error(of: "d=1", limits: l)?.code == .imageTooLarge)
    }

    /// Operator-set limits may be absurd; decoding must still not trap.
    @Test func absurdLimitsDoNotTrap() throws {
        let huge = limits {
            $0.maxSide = .max
            $0.maxDPR = .infinity
            $0.maxPixels = .max
            $0.maxLineWidth = .greatestFiniteMagnitude
        }
        #expect(error(of: "w=9223372036854775807&h=9223372036854775807&dpr=1e300&d=1", limits: huge)?.code == .imageTooLarge)
        _ = try decode("w=100000&h=100000&d=1&lw=1e300", limits: huge)
        let inverted = limits {
            $0.maxSide = 4
            $0.maxDPR = 0.5
            $0.maxLineWidth = .nan
            $0.maxPixels = -1
            $0.maxPoints = -1
            $0.maxSeries = 0
            $0.maxLabels = -5
            $0.maxTextLength = -1
            $0.maxParameters = 0
            $0.maxQueryBytes = 0
        }
        for q in ["", "d=1", "w=10&dpr=1&lw=1&d=1&labels=a&title=t"] {
            #expect(error(of: q, limits: inverted) != nil)
        }
        var l = inverted
        l.maxQueryBytes = 1000
        l.maxParameters = 100
        for q in ["w=10&d=1", "dpr=1&d=1", "lw=1&d=1", "d=1", "w=600&h=400&d=1&labels=a", "d=1&title=t"] {
            #expect(error(of: q, limits: l) != nil)
        }
    }
}
