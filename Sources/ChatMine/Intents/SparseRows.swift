/// A sparse matrix in compressed-row form: the TF-IDF vectors of a batch of utterances.
struct SparseRows: Sendable {
    /// Row `r` holds entries `offsets[r]..<offsets[r + 1]`.
    var offsets: [Int]
    /// Column of each entry.
    var columns: [Int32]
    /// Value of each entry.
    var values: [Float]
    /// Number of columns.
    var width: Int

    /// Number of rows.
    var count: Int { offsets.count - 1 }

    /// Adds the rows of `other` (same width) below these.
    mutating func append(_ other: SparseRows) {
        let base = columns.count
        columns.append(contentsOf: other.columns)
        values.append(contentsOf: other.values)
        offsets.append(contentsOf: other.offsets.dropFirst().map { $0 + base })
    }

    /// `self × dense`, where `dense` is `width × k` row-major; the result is `count × k`.
    func multiply(_ dense: [Float], k: Int) -> [Float] {
        var result = [Float](repeating: 0, count: count * k)
        dense.withUnsafeBufferPointer { d in
            result.withUnsafeMutableBufferPointer { out in
                guard let dBase = d.baseAddress, let outBase = out.baseAddress else { return }
                let outAddress = Int(bitPattern: outBase)
                let dAddress = Int(bitPattern: dBase)
                Parallel.chunks(count) { _, range in
                    guard let target = UnsafeMutablePointer<Float>(bitPattern: outAddress),
                          let source = UnsafePointer<Float>(bitPattern: dAddress) else { return }
                    for r in range {
                        for e in offsets[r]..<offsets[r + 1] {
                            VectorMath.axpy(values[e], source + Int(columns[e]) * k, target + r * k, k)
                        }
                    }
                }
            }
        }
        return result
    }

    /// `selfᵀ × dense`, where `dense` is `count × k` row-major; the result is `width × k`.
    func transposeMultiply(_ dense: [Float], k: Int) -> [Float] {
        let pieces = min(Parallel.workers, max(1, count / 2048))
        let size = (count + pieces - 1) / pieces
        var partials = [[Float]](repeating: [], count: pieces)
        let partialBox = UnsafeMutableBufferPointer<[Float]>.allocate(capacity: pieces)
        partialBox.initialize(repeating: [])
        defer { partialBox.deinitialize(); partialBox.deallocate() }
        dense.withUnsafeBufferPointer { d in
            guard let dBase = d.baseAddress else { return }
            let dAddress = Int(bitPattern: dBase)
            let boxAddress = Int(bitPattern: partialBox.baseAddress)
            DispatchQueueShim.perform(pieces) { piece in
                guard let source = UnsafePointer<Float>(bitPattern: dAddress) else { return }
                var local = [Float](repeating: 0, count: width * k)
                local.withUnsafeMutableBufferPointer { l in
                    guard let lBase = l.baseAddress else { return }
                    let start = piece * size
                    let end = min(count, start + size)
                    if start < end {
                        for r in start..<end {
                            for e in offsets[r]..<offsets[r + 1] {
                                VectorMath.axpy(values[e], source + r * k, lBase + Int(columns[e]) * k, k)
                            }
                        }
                    }
                }
                UnsafeMutablePointer<[Float]>(bitPattern: boxAddress).unsafelyUnwrapped[piece] = local
            }
        }
        for piece in 0..<pieces { partials[piece] = partialBox[piece] }
        var result = partials[0]
        for piece in 1..<pieces {
            result.withUnsafeMutableBufferPointer { r in
                partials[piece].withUnsafeBufferPointer { p in
                    if let rBase = r.baseAddress, let pBase = p.baseAddress {
                        VectorMath.axpy(1, pBase, rBase, r.count)
                    }
                }
            }
        }
        return result
    }
}

import Dispatch

/// `DispatchQueue.concurrentPerform`, named for what it does here.
enum DispatchQueueShim {
    static func perform(_ iterations: Int, _ body: @Sendable (Int) -> Void) {
        if iterations == 1 { body(0); return }
        DispatchQueue.concurrentPerform(iterations: iterations, execute: body)
    }
}
