import Foundation

/// Reads a text file as UTF-8, refusing other encodings with a precise position.
///
/// A UTF-8 byte-order mark is dropped; UTF-16 and UTF-32 (recognised by their marks) and invalid
/// UTF-8 are refused, since a silently mis-decoded region name is worse than an error.
package enum TextFile {
    /// The outcome of reading: the text, or issues explaining why it could not be read.
    static func read(_ url: URL, displayName: String) -> Result<String, DatasetIssue> {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
            return .failure(DatasetIssue(file: displayName, "the file does not exist"))
        }
        if isDirectory.boolValue {
            return .failure(DatasetIssue(file: displayName, "this is a directory; a file was expected here"))
        }
        let data: Data
        do {
            data = try Data(contentsOf: url, options: .mappedIfSafe)
        } catch {
            return .failure(DatasetIssue(file: displayName, "the file cannot be read (\(Self.reason(error)))"))
        }
        return decode(data, displayName: displayName)
    }

    /// Reads a text file named by its own file name in messages (for inputs given on the command line).
    public static func readText(_ url: URL) -> Result<String, DatasetIssue> {
        read(url, displayName: url.lastPathComponent)
    }

    /// Decodes bytes as UTF-8 (see the type's discussion).
    static func decode(_ data: Data, displayName: String) -> Result<String, DatasetIssue> {
        if data.starts(with: [0xFF, 0xFE]) || data.starts(with: [0xFE, 0xFF]) {
            return .failure(DatasetIssue(file: displayName, line: 1, column: 1,
                "the file is encoded as UTF-16 (or UTF-32); save it as UTF-8"))
        }
        if data.starts(with: [0x00, 0x00, 0xFE, 0xFF]) {
            return .failure(DatasetIssue(file: displayName, line: 1, column: 1,
                "the file is encoded as UTF-32; save it as UTF-8"))
        }
        let skip = data.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        // Validated straight from the file's bytes: one copy, into the string.
        let (decoded, hasNUL) = data.withUnsafeBytes { raw -> (String?, Bool) in
            UnsafeRawBufferPointer(rebasing: raw[skip...]).withMemoryRebound(to: UInt8.self) { body in
                (String(validating: body, as: UTF8.self), body.count > 0 && memchr(body.baseAddress!, 0, body.count) != nil)
            }
        }
        if let text = decoded {
            if hasNUL, let nul = text.unicodeScalars.firstIndex(of: "\0") {
                let (line, column) = position(of: nul, in: text)
                return .failure(DatasetIssue(file: displayName, line: line, column: column,
                    "the file contains a NUL character, so it is not a text file (is it UTF-16 without a byte-order mark?)"))
            }
            return .success(text)
        }
        let (line, column) = firstInvalidUTF8(Array(data.dropFirst(skip)))
        return .failure(DatasetIssue(file: displayName, line: line, column: column,
            "the file is not valid UTF-8 (perhaps Windows-1251 or Latin-1); save it as UTF-8"))
    }

    /// Line and column (1-based, in Unicode scalars) of a position in `text`.
    static func position(of index: String.UnicodeScalarView.Index, in text: String) -> (Int, Int) {
        var line = 1, column = 1
        for scalar in text.unicodeScalars[..<index] {
            if scalar == "\n" { line += 1; column = 1 } else { column += 1 }
        }
        return (line, column)
    }

    private static func firstInvalidUTF8(_ bytes: [UInt8]) -> (Int, Int) {
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        var line = 1, column = 1
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar):
                if scalar == "\n" { line += 1; column = 1 } else { column += 1 }
            case .emptyInput, .error:
                return (line, column)
            }
        }
    }

    static func reason(_ error: Error) -> String {
        let nsError = error as NSError
        if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError,
           underlying.domain == NSPOSIXErrorDomain, let code = POSIXErrorCode(rawValue: Int32(underlying.code)) {
            return String(cString: strerror(code.rawValue))
        }
        if nsError.domain == NSPOSIXErrorDomain { return String(cString: strerror(Int32(nsError.code))) }
        if nsError.domain == NSCocoaErrorDomain, nsError.code == NSFileReadNoPermissionError { return "permission denied" }
        return nsError.localizedDescription
    }
}
