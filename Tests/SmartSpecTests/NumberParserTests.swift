import Testing
@testable import SmartSpec

@Suite("Number parsing")
struct NumberParserTests {
    @Test("Plain numbers, signs, exponents and negative zero")
    func accepted() {
        #expect(NumberParser.parse("1.5") == .value(1.5))
        #expect(NumberParser.parse(" -2.25e3 ") == .value(-2250))
        #expect(NumberParser.parse("+7") == .value(7))
        #expect(NumberParser.parse(".5") == .value(0.5))
        if case .value(let z) = NumberParser.parse("-0") { #expect(z == 0) } else { Issue.record("-0 was refused") }
    }

    @Test("Decimal commas only where allowed")
    func decimalComma() {
        #expect(NumberParser.parse("1,5", decimalMarks: [","]) == .value(1.5))
        #expect(NumberParser.parse("1,5", decimalMarks: [".", ","]) == .value(1.5))
        guard case .invalid(let reason) = NumberParser.parse("1,5") else { Issue.record("1,5 accepted with '.' only"); return }
        #expect(reason.contains("decimal commas"))
        #expect(NumberParser.parse("1.5", decimalMarks: [","]) != .value(1.5))
    }

    @Test("Missing markers")
    func missing() {
        for marker in ["", "  ", "NA", "N/A", ":", ".."] { #expect(NumberParser.parse(marker) == .missing) }
    }

    @Test("Refusals carry a reason")
    func refused() {
        let cases = ["NaN": "not a value", "inf": "infinite", "-Infinity": "infinite", "1e400": "too large",
                     "0x1F": "hexadecimal", "1 000": "thousands", "1.2.3": "thousands", "abc": "not a number", "1e": "not a number"]
        for (text, expected) in cases {
            guard case .invalid(let reason) = NumberParser.parse(text) else { Issue.record("'\(text)' was accepted"); continue }
            #expect(reason.contains(expected), "\(text): \(reason)")
        }
    }
}
