import Dispatch
import Foundation

/// A destination for rows of floats written by several threads, each to rows of its own.
struct SharedRows: @unchecked Sendable {
    /// First value of row 0.
    let base: UnsafeMutablePointer<Float>
    /// Values per row.
    let columns: Int

    /// The first value of `row`.
    func row(_ row: Int) -> UnsafeMutablePointer<Float> { base + row * columns }
}

/// Splits `count` items into blocks and hands them to one worker per core.
enum ParallelRows {
    /// Number of worker threads used (one per active core).
    static var workerCount: Int { max(1, ProcessInfo.processInfo.activeProcessorCount) }

    /// Calls `body(worker, range)` for consecutive blocks of `blockSize` items; each worker takes
    /// every `workerCount`-th block, so per-worker state (a cache) can be kept in `body`'s
    /// caller-provided slot `worker`.
    static func run(count: Int, blockSize: Int, _ body: @Sendable (_ worker: Int, _ range: Range<Int>) -> Void) {
        let blocks = (count + blockSize - 1) / blockSize
        let workers = min(workerCount, blocks)
        if workers <= 1 {
            if count > 0 { body(0, 0..<count) }
            return
        }
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            var block = worker
            while block < blocks {
                let start = block * blockSize
                body(worker, start..<min(count, start + blockSize))
                block += workers
            }
        }
    }
}

/// Scales each row of a row-major matrix to unit length; all-zero rows stay zero.
func normalizeRows(_ values: UnsafeMutablePointer<Float>, rows: Int, columns: Int) {
    for row in 0..<rows {
        let start = values + row * columns
        var sum: Float = 0
        for index in 0..<columns { sum += start[index] * start[index] }
        guard sum > 0, sum.isFinite else { continue }
        let scale = 1 / sum.squareRoot()
        for index in 0..<columns { start[index] *= scale }
    }
}
