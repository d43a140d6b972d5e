@preconcurrency import Glibc

/// A whole file mapped read-only into memory; the mapping lives as long as this object.
final class MappedFile {
    /// The path the file was opened from, for error messages.
    let path: String
    /// First byte of the mapping.
    let bytes: UnsafeRawPointer
    /// Length of the file in bytes.
    let count: Int

    /// Maps `path` read-only; throws a `ChatMineError` naming the file when it cannot.
    init(path: String) throws {
        self.path = path
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else {
            throw ChatMineError("Cannot open model file \(path): \(Self.systemError())",
                                hint: "Check the path given to --embeddings and the file's permissions.")
        }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            throw ChatMineError("Cannot read model file \(path): \(Self.systemError())")
        }
        let size = Int(status.st_size)
        guard size > 0 else {
            throw ChatMineError("Model file \(path) is empty", hint: "Download the model again.")
        }
        guard let address = mmap(nil, size, PROT_READ, MAP_PRIVATE, descriptor, 0), address != MAP_FAILED else {
            throw ChatMineError("Cannot memory-map model file \(path): \(Self.systemError())")
        }
        bytes = UnsafeRawPointer(address)
        count = size
    }

    deinit {
        munmap(UnsafeMutableRawPointer(mutating: bytes), count)
    }

    private static func systemError() -> String {
        String(cString: strerror(errno))
    }
}

/// Read-only floats shared across worker threads: either a view into a mapped file or memory
/// this object owns. Never written after construction, hence safe to share.
final class FloatStorage: @unchecked Sendable {
    /// The first value.
    let pointer: UnsafePointer<Float>
    /// Number of values.
    let count: Int
    private let owned: UnsafeMutablePointer<Float>?
    private let mapping: MappedFile?

    /// A view of `count` floats inside `mapping`, which is kept alive.
    init(viewing pointer: UnsafePointer<Float>, count: Int, in mapping: MappedFile) {
        self.pointer = pointer
        self.count = count
        self.owned = nil
        self.mapping = mapping
    }

    /// Fresh storage of `count` floats filled by `fill`.
    init(count: Int, fill: (UnsafeMutablePointer<Float>) throws -> Void) rethrows {
        let memory = UnsafeMutablePointer<Float>.allocate(capacity: max(count, 1))
        memory.initialize(repeating: 0, count: max(count, 1))
        do { try fill(memory) } catch { memory.deallocate(); throw error }
        self.pointer = UnsafePointer(memory)
        self.count = count
        self.owned = memory
        self.mapping = nil
    }

    /// A copy of the values as an array.
    var array: [Float] { Array(UnsafeBufferPointer(start: pointer, count: count)) }

    deinit {
        owned?.deallocate()
    }
}
