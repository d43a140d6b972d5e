@preconcurrency import Glibc
import Foundation

/// The folder nightly takes new log files from, and what it does with them afterwards.
struct Inbox {
    let folder: String
    let glob: String
    let processed: ProcessedFiles

    /// Regular files whose names match the glob, sorted; hidden files (uploads in progress,
    /// by convention) are left alone.
    func files() throws -> [String] {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder), isFolder.boolValue else {
            throw ChatMineError("the inbox folder \(folder) does not exist", hint: "create it, or fix the inbox folder in the config / --inbox")
        }
        let names = try FileManager.default.contentsOfDirectory(atPath: folder)
        return names.sorted().filter { name in
            guard !name.hasPrefix("."), fnmatch(glob, name, 0) == 0 else { return false }
            var status = stat()
            let path = (folder as NSString).appendingPathComponent(name)
            return stat(path, &status) == 0 && (status.st_mode & S_IFMT) == S_IFREG
        }.map { (folder as NSString).appendingPathComponent($0) }
    }

    /// Moves or deletes a file that is now in the store; returns whether it did anything.
    func dispose(_ file: String) throws -> Bool {
        switch processed {
        case .keep:
            return false
        case .delete:
            guard unlink(file) == 0 || errno == ENOENT else {
                throw ChatMineError("cannot delete \(file): \(String(cString: strerror(errno)))")
            }
            return true
        case .move(let target):
            try FileManager.default.createDirectory(atPath: target, withIntermediateDirectories: true)
            let name = (file as NSString).lastPathComponent
            var destination = (target as NSString).appendingPathComponent(name)
            var attempt = 1
            while FileManager.default.fileExists(atPath: destination) {
                attempt += 1
                destination = (target as NSString).appendingPathComponent("\(name).\(attempt)")
            }
            guard rename(file, destination) == 0 else {
                throw ChatMineError("cannot move \(file) to \(destination): \(String(cString: strerror(errno)))",
                                    hint: "the processed folder must be on the same file system as the inbox")
            }
            return true
        }
    }
}
