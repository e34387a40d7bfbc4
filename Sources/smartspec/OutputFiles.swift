import Foundation
import SmartSpec

/// The record of the files smartspec wrote in a folder (`.smartspec-outputs`, one name a line),
/// and the rule every option that writes follows:
/// - a target that is a symbolic link (dangling or not), a directory, a device or a FIFO is refused;
/// - an existing regular file that smartspec did not write there (not in the record) is refused
///   unless `--force` is given;
/// - a file that is an input of the same run is refused even with `--force`;
/// - each file is added to the record as soon as it lands, so a rerun after an interruption
///   continues without `--force`.
struct OutputRecord {
    static let fileName = ".smartspec-outputs"
    let folder: URL
    private(set) var names: Set<String>

    init(folder: URL) {
        self.folder = folder
        names = Self.read(folder)
    }

    private static func read(_ folder: URL) -> Set<String> {
        let listed = (try? String(contentsOf: folder.appendingPathComponent(fileName), encoding: .utf8)) ?? ""
        return Set(listed.split(separator: "\n").map(String.init))
    }

    /// Descriptors of the folders this run has locked (held until the process ends).
    nonisolated(unsafe) private static var held: [String: Int32] = [:]

    /// Takes the folder's lock for the rest of the run: an exclusive `flock` on the folder itself,
    /// so two runs writing into one folder take turns (the second says that it waits). The record
    /// is read again once the lock is held. With `create`, a missing folder is created first;
    /// without it, a missing folder is left missing and not locked.
    mutating func lock(create: Bool = true) throws {
        let path = folder.standardizedFileURL.path
        guard Self.held[path] == nil else { return }
        if create {
            do { try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true) } catch {
                throw AtomicFileWriter.WriteError(path: folder.path, reason: "the folder cannot be created")
            }
        }
        let fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else {
            if !create, errno == ENOENT { return }
            throw AtomicFileWriter.WriteError(path: path, reason: String(cString: strerror(errno)))
        }
        if flock(fd, LOCK_EX | LOCK_NB) != 0 {
            Console.message("Waiting: another smartspec run is writing into \(folder.path).")
            guard flock(fd, LOCK_EX) == 0 else {
                close(fd)
                throw AtomicFileWriter.WriteError(path: path, reason: String(cString: strerror(errno)))
            }
        }
        Self.held[path] = fd
        names = Self.read(folder)
    }

    /// Throws when `name` in the folder may not be written.
    func check(_ name: String, force: Bool, inputs: [URL] = []) throws {
        let url = folder.appendingPathComponent(name)
        var info = stat()
        guard lstat(url.path, &info) == 0 else { return }
        let kind = info.st_mode & S_IFMT
        let refuse = { (reason: String) in AtomicFileWriter.WriteError(path: url.path, reason: reason) }
        switch kind {
        case S_IFLNK: throw refuse("it is a symbolic link, which smartspec does not follow")
        case S_IFDIR: throw refuse("it is a folder")
        case S_IFREG: break
        default: throw refuse("it is not a regular file (a device, FIFO or socket)")
        }
        let target = url.resolvingSymlinksInPath().standardizedFileURL.path
        if inputs.contains(where: { $0.resolvingSymlinksInPath().standardizedFileURL.path == target }) {
            throw refuse("it is an input of this run")
        }
        guard force || names.contains(name) else {
            throw refuse("the file exists and was not written by smartspec; pass --force to replace it")
        }
    }

    /// Records that `name` landed (appended at once, so an interrupted run leaves an accurate record).
    mutating func landed(_ name: String) throws {
        guard !names.contains(name) else { return }
        names.insert(name)
        let path = folder.appendingPathComponent(Self.fileName).path
        let fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_NOFOLLOW | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw AtomicFileWriter.WriteError(path: path, reason: String(cString: strerror(errno))) }
        defer { close(fd) }
        let line = Array((name + "\n").utf8)
        guard line.withUnsafeBytes({ Foundation.write(fd, $0.baseAddress!, $0.count) }) == line.count else {
            throw AtomicFileWriter.WriteError(path: path, reason: String(cString: strerror(errno)))
        }
    }

    /// Writes one file through the rule: checked, written atomically, recorded.
    static func write(_ text: String, to path: String, force: Bool, inputs: [URL] = []) throws {
        let url = URL(fileURLWithPath: path)
        var record = OutputRecord(folder: url.deletingLastPathComponent())
        try record.lock()
        try record.check(url.lastPathComponent, force: force, inputs: inputs)
        try AtomicFileWriter.write(text, to: url)
        try record.landed(url.lastPathComponent)
    }

    /// Writes what a command would print (machine-readable text) to a file instead: ended by a line break, as on standard output.
    static func writePrinted(_ text: String, to path: String, force: Bool, inputs: [URL] = []) throws {
        try write(text.hasSuffix("\n") ? text : text + "\n", to: path, force: force, inputs: inputs)
    }

    /// Streams one file in pieces through the same rule.
    static func write(to path: String, force: Bool, inputs: [URL] = [], pieces: Int, _ piece: @escaping @Sendable (Int) -> [UInt8]) throws {
        let url = URL(fileURLWithPath: path)
        var record = OutputRecord(folder: url.deletingLastPathComponent())
        try record.lock()
        try record.check(url.lastPathComponent, force: force, inputs: inputs)
        try AtomicFileWriter.write(to: url, pieces: pieces, piece)
        try record.landed(url.lastPathComponent)
    }
}

extension OutputRecord {
    /// Writes a whole dataset folder through the rule of every option that writes.
    static func write(_ dataset: Dataset, to path: String, force: Bool) throws {
        let url = URL(fileURLWithPath: path)
        var record = OutputRecord(folder: url)
        try record.lock()
        for name in DatasetWriter.fileNames(dataset) { try record.check(name, force: force) }
        try DatasetWriter.write(dataset, to: url)
        for name in DatasetWriter.fileNames(dataset) { try record.landed(name) }
    }
}

extension DatasetOption {
    /// The files of the dataset folder, which no output of the same run may replace.
    var inputFiles: [URL] {
        ((try? FileManager.default.contentsOfDirectory(at: url, includingPropertiesForKeys: nil)) ?? [])
    }
}
