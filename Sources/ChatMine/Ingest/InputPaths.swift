import Foundation

/// Expands the paths given to `ingest`: files as they are, folders recursively in sorted order
/// (hidden files and unknown extensions skipped), "-" for standard input.
public enum InputPaths {
    /// File extensions read from folders (a trailing ".gz" is looked through).
    public static let extensions: Set<String> = ["jsonl", "ndjson", "json", "csv", "transcript", "log", "txt"]

    /// The files to ingest, in order; throws for a path that does not exist.
    public static func expand(_ paths: [String]) throws -> [String] {
        var files: [String] = []
        let manager = FileManager.default
        for path in paths {
            if path == "-" { files.append(path); continue }
            var isFolder: ObjCBool = false
            guard manager.fileExists(atPath: path, isDirectory: &isFolder) else {
                throw ChatMineError("no such file or folder: \(path)", hint: "check the path; use - for standard input")
            }
            if !isFolder.boolValue {
                files.append(path)
                continue
            }
            guard let walker = manager.enumerator(atPath: path) else { continue }
            var found: [String] = []
            while let relative = walker.nextObject() as? String {
                let name = (relative as NSString).lastPathComponent
                if name.hasPrefix(".") {
                    walker.skipDescendants()
                    continue
                }
                let full = (path as NSString).appendingPathComponent(relative)
                var isDir: ObjCBool = false
                guard manager.fileExists(atPath: full, isDirectory: &isDir), !isDir.boolValue else { continue }
                var base = name.lowercased()
                if base.hasSuffix(".gz") { base = String(base.dropLast(3)) }
                let ext = (base as NSString).pathExtension
                if extensions.contains(ext) { found.append(full) }
            }
            files.append(contentsOf: found.sorted())
        }
        return files
    }
}
