import Testing
@testable import PlotSpec

@Suite struct QueryItemsTests {
    func items(_ q: String, limits: Limits = .standard) throws(SpecError) -> [String] {
        try QueryItems.parse(q, limits: limits).map { "\($0.name)=\($0.value)" }
    }

    @Test(arguments: [
        ("a=1&b=2", ["a=1", "b=2"]),
        ("a=1&&b=2&", ["a=1", "b=2"]),
        ("&a=1", ["a=1"]),
        ("", []),
        ("&&&", []),
        ("flag", ["flag="]),
        ("a=", ["a="]),
        ("=v", ["=v"]),
        ("a=b=c", ["a=b=c"]),
        ("t=Hello+World", ["t=Hello World"]),
        ("t=a%2Bb", ["t=a+b"]),
        ("t=%26%3D%25", ["t=&=%"]),
        ("t=%c3%a9", ["t=é"]),
        ("t=é", ["t=é"]),
        ("n%61me=v", ["name=v"]),
        ("a+b=c", ["a b=c"]),
        ("t=%00", ["t=\u{0}"]),
    ] as [(String, [String])])
    func splitsAndDecodes(query: String, expected: [String]) throws {
        #expect(try items(query) == expected)
    }

    @Test(arguments: [
        ("d=%G1", "d", "%G1"),
        ("d=1%4", "d", "%4"),
        ("d=%", "d", "%"),
        ("d=%%41", "d", "%%4"),
        ("%ZZ=1", nil, "%ZZ"),
    ] as [(String, String?, String)])
    func brokenEscape(query: String, parameter: String?, near: String) {
        #expect(throws: SpecError(.invalidEncoding, parameter: parameter,
                                  message: Messages.badPercentEscape(near: Substring(near)))) {
            try items(query)
        }
    }

    @Test(arguments: ["title=%FF", "title=%C3%28", "title=%C3", "title=%ED%A0%80", "title=%C0%AF", "title=ok%F4%90%80%80"])
    func invalidUTF8Value(query: String) {
        #expect(throws: SpecError(.invalidEncoding, parameter: "title",
                                  message: "The value of title is not valid UTF-8 once percent-escapes are decoded.")) {
            try items(query)
        }
    }

    @Test func invalidUTF8Name() {
        #expect(throws: SpecError(.invalidEncoding, parameter: nil,
                                  message: "A parameter name is not valid UTF-8 once percent-escapes are decoded.")) {
            try items("%FF=1")
        }
    }

    @Test func lengthIsCheckedFirst() throws {
        var limits = Limits()
        limits.maxQueryBytes = 10
        // 11 bytes, also a broken escape: the length wins.
        #expect(throws: SpecError(.queryTooLong, message: "The query is 11 bytes long; at most 10 are allowed.")) {
            try items("d=%G1234567", limits: limits)
        }
        #expect(try items("d=12345678", limits: limits) == ["d=12345678"])
        // Bytes, not characters: "é" is two.
        #expect(throws: SpecError.self) { try items("t=ééééé", limits: limits) }
    }

    @Test func parameterCountIncludesCacheBustersButNotEmptyItems() throws {
        var limits = Limits()
        limits.maxParameters = 3
        #expect(try items("a=1&&b=2&&_=3&", limits: limits).count == 3)
        #expect(throws: SpecError(.tooManyParameters, message: "The query has 4 parameters; at most 3 are allowed.")) {
            try items("a=1&b=2&_=3&_x", limits: limits)
        }
        #expect(SpecError.Code.tooManyParameters.status == 400)
    }
}
