import CLibCrypto
import Foundation

/// SHA-256 fingerprints of a dataset folder's files, so that a sheet names exactly the data it used.
///
/// Each file of the format that exists (`dataset.yaml`, `regions.csv`, `indicators.yaml`,
/// `indicators.csv`, `activities.yaml`, `activities.csv`) is hashed; the dataset's fingerprint is
/// the SHA-256 of the lines `<sha256>  <name>\n` in that order (the format of `sha256sum`), so
/// `sha256sum dataset.yaml regions.csv ... | sha256sum` in the folder gives the same value.
public struct DatasetFingerprint: Sendable, Equatable {
    /// One file: its name and SHA-256 (lower-case hex).
    public struct File: Sendable, Equatable {
        public var name: String, sha256: String
    }

    /// Files hashed, in the order above.
    public let files: [File]
    /// The dataset's fingerprint.
    public let sha256: String

    /// The files of the format, in order.
    public static let fileNames = ["dataset.yaml", "regions.csv", "indicators.yaml", "indicators.csv", "activities.yaml", "activities.csv"]

    /// Hashes the folder's files; with `activityTable`, the alternative table's files
    /// (`activities-NAME.yaml` when it exists, `activities-NAME.csv`) take the place of the main ones.
    /// - Throws: ``AtomicFileWriter/WriteError``-like read errors as ``DatasetValidationError`` are not
    ///   expected here: the folder was loaded before; an unreadable file throws Foundation's error.
    public init(folder: URL, activityTable: String? = nil) throws {
        var files: [File] = []
        var names = Self.fileNames
        if let activityTable {
            let reader = ActivitiesReader(table: activityTable, in: DatasetFolder(url: folder, dialect: nil))
            names = Array(names.dropLast(2)) + [reader.metadataFile, reader.valuesFile]
        }
        for name in names {
            let url = folder.appendingPathComponent(name)
            guard FileManager.default.fileExists(atPath: url.path) else { continue }
            files.append(File(name: name, sha256: try Self.sha256(file: url)))
        }
        self.files = files
        sha256 = Self.sha256(Data(files.map { "\($0.sha256)  \($0.name)\n" }.joined().utf8))
    }

    /// SHA-256 of the file at `url` as lower-case hex, read in blocks of 4 MB (so a large file is
    /// never held whole).
    public static func sha256(file url: URL) throws -> String {
        let handle = try FileHandle(forReadingFrom: url)
        defer { try? handle.close() }
        return try digest { add in
            while let block = try handle.read(upToCount: 4 << 20), !block.isEmpty { add(block) }
        }
    }

    /// SHA-256 of `data` as lower-case hex, by OpenSSL's libcrypto.
    public static func sha256(_ data: Data) -> String { digest { $0(data) } }

    /// The SHA-256 (lower-case hex) of the blocks that `feed` passes to the function it is given, in order.
    private static func digest(_ feed: ((Data) -> Void) throws -> Void) rethrows -> String {
        guard let context = EVP_MD_CTX_new() else { preconditionFailure("libcrypto could not allocate a digest") }
        defer { EVP_MD_CTX_free(context) }
        precondition(EVP_DigestInit_ex(context, EVP_sha256(), nil) == 1, "libcrypto's SHA-256 failed")
        try feed { block in
            let ok = block.withUnsafeBytes { EVP_DigestUpdate(context, $0.baseAddress, $0.count) }
            precondition(ok == 1, "libcrypto's SHA-256 failed")
        }
        var digest = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        precondition(EVP_DigestFinal_ex(context, &digest, &length) == 1 && length == 32, "libcrypto's SHA-256 failed")
        return digest.prefix(Int(length)).map { String(format: "%02x", $0) }.joined()
    }
}
