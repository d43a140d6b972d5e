@preconcurrency import Glibc

/// A buffered sink of bytes: a file, standard output, or memory (for tests). Owns its descriptor.
public final class ByteSink {
    private enum Destination {
        case descriptor(Int32, close: Bool)
        case memory
    }

    private let destination: Destination
    private var buffer: [UInt8] = []
    private var collected: [UInt8] = []
    private let capacity = 1 << 16

    /// Standard output.
    public static func standardOutput() -> ByteSink { ByteSink(.descriptor(1, close: false)) }

    /// A buffer that keeps everything written, readable through `bytes` (for tests).
    public static func memory() -> ByteSink { ByteSink(.memory) }

    /// Creates or truncates the file at `path`.
    public static func file(_ path: String) throws -> ByteSink {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            let reason = String(cString: strerror(errno))
            throw ChatMineError("Cannot write '\(path)': \(reason)", hint: "Check that the folder exists and is writable.")
        }
        return ByteSink(.descriptor(fd, close: true))
    }

    private init(_ destination: Destination) {
        self.destination = destination
        buffer.reserveCapacity(capacity + 4096)
    }

    deinit {
        if case .descriptor(let fd, let shouldClose) = destination {
            try? drain()
            if shouldClose { close(fd) }
        }
    }

    /// Everything written so far (memory buffers only; empty for files).
    public var bytes: [UInt8] { collected + buffer }

    /// Appends one byte.
    @inline(__always)
    public func append(_ byte: UInt8) {
        buffer.append(byte)
    }

    /// Appends the UTF-8 bytes of `text`.
    @inline(__always)
    public func append(_ text: String) {
        var text = text
        text.withUTF8 { buffer.append(contentsOf: $0) }
    }

    /// Appends bytes.
    public func append(contentsOf bytes: some Sequence<UInt8>) {
        buffer.append(contentsOf: bytes)
    }

    /// Writes the buffer out when it has grown past its capacity.
    public func flushIfFull() throws {
        if buffer.count >= capacity { try drain() }
    }

    /// Writes out everything buffered.
    public func flush() throws { try drain() }

    private func drain() throws {
        switch destination {
        case .memory:
            collected.append(contentsOf: buffer)
        case .descriptor(let fd, _):
            var offset = 0
            while offset < buffer.count {
                let written = buffer.withUnsafeBytes { raw in
                    write(fd, raw.baseAddress.map { $0 + offset }, raw.count - offset)
                }
                if written < 0 {
                    if errno == EINTR { continue }
                    let reason = String(cString: strerror(errno))
                    buffer.removeAll(keepingCapacity: true)
                    throw ChatMineError("Write failed: \(reason)", hint: "Check free disk space, or whether the reading end of the pipe closed.")
                }
                offset += written
            }
        }
        buffer.removeAll(keepingCapacity: true)
    }
}
