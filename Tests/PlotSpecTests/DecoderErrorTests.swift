import Testing
@testable import PlotSpec

/// One row per error kind: the exact code, parameter and message people will see.
@Suite struct DecoderErrorTests {
    static let choicesOfType = "line, area, bar, scatter, pie, donut, spark"
    static let bools = "1, 0, true, false, yes, no, on, off"

    static let cases: [BadQuery] = [
        // Structure
        BadQuery("w=600", .missingParameter, "d", "No data: add d=, e.g. d=3,5,4,8 (series separated by |)."),
        BadQuery("d=", .missingParameter, "d", "No data: add d=, e.g. d=3,5,4,8 (series separated by |)."),
        BadQuery("d=1&tilte=Sales", .unknownParameter, "tilte", "Unknown parameter \"tilte\"; did you mean title?"),
        BadQuery("dat=1", .unknownParameter, "dat", "Unknown parameter \"dat\"; did you mean data?"),
        BadQuery("d=1&Type=bar", .unknownParameter, "Type", "Unknown parameter \"Type\"; did you mean type?"),
        BadQuery("d=1&zzzz=1", .unknownParameter, "zzzz",
                 "Unknown parameter \"zzzz\". See docs/API.md for the parameters plotgate knows."),
        BadQuery("d=1&=1", .unknownParameter, "", "Unknown parameter \"\". See docs/API.md for the parameters plotgate knows."),
        BadQuery("d=1&a%0Ab=1", .unknownParameter, "a\nb", "Unknown parameter \"a?b\". See docs/API.md for the parameters plotgate knows."),
        BadQuery("d=1&d=2", .duplicateParameter, "d", "The parameter d is given more than once; give it once."),
        BadQuery("d=1&w=1&w=", .duplicateParameter, "w", "The parameter w is given more than once; give it once."),
        BadQuery("d=1&data=2", .duplicateParameter, "data", "The parameters d and data mean the same; give one of them."),
        BadQuery("fmt=png&d=1&format=png", .duplicateParameter, "format", "The parameters fmt and format mean the same; give one of them."),
        BadQuery("d=%G1", .invalidEncoding, "d", "The query has a broken percent-escape near \"%G1\"; use %XX with two hex digits."),
        BadQuery("d=1%4", .invalidEncoding, "d", "The query has a broken percent-escape near \"%4\"; use %XX with two hex digits."),
        BadQuery("d=1&title=%FF", .invalidEncoding, "title", "The value of title is not valid UTF-8 once percent-escapes are decoded."),
        BadQuery("d=1&title=%C3%28", .invalidEncoding, "title", "The value of title is not valid UTF-8 once percent-escapes are decoded."),
        BadQuery("d=1&%FF=1", .invalidEncoding, nil, "A parameter name is not valid UTF-8 once percent-escapes are decoded."),

        // Enums and booleans
        BadQuery("type=pies&d=1", .invalidValue, "type", "type: \"pies\" is not allowed; use one of \(choicesOfType)."),
        BadQuery("type=&d=1&legend=left", .invalidValue, "legend", "legend: \"left\" is not allowed; use one of auto, top, bottom, right, none."),
        BadQuery("d=1&grid=yx", .invalidValue, "grid", "grid: \"yx\" is not allowed; use one of y, x, xy, none."),
        BadQuery("d=1&theme=blue", .invalidValue, "theme", "theme: \"blue\" is not allowed; use one of light, dark."),
        BadQuery("d=1&fmt=gif", .invalidValue, "fmt", "fmt: \"gif\" is not allowed; use one of png, svg, pdf."),
        BadQuery("d=1&format=" + String(repeating: "p", count: 40), .invalidValue, "format",
                 "format: \"pppppppppppppppppppppppp…\" is not allowed; use one of png, svg, pdf."),
        BadQuery("d=1&stack=maybe", .invalidValue, "stack", "stack: \"maybe\" is not allowed; use one of \(bools)."),
        BadQuery("d=1&ylog=2", .invalidValue, "ylog", "ylog: \"2\" is not allowed; use one of \(bools)."),

        // Sizes
        BadQuery("w=abc&d=1", .invalidValue, "w", "w: \"abc\" is not a whole number."),
        BadQuery("w=1.5&d=1", .invalidValue, "w", "w: \"1.5\" is not a whole number."),
        BadQuery("width=-&d=1", .invalidValue, "width", "width: \"-\" is not a whole number."),
        BadQuery("w=5&d=1", .outOfRange, "w", "w: \"5\" is out of range; allowed: 8 to 4096."),
        BadQuery("h=4097&d=1", .outOfRange, "h", "h: \"4097\" is out of range; allowed: 8 to 4096."),
        BadQuery("h=-600&d=1", .outOfRange, "h", "h: \"-600\" is out of range; allowed: 8 to 4096."),
        BadQuery("w=99999999999999999999999&d=1", .outOfRange, "w", "w: \"99999999999999999999999\" is out of range; allowed: 8 to 4096."),
        BadQuery("dpr=4&d=1", .outOfRange, "dpr", "dpr: \"4\" is out of range; allowed: 1 to 3."),
        BadQuery("dpr=0.5&d=1", .outOfRange, "dpr", "dpr: \"0.5\" is out of range; allowed: 1 to 3."),
        BadQuery("dpr=2x&d=1", .invalidValue, "dpr", "dpr: \"2x\" is not a number."),
        BadQuery("dpr=inf&d=1", .invalidValue, "dpr", "dpr: \"inf\" is not a finite number."),
        BadQuery("w=4096&h=4096&dpr=1.5&d=1", .imageTooLarge, nil,
                 "The image would be 4096x4096 at dpr 1.5, over the limit of 16777216 pixels."),
        BadQuery("w=2049&h=2048&dpr=2&d=1", .imageTooLarge, nil,
                 "The image would be 2049x2048 at dpr 2, over the limit of 16777216 pixels."),
        BadQuery("d=1&lw=0.1", .outOfRange, "lw", "lw: \"0.1\" is out of range; allowed: 0.25 to 20."),
        BadQuery("d=1&linewidth=21", .outOfRange, "linewidth", "linewidth: \"21\" is out of range; allowed: 0.25 to 20."),

        // Data
        BadQuery("d=1,abc", .invalidValue, "d", "d: \"abc\" is not a number."),
        BadQuery("data=1|x", .invalidValue, "data", "data: \"x\" is not a number."),
        BadQuery("d=1,+1", .invalidValue, "d", "d: \" 1\" is not a number."),
        BadQuery("d=0x10", .invalidValue, "d", "d: \"0x10\" is not a number."),
        BadQuery("d=1e", .invalidValue, "d", "d: \"1e\" is not a number."),
        BadQuery("d=--1", .invalidValue, "d", "d: \"--1\" is not a number."),
        BadQuery("d=__", .invalidValue, "d", "d: \"__\" is not a number."),
        BadQuery("d=nan", .invalidValue, "d", "d: \"nan\" is not a finite number."),
        BadQuery("d=1,-Infinity", .invalidValue, "d", "d: \"-Infinity\" is not a finite number."),
        BadQuery("d=1e309", .invalidValue, "d", "d: \"1e309\" is not a finite number."),

        // x
        BadQuery("d=1,2&x=1", .lengthMismatch, "x", "x has 1 values but series 1 of d has 2; give one x per value."),
        BadQuery("d=1|2,3&x=1", .lengthMismatch, "x", "x has 1 values but series 2 of d has 2; give one x per value."),
        BadQuery("type=scatter&d=1|2,3&x=1|2", .lengthMismatch, "x", "x has 1 values but series 2 of d has 2; give one x per value."),
        BadQuery("type=scatter&d=1|2|3&x=1|2", .lengthMismatch, "x", "x has 2 lists for 3 series; give one shared list or one per series."),
        BadQuery("d=1|2&x=1|2", .invalidValue, "x",
                 "x has 2 lists separated by |; type=line takes one shared list (only type=scatter takes one per series)."),
        BadQuery("d=1,2&x=1,2024-01-01", .invalidValue, "x", "x: mixes numbers and dates; use one kind for all x values."),
        BadQuery("d=1,2&x=@5,6", .invalidValue, "x", "x: mixes numbers and dates; use one kind for all x values."),
        BadQuery("d=1&x=abc", .invalidValue, "x",
                 "x: \"abc\" is not a number, an ISO-8601 date (2024-05-01, 2024-05-01T12:30:00Z) or @unix-seconds."),
        BadQuery("d=1&x=2024-5-1", .invalidValue, "x",
                 "x: \"2024-5-1\" is not a number, an ISO-8601 date (2024-05-01, 2024-05-01T12:30:00Z) or @unix-seconds."),
        BadQuery("d=1&x=nan", .invalidValue, "x", "x: \"nan\" is not a finite number."),
        BadQuery("d=1&x=2024-13-01", .invalidValue, "x",
                 "x: \"2024-13-01\" is not a real date or time; months run 01-12, days must exist in their month, times run 00:00-23:59:59."),
        BadQuery("d=1&x=2023-02-29", .invalidValue, "x",
                 "x: \"2023-02-29\" is not a real date or time; months run 01-12, days must exist in their month, times run 00:00-23:59:59."),
        BadQuery("d=1&x=2024-05-01T12:30+02:00", .invalidValue, "x", "x: \"2024-05-01T12:30 02:00\" has a space before the time-zone offset; send + as %2B (a + in a query means a space)."),
        BadQuery("d=1&xmin=2024-01-01", .invalidValue, "xmin",
                 "xmin: \"2024-01-01\" is a date, but the x axis holds numbers; give a number, or give dates in x."),
        BadQuery("d=1&x=2024-01-01&xmax=abc", .invalidValue, "xmax",
                 "xmax: \"abc\" is not a number, an ISO-8601 date (2024-05-01, 2024-05-01T12:30:00Z) or @unix-seconds."),
        BadQuery("d=1&x=2024-01-01&xmax=_", .invalidValue, "xmax",
                 "xmax: \"_\" is not a number, an ISO-8601 date (2024-05-01, 2024-05-01T12:30:00Z) or @unix-seconds."),

        // Bounds
        BadQuery("d=1&xmin=abc", .invalidValue, "xmin", "xmin: \"abc\" is not a number."),
        BadQuery("d=1&ymax=1e400", .invalidValue, "ymax", "ymax: \"1e400\" is not a finite number."),
        BadQuery("d=1&xmin=5&xmax=3", .invalidValue, "xmin", "xmin (\"5\") must be less than xmax (\"3\")."),
        BadQuery("d=1&ymin=2&ymax=2.0", .invalidValue, "ymin", "ymin (\"2\") must be less than ymax (\"2.0\")."),
        BadQuery("d=1&x=2024-05-02&xmin=2024-05-02&xmax=2024-05-01", .invalidValue, "xmin",
                 "xmin (\"2024-05-02\") must be less than xmax (\"2024-05-01\")."),
        BadQuery("d=1,0,3&ylog=1", .nonPositiveLog, "d", "ylog=1 needs values above zero, but series 1 has 0 at position 2."),
        BadQuery("d=1|2,_,-0.5&ylog=yes", .nonPositiveLog, "d", "ylog=1 needs values above zero, but series 2 has -0.5 at position 3."),
        BadQuery("d=1&ymin=-1&ylog=1", .nonPositiveLog, "ymin", "ylog=1 needs ymin above zero, not -1."),
        BadQuery("d=1&ymax=0&ylog=1", .nonPositiveLog, "ymax", "ylog=1 needs ymax above zero, not 0."),

        // Colours and texts
        BadQuery("d=1&colors=red", .invalidValue, "colors", "colors: \"red\" is not a colour; use hex RRGGBB, RRGGBBAA or RGB, e.g. 1f77b4."),
        BadQuery("d=1&color=fff,,000", .invalidValue, "color", "color: \"\" is not a colour; use hex RRGGBB, RRGGBBAA or RGB, e.g. 1f77b4."),
        BadQuery("d=1&colors=%23%23fff", .invalidValue, "colors", "colors: \"##fff\" is not a colour; use hex RRGGBB, RRGGBBAA or RGB, e.g. 1f77b4."),
        BadQuery("d=1&bg=blue", .invalidValue, "bg", "bg: \"blue\" is not a colour; use hex RRGGBB, RRGGBBAA or transparent."),
        BadQuery("d=1&title=" + String(repeating: "a", count: 201), .textTooLong, "title",
                 "title: the text is 201 characters long; at most 200 are allowed."),
        BadQuery("d=1&ylabel=" + String(repeating: "%C3%A9", count: 201), .textTooLong, "ylabel",
                 "ylabel: the text is 201 characters long; at most 200 are allowed."),
        BadQuery("d=1&labels=a|" + String(repeating: "b", count: 201), .textTooLong, "labels",
                 "labels: the text is 201 characters long; at most 200 are allowed."),
    ]

    @Test(arguments: cases)
    func rejects(_ bad: BadQuery) {
        bad.check()
    }

    @Test func statuses() {
        #expect(SpecError.Code.queryTooLong.status == 414)
        #expect(SpecError.Code.imageTooLarge.status == 413)
        for code in SpecError.Code.allCases where code != .queryTooLong && code != .imageTooLarge {
            #expect(code.status == 400)
        }
    }

    /// The same mistakes in any order give the same error: parameters are checked in a fixed order.
    @Test func errorDoesNotDependOnItemOrder() {
        let items = ["w=abc", "d=1,x", "title=ok", "lw=99"]
        let first = error(of: items.joined(separator: "&"))
        #expect(first?.parameter == "w")
        #expect(error(of: items.reversed().joined(separator: "&")) == first)
    }
}
