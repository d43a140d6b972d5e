@preconcurrency import Glibc
import CZlib

/// A stream of bytes from a plain file, a gzip file or standard input, read in chunks.
public final class ByteSource {
    private enum Handle {
        case plain(Int32)
        case gzip(gzFile)
    }

    private let handle: Handle
    /// What the user named ("-" for stdin).
    public let path: String
    /// Whether the stream is gzip-decompressed.
    public let isCompressed: Bool
    /// Bytes on disk (the compressed size for gzip; nil for stdin and pipes).
    public let sizeOnDisk: Int64?
    private var closed = false

    /// Opens `path` ("-" is stdin); gzip is recognised by its magic bytes, not its name.
    public init(path: String) throws {
        self.path = path
        if path == "-" {
            handle = .plain(0)
            isCompressed = false
            sizeOnDisk = nil
            return
        }
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            throw ChatMineError("cannot open \(path): \(String(cString: strerror(errno)))", hint: "check the path and its permissions")
        }
        var info = stat()
        if fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR {
            Glibc.close(fd)
            throw ChatMineError("\(path) is a folder")
        }
        sizeOnDisk = (info.st_mode & S_IFMT) == S_IFREG ? Int64(info.st_size) : nil
        var magic = [UInt8](repeating: 0, count: 2)
        let got = pread(fd, &magic, 2, 0)
        if got == 2 && magic[0] == 0x1F && magic[1] == 0x8B {
            guard let gz = gzdopen(fd, "rb") else {
                Glibc.close(fd)
                throw ChatMineError("cannot open \(path) as gzip")
            }
            gzbuffer(gz, 256 * 1024)
            handle = .gzip(gz)
            isCompressed = true
        } else {
            handle = .plain(fd)
            isCompressed = false
        }
    }

    deinit { close() }

    /// Reads up to `capacity` bytes into `buffer` at `offset`; returns 0 at the end.
    /// A truncated or corrupt gzip stream throws after everything readable was returned.
    public func read(into buffer: UnsafeMutableRawPointer, capacity: Int) throws -> Int {
        switch handle {
        case .plain(let fd):
            while true {
                let count = Glibc.read(fd, buffer, capacity)
                if count >= 0 { return count }
                if errno == EINTR { continue }
                throw ChatMineError("cannot read \(path): \(String(cString: strerror(errno)))")
            }
        case .gzip(let gz):
            let count = gzread(gz, buffer, UInt32(min(capacity, Int(Int32.max))))
            if count < 0 {
                var code: Int32 = 0
                let message = gzerror(gz, &code).map { String(cString: $0) } ?? "unknown error"
                throw ChatMineError("\(path): corrupt gzip data (\(message))")
            }
            if count == 0 && gzeof(gz) == 0 {
                var code: Int32 = 0
                let message = gzerror(gz, &code).map { String(cString: $0) } ?? "unknown error"
                if code != Z_OK { throw ChatMineError("\(path): corrupt gzip data (\(message))") }
            }
            return Int(count)
        }
    }

    /// Whether the gzip stream ended cleanly (always true for plain files); zlib reports a
    /// truncated stream as an end of file with an error state.
    public var endedCleanly: Bool {
        if case .gzip(let gz) = handle {
            var code: Int32 = 0
            _ = gzerror(gz, &code)
            return code == Z_OK || code == Z_STREAM_END
        }
        return true
    }

    /// Closes the underlying file (not stdin).
    public func close() {
        guard !closed else { return }
        closed = true
        switch handle {
        case .plain(let fd): if fd != 0 { Glibc.close(fd) }
        case .gzip(let gz): gzclose(gz)
        }
    }
}
