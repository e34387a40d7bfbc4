import Foundation

/// Writes files atomically: to a temporary file in the same folder, flushed to disk, then renamed
/// over the destination, so a reader never sees a half-written file and an interrupted run
/// leaves the previous file intact.
public enum AtomicFileWriter {
    /// An error while writing; prints a sentence naming the file.
    public struct WriteError: Error, Sendable, CustomStringConvertible {
        /// The destination.
        public let path: String
        /// What went wrong.
        public let reason: String
        public var description: String { "Cannot write \(path): \(reason)." }

        /// Creates the error.
        public init(path: String, reason: String) {
            self.path = path
            self.reason = reason
        }
    }

    /// Writes `data` to `url` atomically, creating intermediate folders.
    public static func write(_ data: Data, to url: URL) throws {
        let folder = url.deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw WriteError(path: url.path, reason: "the folder cannot be created (\(TextFile.reason(error)))")
        }
        let temporary = folder.appendingPathComponent(".\(url.lastPathComponent).\(getpid()).\(UInt32.random(in: 0...UInt32.max)).tmp")
        let descriptor = open(temporary.path, O_WRONLY | O_CREAT | O_EXCL, 0o644)
        guard descriptor >= 0 else { throw WriteError(path: url.path, reason: String(cString: strerror(errno))) }
        var failure: String? = nil
        data.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = Foundation.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    failure = String(cString: strerror(errno)); return
                }
                offset += written
            }
        }
        if failure == nil, fsync(descriptor) != 0 { failure = String(cString: strerror(errno)) }
        close(descriptor)
        if failure == nil, rename(temporary.path, url.path) != 0 { failure = String(cString: strerror(errno)) }
        if let failure {
            unlink(temporary.path)
            throw WriteError(path: url.path, reason: failure)
        }
    }

    /// Writes `text` as UTF-8, optionally preceded by a byte-order mark (for spreadsheets).
    public static func write(_ text: String, to url: URL, byteOrderMark: Bool = false) throws {
        var data = byteOrderMark ? Data([0xEF, 0xBB, 0xBF]) : Data()
        data.append(contentsOf: Array(text.utf8))
        try write(data, to: url)
    }
}
