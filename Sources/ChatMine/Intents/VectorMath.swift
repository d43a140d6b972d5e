import Dispatch

/// Small dense-vector kernels (SIMD) and a two-core parallel loop for intent discovery.
enum VectorMath {
    /// The dot product of `count` floats at `a` and `b`.
    @inline(__always)
    static func dot(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ count: Int) -> Float {
        var acc0 = SIMD8<Float>.zero
        var acc1 = SIMD8<Float>.zero
        var i = 0
        let ra = UnsafeRawPointer(a)
        let rb = UnsafeRawPointer(b)
        while i + 16 <= count {
            acc0 += ra.loadUnaligned(fromByteOffset: i * 4, as: SIMD8<Float>.self) * rb.loadUnaligned(fromByteOffset: i * 4, as: SIMD8<Float>.self)
            acc1 += ra.loadUnaligned(fromByteOffset: (i + 8) * 4, as: SIMD8<Float>.self) * rb.loadUnaligned(fromByteOffset: (i + 8) * 4, as: SIMD8<Float>.self)
            i += 16
        }
        while i + 8 <= count {
            acc0 += ra.loadUnaligned(fromByteOffset: i * 4, as: SIMD8<Float>.self) * rb.loadUnaligned(fromByteOffset: i * 4, as: SIMD8<Float>.self)
            i += 8
        }
        var sum = (acc0 + acc1).sum()
        while i < count {
            sum += a[i] * b[i]
            i += 1
        }
        return sum
    }

    /// Dot products of `x` with four consecutive rows of length `count` starting at `rows`,
    /// loading `x` once for all four.
    @inline(__always)
    static func dot4(_ x: UnsafePointer<Float>, _ rows: UnsafePointer<Float>, _ count: Int) -> (Float, Float, Float, Float) {
        var a0 = SIMD8<Float>.zero, a1 = SIMD8<Float>.zero, a2 = SIMD8<Float>.zero, a3 = SIMD8<Float>.zero
        let rx = UnsafeRawPointer(x)
        let r0 = UnsafeRawPointer(rows), r1 = UnsafeRawPointer(rows + count)
        let r2 = UnsafeRawPointer(rows + 2 * count), r3 = UnsafeRawPointer(rows + 3 * count)
        var i = 0
        while i + 8 <= count {
            let offset = i * 4
            let v = rx.loadUnaligned(fromByteOffset: offset, as: SIMD8<Float>.self)
            a0 += v * r0.loadUnaligned(fromByteOffset: offset, as: SIMD8<Float>.self)
            a1 += v * r1.loadUnaligned(fromByteOffset: offset, as: SIMD8<Float>.self)
            a2 += v * r2.loadUnaligned(fromByteOffset: offset, as: SIMD8<Float>.self)
            a3 += v * r3.loadUnaligned(fromByteOffset: offset, as: SIMD8<Float>.self)
            i += 8
        }
        var s0 = a0.sum(), s1 = a1.sum(), s2 = a2.sum(), s3 = a3.sum()
        while i < count {
            s0 += x[i] * rows[i]
            s1 += x[i] * rows[count + i]
            s2 += x[i] * rows[2 * count + i]
            s3 += x[i] * rows[3 * count + i]
            i += 1
        }
        return (s0, s1, s2, s3)
    }

    /// `y += alpha * x` over `count` floats.
    @inline(__always)
    static func axpy(_ alpha: Float, _ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, _ count: Int) {
        var i = 0
        let rx = UnsafeRawPointer(x)
        let ry = UnsafeMutableRawPointer(y)
        let a = SIMD8<Float>(repeating: alpha)
        while i + 8 <= count {
            let v = ry.loadUnaligned(fromByteOffset: i * 4, as: SIMD8<Float>.self) + a * rx.loadUnaligned(fromByteOffset: i * 4, as: SIMD8<Float>.self)
            ry.storeBytes(of: v, toByteOffset: i * 4, as: SIMD8<Float>.self)
            i += 8
        }
        while i < count {
            y[i] += alpha * x[i]
            i += 1
        }
    }

    /// Scales `count` floats at `x` to unit length; leaves a zero vector alone. Returns the old norm.
    @discardableResult
    static func normalize(_ x: UnsafeMutablePointer<Float>, _ count: Int) -> Float {
        let norm = dot(x, x, count).squareRoot()
        guard norm > 0 else { return 0 }
        let inverse = 1 / norm
        for i in 0..<count { x[i] *= inverse }
        return norm
    }

    /// Scales every row of a row-major matrix to unit length.
    static func normalizeRows(_ values: inout [Float], columns: Int) {
        guard columns > 0 else { return }
        let rows = values.count / columns
        values.withUnsafeMutableBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            for r in 0..<rows { normalize(base + r * columns, columns) }
        }
    }
}

/// Runs work over index ranges on all cores (two on the target machine).
enum Parallel {
    /// How many workers to use.
    static let workers = max(1, min(8, System.activeProcessorCount))

    /// Calls `body` with disjoint chunks covering `0..<count`, concurrently; `body` gets the
    /// chunk's index and range.
    static func chunks(_ count: Int, minimumChunk: Int = 256, _ body: @Sendable (Int, Range<Int>) -> Void) {
        guard count > 0 else { return }
        let pieces = max(1, min(workers * 4, count / max(1, minimumChunk)))
        if pieces == 1 {
            body(0, 0..<count)
            return
        }
        let size = (count + pieces - 1) / pieces
        DispatchQueue.concurrentPerform(iterations: pieces) { piece in
            let start = piece * size
            let end = min(count, start + size)
            if start < end { body(piece, start..<end) }
        }
    }

    /// The number of chunks `chunks` will use for `count` items.
    static func chunkCount(_ count: Int, minimumChunk: Int = 256) -> Int {
        max(1, min(workers * 4, count / max(1, minimumChunk)))
    }
}

/// The processor count, without importing Foundation's ProcessInfo everywhere.
enum System {
    static var activeProcessorCount: Int {
        #if canImport(Glibc)
        return Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))
        #else
        return 2
        #endif
    }
}

#if canImport(Glibc)
import Glibc
#endif

/// A seeded, platform-independent random source (SplitMix64) so clustering is deterministic.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed &+ 0x9e37_79b9_7f4a_7c15 }

    mutating func next() -> UInt64 {
        state &+= 0x9e37_79b9_7f4a_7c15
        var z = state
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }

    /// A uniform float in [0, 1).
    mutating func unit() -> Float { Float(next() >> 40) / Float(1 << 24) }

    /// A standard normal value (Box–Muller).
    mutating func gaussian() -> Float {
        let u1 = max(unit(), 1e-7)
        let u2 = unit()
        return (-2 * logf(u1)).squareRoot() * cosf(2 * Float.pi * u2)
    }
}

extension Parallel {
    /// `(0..<count).map(transform)`, computed on all cores, in order.
    static func map<T>(_ count: Int, minimumChunk: Int = 64, _ transform: @Sendable (Int) -> T) -> [T] {
        guard count > 0 else { return [] }
        let buffer = UnsafeMutableBufferPointer<T?>.allocate(capacity: count)
        buffer.initialize(repeating: nil)
        defer { buffer.deinitialize(); buffer.deallocate() }
        let address = Int(bitPattern: buffer.baseAddress)
        chunks(count, minimumChunk: minimumChunk) { _, range in
            let base = UnsafeMutablePointer<T?>(bitPattern: address).unsafelyUnwrapped
            for i in range { base[i] = transform(i) }
        }
        return buffer.map { $0.unsafelyUnwrapped }
    }
}
