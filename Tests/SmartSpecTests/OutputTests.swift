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
