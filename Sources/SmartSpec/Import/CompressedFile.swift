import CGzip
import Foundation

/// Reads a file that may be gzip-compressed (zlib reads plain files unchanged).
enum CompressedFile {
    /// The file's bytes, decompressed when it is gzip.
    /// - Throws: ``DatasetIssue`` naming the file when it cannot be opened or is corrupt or truncated.
    public static func read(_ url: URL, displayName: String? = nil) throws -> Data {
        let name = displayName ?? url.lastPathComponent
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
            throw DatasetIssue(file: name, "the file does not exist")
        }
        guard !isDirectory.boolValue else { throw DatasetIssue(file: name, "this is a directory; a file was expected here") }
        guard let handle = gzopen(url.path, "rb") else {
            throw DatasetIssue(file: name, "the file cannot be opened (\(String(cString: strerror(errno))))")
        }
        defer { gzclose(handle) }
        // A decompression bomb is refused as soon as it passes the allowance: at most
        // `decompressionRatio` times the compressed size, beyond a free allowance.
        let compressed = (try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int) ?? 0
        let allowed = DatasetLimits.freeDecompressedBytes + DatasetLimits.decompressionRatio * compressed
        var data = Data()
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = buffer.withUnsafeMutableBytes { gzread(handle, $0.baseAddress, UInt32($0.count)) }
            if count < 0 { throw corrupt(handle, name) }
            if count == 0 { break }
            data.append(buffer, count: Int(count))
            if data.count > allowed {
                throw DatasetIssue(file: name, "the file decompresses to more than \(allowed >> 20) MB (\(DatasetLimits.decompressionRatio) times its compressed size beyond \(DatasetLimits.freeDecompressedBytes >> 20) MB); it looks like a decompression bomb and is refused")
            }
        }
        var code: Int32 = 0
        _ = gzerror(handle, &code)
        if code != Z_OK && code != Z_STREAM_END { throw corrupt(handle, name) }
        return data
    }

    private static func corrupt(_ handle: gzFile, _ name: String) -> DatasetIssue {
        var code: Int32 = 0
        let message = gzerror(handle, &code).map { String(cString: $0) } ?? "unknown error"
        return DatasetIssue(file: name, "the compressed file is corrupt or truncated (\(message))")
    }
}
