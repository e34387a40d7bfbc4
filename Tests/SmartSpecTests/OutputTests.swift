import Foundation
import Testing
@testable import SmartSpec

@Suite("Output helpers")
struct OutputTests {
    @Test("CSV cells that a spreadsheet would run as formulas are neutralised; numbers are kept")
    func formulaGuard() {
        let text = CSVText.render([["=HYPERLINK(\"x\")", "+1+2", "-3.5", "@SUM(A1)", "plain, with comma", "-"]], guardFormulas: true)
        #expect(text == "'=HYPERLINK(\"\"x\"\")','+1+2',-3.5,'@SUM(A1)',\"plain, with comma\",'-\n"
                    || text == "\"'=HYPERLINK(\"\"x\"\")\",'+1+2,-3.5,'@SUM(A1),\"plain, with comma\",'-\n")
        #expect(CSVText.neutralised("=1+1") == "'=1+1")
        #expect(CSVText.neutralised("-12") == "-12")
        #expect(CSVText.neutralised("Tatarstan") == "Tatarstan")
    }

    @Test("Groups rendered on all cores give the same text as the rows in one list, header first")
    func groupsInParallel() {
        // 1,000 groups of 0–2 rows (more than one run per core), with cells that need quotes and guards.
        let rows: @Sendable (Int) -> [[String]] = { g in
            (0..<(g % 3)).map { _ in ["G\(g)", g % 7 == 0 ? "=cmd|\(g)" : "-\(g).5", "a \"quote\", \(g)"] }
        }
        let header = ["group", "value", "note"]
        let expected = CSVText.render([header] + (0..<1000).flatMap(rows), guardFormulas: true)
        #expect(CSVText.render(header: header, groups: 1000, guardFormulas: true, rows) == expected)
        #expect(expected.hasPrefix("group,value,note\nG1,-1.5,\"a \"\"quote\"\", 1\"\nG2,-2.5,"))
        #expect(expected.contains("\nG7,'=cmd|7,"))
        #expect(CSVText.render(groups: 0, rows) == "")
    }

    @Test("Atomic writes replace the file and leave no temporary files")
    func atomic() throws {
        let folder = TestPaths.temporaryFolder("atomic")
        let target = folder.appendingPathComponent("sub/out.txt")
        try AtomicFileWriter.write("first", to: target)
        try AtomicFileWriter.write("second", to: target, byteOrderMark: true)
        #expect(try Data(contentsOf: target) == Data([0xEF, 0xBB, 0xBF] + Array("second".utf8)))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("sub").path) == ["out.txt"])
    }

    @Test("Numbers in dataset files: integers plainly, others shortest round-trip")
    func numberFormat() {
        #expect(DatasetWriter.format(43500) == "43500")
        #expect(DatasetWriter.format(-0.0) == "0")
        #expect(DatasetWriter.format(2.25) == "2.25")
        #expect(Double(DatasetWriter.format(0.1 + 0.2)) == 0.1 + 0.2)
    }
}
