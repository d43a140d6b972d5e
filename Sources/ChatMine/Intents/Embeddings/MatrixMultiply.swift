/// The register-tile vector of the matrix kernel. Portable builds use 8 floats (two SSE registers
/// per value, twelve accumulators); builds for AVX2/AVX-512 define CHATMINE_SIMD16 and pass the
/// instruction-set flags (see docs/EMBEDDINGS.md), which doubles to quadruples the throughput.
#if CHATMINE_SIMD16
typealias KernelVector = SIMD16<Float>
#else
typealias KernelVector = SIMD8<Float>
#endif

/// Dense layers' matrix products, written for speed in portable Swift SIMD: the weights are
/// packed once into panels of `PackedWeights.panelWidth` output columns, the inputs into
/// micro-panels of `microRows` rows per `depthBlock` slice, and a register-blocked kernel
/// computes `microRows × panelWidth` tiles of the output. One call is single-threaded;
/// the transformer runs one batch per core.
enum MatrixMultiply {
    /// Output rows per kernel tile.
    static let microRows = 6
    /// Input columns (depth) per packed slice, so one weight panel slice stays in L1.
    static let depthBlock = 256
    /// Input rows per outer block, so the packed input slice stays in L2.
    static let rowBlock = 240

    /// `output[rows × n] = input[rows × k] · weightsᵀ` (no bias), where `weights` is packed
    /// from an `n × k` matrix. `scratch` holds at least `scratchCount` floats.
    static func multiply(_ input: UnsafePointer<Float>, rows: Int, by weights: PackedWeights,
                         into output: UnsafeMutablePointer<Float>, scratch: UnsafeMutablePointer<Float>) {
        let k = weights.inputs
        let n = weights.outputs
        let width = PackedWeights.panelWidth
        var rowStart = 0
        while rowStart < rows {
            let blockRows = min(rowBlock, rows - rowStart)
            let microPanels = (blockRows + microRows - 1) / microRows
            var depthStart = 0
            while depthStart < k {
                let depth = min(depthBlock, k - depthStart)
                packInput(input + rowStart * k + depthStart, rows: blockRows, depth: depth, stride: k, into: scratch)
                for panel in 0..<weights.panels {
                    let panelWeights = weights.panel(panel) + depthStart * width
                    let column = panel * width
                    let columns = min(width, n - column)
                    for micro in 0..<microPanels {
                        let row = micro * microRows
                        kernel(scratch + micro * microRows * depth, panelWeights, depth: depth,
                               output: output + (rowStart + row) * n + column, stride: n,
                               rows: min(microRows, blockRows - row), columns: columns, accumulate: depthStart > 0)
                    }
                }
                depthStart += depth
            }
            rowStart += blockRows
        }
    }

    /// Floats of scratch space `multiply` needs.
    static var scratchCount: Int { (rowBlock + microRows) * depthBlock }

    /// Copies `rows × depth` of the input into micro-panels: for each group of `microRows` rows,
    /// depth-major, the rows' values side by side (missing rows as zeros).
    @inline(__always)
    private static func packInput(_ source: UnsafePointer<Float>, rows: Int, depth: Int, stride: Int,
                                  into target: UnsafeMutablePointer<Float>) {
        var micro = 0
        while micro < rows {
            let panel = target + micro * depth
            let count = min(microRows, rows - micro)
            for r in 0..<microRows {
                if r < count {
                    let line = source + (micro + r) * stride
                    for d in 0..<depth { panel[d * microRows + r] = line[d] }
                } else {
                    for d in 0..<depth { panel[d * microRows + r] = 0 }
                }
            }
            micro += microRows
        }
    }

    /// One 6 × `panelWidth` output tile over `depth`: broadcast each input value, multiply by the
    /// weight row, accumulate in six vectors (mul + add: portable, never a libm `fma` call).
    @inline(__always)
    private static func kernel(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, depth: Int,
                               output: UnsafeMutablePointer<Float>, stride: Int, rows: Int, columns: Int,
                               accumulate: Bool) {
        var c0 = KernelVector(), c1 = KernelVector(), c2 = KernelVector()
        var c3 = KernelVector(), c4 = KernelVector(), c5 = KernelVector()
        var ap = a
        var bp = b
        for _ in 0..<depth {
            let w = UnsafeRawPointer(bp).loadUnaligned(as: KernelVector.self)
            c0 += KernelVector(repeating: ap[0]) * w
            c1 += KernelVector(repeating: ap[1]) * w
            c2 += KernelVector(repeating: ap[2]) * w
            c3 += KernelVector(repeating: ap[3]) * w
            c4 += KernelVector(repeating: ap[4]) * w
            c5 += KernelVector(repeating: ap[5]) * w
            ap += 6
            bp += KernelVector.scalarCount
        }
        if rows == 6 && columns == KernelVector.scalarCount {
            store(c0, output, accumulate)
            store(c1, output + stride, accumulate)
            store(c2, output + 2 * stride, accumulate)
            store(c3, output + 3 * stride, accumulate)
            store(c4, output + 4 * stride, accumulate)
            store(c5, output + 5 * stride, accumulate)
            return
        }
        let tile = [c0, c1, c2, c3, c4, c5]
        for r in 0..<rows {
            let line = output + r * stride
            for j in 0..<columns { line[j] = accumulate ? line[j] + tile[r][j] : tile[r][j] }
        }
    }

    @inline(__always)
    private static func store(_ value: KernelVector, _ target: UnsafeMutablePointer<Float>, _ accumulate: Bool) {
        let raw = UnsafeMutableRawPointer(target)
        if accumulate {
            raw.storeBytes(of: raw.loadUnaligned(as: KernelVector.self) + value, as: KernelVector.self)
        } else {
            raw.storeBytes(of: value, as: KernelVector.self)
        }
    }
}

/// A weight matrix (`outputs × inputs`, PyTorch's layout) repacked for `MatrixMultiply`:
/// panels of `panelWidth` output columns, each depth-major, zero-padded at the edge.
final class PackedWeights: @unchecked Sendable {
    /// Output columns per panel.
    static let panelWidth = KernelVector.scalarCount
    let outputs: Int
    let inputs: Int
    let panels: Int
    private let storage: UnsafeMutablePointer<Float>

    /// Packs `weights` (row-major `outputs × inputs`).
    init(_ weights: UnsafePointer<Float>, outputs: Int, inputs: Int) {
        let width = Self.panelWidth
        self.outputs = outputs
        self.inputs = inputs
        panels = (outputs + width - 1) / width
        storage = .allocate(capacity: panels * inputs * width)
        storage.initialize(repeating: 0, count: panels * inputs * width)
        for output in 0..<outputs {
            let panel = storage + (output / width) * inputs * width + output % width
            let row = weights + output * inputs
            for input in 0..<inputs { panel[input * width] = row[input] }
        }
    }

    deinit { storage.deallocate() }

    /// The first value of panel `index`.
    func panel(_ index: Int) -> UnsafePointer<Float> { UnsafePointer(storage + index * inputs * Self.panelWidth) }
}
