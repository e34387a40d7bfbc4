/// Reads ScenarioWizard project files (`.scw`, versions 3 and 4).
///
/// Layout: a `$ ScenarioWizard N` line and the file name; then the descriptors, each a `&NAME`
/// line followed by one ` -VARIANT` line per variant, ended by `#`; then free-text description
/// blocks, ended by `#`; then colour lines, ended by `#`; an empty `#` section; then one matrix row
/// per variant (comma-separated integers, one column per variant), ended by `#`; then comments.
public enum ScenarioWizardReader {
    /// Parses the text of a `.scw` file; `file` names it in errors.
    public static func parse(_ text: String, file: String) throws -> CrossImpactMatrix {
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" })
            .map(String.init)
        guard let first = lines.first, first.hasPrefix("$ ScenarioWizard") else {
            throw ForesightError.invalidScenarioWizardFile(file: file, line: 1, "this is not a ScenarioWizard file (it should start with '$ ScenarioWizard')")
        }
        var index = 2
        var descriptors: [CrossImpactMatrix.Descriptor] = []
        while index < lines.count, !lines[index].hasPrefix("#") {
            let line = lines[index]
            if line.hasPrefix("&") {
                let name = String(line.dropFirst()).trimmingCharacters(in: .whitespaces)
                descriptors.append(.init(id: name, label: name, variants: []))
            } else if line.hasPrefix(" -") || line.hasPrefix("-") {
                guard !descriptors.isEmpty else {
                    throw ForesightError.invalidScenarioWizardFile(file: file, line: index + 1, "a variant appears before any descriptor")
                }
                let name = line.drop { $0 == " " || $0 == "-" }.trimmingCharacters(in: .whitespaces)
                descriptors[descriptors.count - 1].variants.append(.init(id: name, label: name))
            } else if !line.trimmingCharacters(in: .whitespaces).isEmpty {
                throw ForesightError.invalidScenarioWizardFile(file: file, line: index + 1, "expected a descriptor ('&name') or a variant (' -name')")
            }
            index += 1
        }
        let total = descriptors.reduce(0) { $0 + $1.variants.count }
        guard total > 0 else { throw ForesightError.invalidScenarioWizardFile(file: file, line: index + 1, "the file defines no descriptors") }
        // The matrix is the first block of `total` lines made of comma-separated integers.
        var rows: [[Int]] = []
        var matrixLine = 0
        while index < lines.count, rows.count < total {
            let cells = lines[index].split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            if cells.count == total, let values = Optional(cells.compactMap { Int($0) }), values.count == total {
                if rows.isEmpty { matrixLine = index + 1 }
                rows.append(values)
            } else if !rows.isEmpty {
                throw ForesightError.invalidScenarioWizardFile(file: file, line: index + 1,
                    "matrix row \(rows.count + 1) should have \(total) comma-separated integers")
            }
            index += 1
        }
        guard rows.count == total else {
            throw ForesightError.invalidScenarioWizardFile(file: file, line: max(matrixLine, lines.count),
                "the matrix has \(rows.count) rows, but the \(descriptors.count) descriptors have \(total) variants")
        }
        return try CrossImpactMatrix(descriptors: descriptors, impacts: rows)
    }
}

import Foundation
