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

    @Test("The byte reader of plain decimals gives Double(text)'s bits, or leaves the number to the full parser")
    func plainDecimals() {
        var rng = SeededGenerator(seed: 11)
        func read(_ text: String, _ marks: NumberParser.DecimalMarks = NumberParser.DecimalMarks(["."])) -> Double? {
            Array(text.utf8).withUnsafeBufferPointer { NumberParser.plainDecimal($0, marks: marks) }
        }
        var texts = ["0", "-0", "+3", "0.1", "0.3", "-2.50", "9007199254740992", "9007199254740993", "1.7976931348623157",
                     "0.0000000000000000000001", "123456789012345678", "5e-324", "1e5", "5.", ".5", "1.2.3", "", "-", "1,5", " 1"]
        for _ in 0..<20_000 {
            let digits = Int.random(in: 1...19, using: &rng), point = Int.random(in: 0...digits, using: &rng)
            var text = (0..<digits).map { _ in String(Int.random(in: 0...9, using: &rng)) }.joined()
            if point < digits { text.insert(".", at: text.index(text.startIndex, offsetBy: point == 0 ? 1 : point)) }
            texts.append((Bool.random(using: &rng) ? "-" : "") + text)
        }
        var fast = 0
        for text in texts {
            guard let value = read(text) else { continue }
            fast += 1
            // Same bits as Swift's correctly rounded parser, the sign of zero included.
            #expect(value.bitPattern == Double(text)?.bitPattern, "\(text)")
        }
        #expect(fast > 10_000)
        // Outside its domain it declines: exponents, bare or trailing marks, too many digits, commas not declared.
        for text in ["1e5", "5.", ".5", "1.2.3", "", "-", "1,5", " 1", "9007199254740993", "123456789012345678901"] { #expect(read(text) == nil, "\(text)") }
        #expect(read("1,5", NumberParser.DecimalMarks([","])) == 1.5)
        #expect(read("1,5", NumberParser.DecimalMarks([".", ","])) == nil)   // both marks: the full path notes the comma
    }
}
