import Foundation

/// Writes files atomically: to a temporary file in the same folder, flushed to disk, then renamed
/// over the destination, so a reader never sees a half-written file and an interrupted run
/// leaves the previous file intact.
package enum AtomicFileWriter {
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
        try write(to: url) { descriptor in data.withUnsafeBytes { writeAll(descriptor, $0) } }
    }

    /// Writes the concatenation of `count` pieces to `url` atomically. The pieces are made on all
    /// cores, a few at a time, and written in order as soon as they are ready, so a large file is
    /// never held whole in memory.
    public static func write(to url: URL, pieces count: Int, _ piece: @escaping @Sendable (Int) -> [UInt8]) throws {
        let batch = max(1, ProcessInfo.processInfo.activeProcessorCount)
        try write(to: url) { descriptor in
            for start in Swift.stride(from: 0, to: count, by: batch) {
                for bytes in ParallelTasks.map(min(batch, count - start), { piece(start + $0) }) {
                    if let failure = bytes.withUnsafeBytes({ writeAll(descriptor, $0) }) { return failure }
                }
            }
            return nil
        }
    }

    /// Writes through `body` (which returns a failure reason) to a temporary file beside `url`,
    /// flushes it and renames it over `url`; removes the temporary file on failure.
    private static func write(to url: URL, _ body: (Int32) -> String?) throws {
        let folder = url.deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw WriteError(path: url.path, reason: "the folder cannot be created (\(TextFile.reason(error)))")
        }
        let temporary = folder.appendingPathComponent(".\(url.lastPathComponent).\(getpid()).\(UInt32.random(in: 0...UInt32.max)).tmp")
        let descriptor = PendingFiles.create(temporary.path) { open(temporary.path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o644) }
        guard descriptor >= 0 else { throw WriteError(path: url.path, reason: String(cString: strerror(errno))) }
        var failure = body(descriptor)
        if failure == nil, fsync(descriptor) != 0 { failure = String(cString: strerror(errno)) }
        close(descriptor)
        PendingFiles.finish(temporary.path) {
            if failure == nil, rename(temporary.path, url.path) != 0 { failure = String(cString: strerror(errno)) }
            if failure != nil { unlink(temporary.path) }
        }
        if let failure { throw WriteError(path: url.path, reason: failure) }
    }

    /// Writes every byte of `buffer`; the reason on failure.
    fileprivate static func writeAll(_ descriptor: Int32, _ buffer: UnsafeRawBufferPointer) -> String? {
        var offset = 0
        while offset < buffer.count {
            let written = Foundation.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                return String(cString: strerror(errno))
            }
            offset += written
        }
        return nil
    }

    /// Several files written together: each is staged as a flushed temporary file beside its
    /// destination, and only when every one is staged are they renamed into place. A failure while
    /// staging leaves every destination as it was (``abort()`` removes the temporaries, and the
    /// folders the batch created).
    package struct Batch {
        private var staged: [(temporary: String, destination: URL)] = []
        private var createdFolders: [URL] = []

        package init() {}

        /// Stages `text` (UTF-8) for `url`.
        package mutating func stage(_ text: String, to url: URL) throws {
            let folder = url.deletingLastPathComponent()
            if !FileManager.default.fileExists(atPath: folder.path) {
                do { try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true) } catch {
                    throw WriteError(path: url.path, reason: "the folder cannot be created (\(TextFile.reason(error)))")
                }
                createdFolders.append(folder)
            }
            let temporary = folder.appendingPathComponent(".\(url.lastPathComponent).\(getpid()).\(UInt32.random(in: 0...UInt32.max)).tmp")
            let descriptor = PendingFiles.create(temporary.path) { open(temporary.path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o644) }
            guard descriptor >= 0 else { throw WriteError(path: url.path, reason: String(cString: strerror(errno))) }
            staged.append((temporary.path, url))
            var failure = Array(text.utf8).withUnsafeBytes { writeAll(descriptor, $0) }
            if failure == nil, fsync(descriptor) != 0 { failure = String(cString: strerror(errno)) }
            close(descriptor)
            if let failure { throw WriteError(path: url.path, reason: failure) }
        }

        /// Renames every staged file into place.
        package mutating func commit() throws {
            for (index, file) in staged.enumerated() {
                var failure: String?
                PendingFiles.finish(file.temporary) {
                    if rename(file.temporary, file.destination.path) != 0 { failure = String(cString: strerror(errno)) }
                }
                if let failure {
                    staged.removeFirst(index)
                    throw WriteError(path: file.destination.path, reason: failure)
                }
            }
            staged = []
            createdFolders = []
        }

        /// Removes the staged temporaries and the folders the batch created.
        package mutating func abort() {
            for file in staged { PendingFiles.finish(file.temporary) { unlink(file.temporary) } }
            for folder in createdFolders.reversed() { try? FileManager.default.removeItem(at: folder) }
            staged = []
            createdFolders = []
        }
    }

    /// Writes `text` as UTF-8, optionally preceded by a byte-order mark (for spreadsheets).
    public static func write(_ text: String, to url: URL, byteOrderMark: Bool = false) throws {
        var data = byteOrderMark ? Data([0xEF, 0xBB, 0xBF]) : Data()
        data.append(contentsOf: Array(text.utf8))
        try write(data, to: url)
    }
}

/// Temporary files and folders in flight, so that an interrupted run (SIGINT, SIGTERM) removes
/// them before it exits: no hidden `.tmp` file is left beside an output, nor a scratch folder in
/// the temporary directory. A file is created and registered, and renamed and unregistered, under
/// one lock, so the clean-up never misses one.
package enum PendingFiles {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var files: Set<String> = []
    nonisolated(unsafe) private static var folders: Set<String> = []

    /// Runs `open` (which returns a descriptor, or −1) and registers `path` when it succeeded.
    package static func create(_ path: String, _ open: () -> Int32) -> Int32 {
        lock.lock()
        defer { lock.unlock() }
        let descriptor = open()
        if descriptor >= 0 { files.insert(path) }
        return descriptor
    }

    /// Runs `body` (the rename, or the removal) and unregisters `path`.
    package static func finish(_ path: String, _ body: () -> Void) {
        lock.lock()
        defer { lock.unlock() }
        body()
        files.remove(path)
    }

    /// Registers a scratch folder, removed on interruption.
    package static func register(folder path: String) { lock.withLock { _ = folders.insert(path) } }

    /// Unregisters a scratch folder (the caller removes it).
    package static func unregister(folder path: String) { lock.withLock { _ = folders.remove(path) } }

    /// Removes every registered file and folder and ends the process with `status`; the lock is
    /// kept, so no other thread creates or renames a file meanwhile.
    package static func removeAllAndExit(status: Int32) -> Never {
        lock.lock()
        for path in files { unlink(path) }
        for path in folders { try? FileManager.default.removeItem(atPath: path) }
        _exit(status)
    }
}
