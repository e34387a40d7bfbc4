/// One problem (or remark) found while reading a dataset, with where it was found.
///
/// `description` reads like a compiler message: `indicators.csv:12:4 (tertiary_share): 'abc' is
/// not a number.`
public struct DatasetIssue: Error, Sendable, Equatable, Hashable, CustomStringConvertible {
    /// How serious an issue is.
    public enum Severity: String, Sendable, Comparable {
        /// The dataset cannot be used until this is fixed.
        case error
        /// The dataset can be used, but a result may be affected.
        case warning
        /// Information about a choice the loader made (for example a detected separator).
        case note

        private var rank: Int { self == .error ? 0 : self == .warning ? 1 : 2 }
        public static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }
    }

    /// How serious the issue is.
    public var severity: Severity
    /// The file, relative to the dataset folder (or as given on the command line).
    public var file: String
    /// 1-based line, when known.
    public var line: Int?
    /// 1-based column (field number in CSV, character in YAML), when known.
    public var column: Int?
    /// The column header or YAML key concerned, when there is one.
    public var field: String?
    /// The problem, as a sentence.
    public var message: String

    /// Creates an issue.
    public init(_ severity: Severity = .error, file: String, line: Int? = nil, column: Int? = nil,
                field: String? = nil, _ message: String) {
        self.severity = severity
        self.file = file
        self.line = line
        self.column = column
        self.field = field
        self.message = message
    }

    /// `file:line:column` as far as known.
    public var location: String {
        var text = file
        if let line { text += ":\(line)" }
        if let column, line != nil { text += ":\(column)" }
        return text
    }

    public var description: String {
        let prefix = severity == .error ? "" : "\(severity.rawValue): "
        let fieldPart = field.map { " (\($0))" } ?? ""
        return "\(location)\(fieldPart): \(prefix)\(message)"
    }
}

/// The error thrown when a dataset has problems; it carries every problem found, not only the first.
public struct DatasetValidationError: Error, Sendable, CustomStringConvertible {
    /// Where the dataset was read from.
    public let source: String
    /// All issues, errors first, in file and line order within each severity.
    public let issues: [DatasetIssue]

    /// Creates the error.
    public init(source: String, issues: [DatasetIssue]) {
        self.source = source
        self.issues = issues
    }

    /// The issues with severity `error`.
    public var errors: [DatasetIssue] { issues.filter { $0.severity == .error } }

    public var description: String {
        let count = errors.count
        let head = "\(source) has \(count) problem\(count == 1 ? "" : "s")"
        return ([head + ":"] + errors.map { "  " + $0.description }).joined(separator: "\n")
    }
}

/// Collects issues while a file is read.
struct IssueCollector {
    private(set) var issues: [DatasetIssue] = []

    var hasErrors: Bool { issues.contains { $0.severity == .error } }

    /// Number of errors so far.
    var errorCount: Int { issues.reduce(0) { $0 + ($1.severity == .error ? 1 : 0) } }

    mutating func add(_ issue: DatasetIssue) { issues.append(issue) }

    /// Runs `read` on this collector; also says whether it added no error.
    mutating func recording<T>(_ read: (inout IssueCollector) -> T) -> (value: T, clean: Bool) {
        let before = errorCount
        let value = read(&self)
        return (value, errorCount == before)
    }

    mutating func add(contentsOf other: [DatasetIssue]) { issues.append(contentsOf: other) }

    mutating func error(_ file: String, line: Int? = nil, column: Int? = nil, field: String? = nil, _ message: String) {
        issues.append(DatasetIssue(.error, file: file, line: line, column: column, field: field, message))
    }

    mutating func warning(_ file: String, line: Int? = nil, column: Int? = nil, field: String? = nil, _ message: String) {
        issues.append(DatasetIssue(.warning, file: file, line: line, column: column, field: field, message))
    }

    mutating func note(_ file: String, _ message: String) {
        issues.append(DatasetIssue(.note, file: file, message))
    }

    /// Issues sorted errors first, then by file, line and column, keeping insertion order otherwise.
    var sorted: [DatasetIssue] {
        issues.enumerated().sorted { a, b in
            let (x, y) = (a.element, b.element)
            if x.severity != y.severity { return x.severity < y.severity }
            if x.file != y.file { return x.file < y.file }
            if (x.line ?? 0) != (y.line ?? 0) { return (x.line ?? 0) < (y.line ?? 0) }
            if (x.column ?? 0) != (y.column ?? 0) { return (x.column ?? 0) < (y.column ?? 0) }
            return a.offset < b.offset
        }.map(\.element)
    }
}
