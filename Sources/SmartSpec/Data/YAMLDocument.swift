import Foundation
import Yams

/// A parsed YAML file with helpers that report problems with their line and column.
struct YAMLDocument {
    let file: String
    let root: Node

    /// Parses `text`; syntax errors and duplicate keys become an issue with a position.
    static func parse(_ text: String, file: String) -> Result<YAMLDocument, DatasetIssue> {
        do {
            guard let node = try Yams.compose(yaml: text) else {
                return .failure(DatasetIssue(file: file, line: 1, "the file is empty"))
            }
            return .success(YAMLDocument(file: file, root: node))
        } catch let error as YamlError {
            return .failure(issue(for: error, file: file))
        } catch {
            return .failure(DatasetIssue(file: file, "the YAML cannot be read: \(error)"))
        }
    }

    private static func issue(for error: YamlError, file: String) -> DatasetIssue {
        switch error {
        case let .scanner(context, problem, problemMark, _):
            // A scanner error (an unclosed quote, say) is best shown where the token began.
            let mark = context?.mark ?? problemMark
            let contextText = context.map { " \($0.text)" } ?? ""
            return DatasetIssue(file: file, line: mark.line, column: mark.column, "invalid YAML: \(problem)\(contextText)")
        case let .parser(context, problem, mark, _), let .composer(context, problem, mark, _):
            let contextText = context.map { " \($0.text)" } ?? ""
            return DatasetIssue(file: file, line: mark.line, column: mark.column,
                                "invalid YAML: \(problem)\(contextText)")
        case let .duplicatedKeysInMapping(duplicates, context):
            return DatasetIssue(file: file, line: context.mark.line, column: context.mark.column,
                                "the key '\(duplicates.joined(separator: "', '"))' appears twice in the same mapping")
        case let .reader(problem, _, _, _):
            return DatasetIssue(file: file, "the YAML cannot be read: \(problem)")
        default:
            return DatasetIssue(file: file, "the YAML cannot be read: \(error)")
        }
    }

    /// The issue for a node of the wrong shape.
    func issue(_ node: Node?, key: String?, _ message: String, severity: DatasetIssue.Severity = .error) -> DatasetIssue {
        DatasetIssue(severity, file: file, line: node?.mark?.line, column: node?.mark?.column, field: key, message)
    }

    /// The value under the plain string `key` of `mapping`, found by comparing key text (Yams'
    /// own subscript resolves every key's tag with regular expressions, which is slow on long files).
    static func value(_ mapping: Node, _ key: String) -> Node? {
        guard case .mapping(let pairs) = mapping else { return nil }
        return pairs.first { $0.key.scalar?.string == key }?.value
    }

    /// Reads an optional scalar string under `key` of `mapping`.
    func string(_ mapping: Node, _ key: String, required: Bool, issues: inout IssueCollector) -> String? {
        guard let value = Self.value(mapping, key) else {
            if required { issues.add(issue(mapping, key: key, "the required key '\(key)' is missing")) }
            return nil
        }
        guard case .scalar(let scalar) = value else {
            issues.add(issue(value, key: key, "'\(key)' must be a single value, not a list or mapping"))
            return nil
        }
        let text = scalar.string.trimmingCharacters(in: .whitespaces)
        if text.isEmpty, required { issues.add(issue(value, key: key, "'\(key)' must not be empty")) }
        return text.isEmpty ? nil : text
    }

    /// Reads a value under `key` that must be one of an enumeration's raw values.
    func choice<T: RawRepresentable & CaseIterable>(_ mapping: Node, _ key: String, _ type: T.Type, default fallback: T?,
                                                    context: String, issues: inout IssueCollector) -> T? where T.RawValue == String {
        guard let text = string(mapping, key, required: fallback == nil, issues: &issues) else { return fallback }
        if let value = T(rawValue: text) { return value }
        let allowed = T.allCases.map(\.rawValue).joined(separator: ", ")
        issues.add(issue(mapping[key], key: key, "\(context): unknown \(key) '\(text)' (allowed: \(allowed))"))
        return nil
    }

    /// Warns about keys of `mapping` that are not in `known`.
    func warnUnknownKeys(_ mapping: Node, known: Set<String>, context: String, issues: inout IssueCollector) {
        guard case .mapping(let pairs) = mapping else { return }
        for (key, _) in pairs {
            guard let name = key.string, !known.contains(name) else { continue }
            issues.add(issue(key, key: name, "\(context): the key '\(name)' is not part of the format and is ignored", severity: .warning))
        }
    }
}
