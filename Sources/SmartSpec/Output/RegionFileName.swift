import Foundation

/// The file name of a region's outputs (without extension): the same for a code whatever the run
/// (`--region` or `--all`, any dataset order), and different for different codes, also on file
/// systems that ignore case.
///
/// A code of capital letters, digits, `-`, `_` and `.` (starting with a letter or digit, at most 80
/// characters, not `INDEX` nor a device name Windows reserves) is its own file name, as region
/// codes usually are (`RU-TA`, `DE21`). Any other code
/// becomes a readable part (ASCII letters and digits kept, anything else `_`, at most 40
/// characters) followed by `_x` and the first 16 hexadecimal digits of the SHA-256 of its UTF-8
/// bytes. The lowercase `x` and hex digits cannot occur in a plain name, so the two forms never
/// meet, and different codes get different hashes.
package enum RegionFileName {
    /// The file name of `code`.
    package static func of(_ code: String) -> String {
        if isPlain(code) { return code }
        var readable = String(code.unicodeScalars.prefix(40).map { s in
            s.isASCII && (CharacterSet.alphanumerics.contains(s) || s == "-") ? Character(s) : "_"
        })
        if readable.isEmpty { readable = "region" }
        let hash = DatasetFingerprint.sha256(Data(code.utf8)).prefix(16)
        return "\(readable)_x\(hash)"
    }

    /// Whether `code` is a plain name.
    package static func isPlain(_ code: String) -> Bool {
        guard (1...80).contains(code.utf8.count), let first = code.unicodeScalars.first,
              ("A"..."Z").contains(first) || ("0"..."9").contains(first) else { return false }
        guard !reserved.contains(code.split(separator: ".", maxSplits: 1).first.map(String.init) ?? code) else { return false }
        return code.unicodeScalars.allSatisfy { ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "-" || $0 == "_" || $0 == "." }
    }

    /// Names a plain code may not take: the index page (on file systems that ignore case) and the
    /// device names Windows reserves.
    private static let reserved = Set(["INDEX", "CON", "PRN", "AUX", "NUL"] + (1...9).flatMap { ["COM\($0)", "LPT\($0)"] })
}
