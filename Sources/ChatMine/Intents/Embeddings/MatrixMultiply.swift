/// The register-tile vector of the matrix kernel. Portable builds use 8 floats (two SSE registers
/// per value); builds for the build machine's AVX2/AVX-512 (Package.swift defines CHATMINE_SIMD16
/// and passes the instruction-set flags, see docs/EMBEDDINGS.md) use 16, which with FMA triples to
/// quintuples the throughput.
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
    /// Output rows per kernel tile: as many accumulators as the registers hold (12 SSE or AVX2
    /// registers for 6 rows; 12 of AVX-512's 32 registers for 12 rows).
    #if CHATMINE_BUILT_AVX512
    static let microRows = 12
    #else
    static let microRows = 6
    #endif
    /// Input columns (depth) per packed slice, so one weight panel slice stays in L1.
    static let depthBlock = 256
    /// Input rows per outer block (a multiple of `microRows`), so the packed input slice stays in L2.
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
                        let tile = Tile(output: output + (rowStart + row) * n + column, stride: n,
                                        rows: min(microRows, blockRows - row), columns: columns,
                                        accumulate: depthStart > 0)
                        kernel(scratch + micro * microRows * depth, panelWeights, depth: depth, tile)
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
    /// depth-major, the rows' values side by side (missing rows as zeros). Written column by
    /// column, so the stores are sequential (row by row, the compiler vectorises into scatters).
    @inline(__always)
    private static func packInput(_ source: UnsafePointer<Float>, rows: Int, depth: Int, stride: Int,
                                  into target: UnsafeMutablePointer<Float>) {
        var micro = 0
        while micro < rows {
            let panel = target + micro * depth
            let first = source + micro * stride
            let count = min(microRows, rows - micro)
            if count == microRows {
                for d in 0..<depth {
                    let column = panel + d * microRows
                    for r in 0..<microRows { column[r] = first[r * stride + d] }
                }
            } else {
                for d in 0..<depth {
                    let column = panel + d * microRows
                    for r in 0..<microRows { column[r] = r < count ? first[r * stride + d] : 0 }
                }
            }
            micro += microRows
        }
    }

    /// Where one kernel tile goes in the output.
    private struct Tile {
        let output: UnsafeMutablePointer<Float>
        let stride: Int
        let rows: Int
        let columns: Int
        /// Add to the output (a later depth slice) instead of overwriting it.
        let accumulate: Bool
    }

    /// `sum + a · w`: one fused multiply-add where the build has FMA, else multiply then add
    /// (never a libm `fma` call, which baseline x86-64 would make).
    @inline(__always)
    private static func multiplyAdd(_ sum: inout KernelVector, _ a: Float, _ w: KernelVector) {
        #if CHATMINE_BUILT_AVX2
        sum = sum.addingProduct(KernelVector(repeating: a), w)
        #else
        sum += KernelVector(repeating: a) * w
        #endif
    }

    #if CHATMINE_BUILT_AVX512
    /// One 12 × `panelWidth` output tile over `depth`: broadcast each input value, multiply by the
    /// weight row, accumulate in twelve vectors.
    @inline(__always)
    private static func kernel(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, depth: Int, _ tile: Tile) {
        var c0 = KernelVector(), c1 = KernelVector(), c2 = KernelVector(), c3 = KernelVector()
        var c4 = KernelVector(), c5 = KernelVector(), c6 = KernelVector(), c7 = KernelVector()
        var c8 = KernelVector(), c9 = KernelVector(), c10 = KernelVector(), c11 = KernelVector()
        var ap = a
        var bp = b
        for _ in 0..<depth {
            let w = UnsafeRawPointer(bp).loadUnaligned(as: KernelVector.self)
            multiplyAdd(&c0, ap[0], w)
            multiplyAdd(&c1, ap[1], w)
            multiplyAdd(&c2, ap[2], w)
            multiplyAdd(&c3, ap[3], w)
            multiplyAdd(&c4, ap[4], w)
            multiplyAdd(&c5, ap[5], w)
            multiplyAdd(&c6, ap[6], w)
            multiplyAdd(&c7, ap[7], w)
            multiplyAdd(&c8, ap[8], w)
            multiplyAdd(&c9, ap[9], w)
            multiplyAdd(&c10, ap[10], w)
            multiplyAdd(&c11, ap[11], w)
            ap += 12
            bp += KernelVector.scalarCount
        }
        write((c0, c1, c2, c3, c4, c5, c6, c7, c8, c9, c10, c11), to: tile)
    }
    #else
    /// One 6 × `panelWidth` output tile over `depth`: broadcast each input value, multiply by the
    /// weight row, accumulate in six vectors.
    @inline(__always)
    private static func kernel(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, depth: Int, _ tile: Tile) {
        var c0 = KernelVector(), c1 = KernelVector(), c2 = KernelVector()
        var c3 = KernelVector(), c4 = KernelVector(), c5 = KernelVector()
        var ap = a
        var bp = b
        for _ in 0..<depth {
            let w = UnsafeRawPointer(bp).loadUnaligned(as: KernelVector.self)
            multiplyAdd(&c0, ap[0], w)
            multiplyAdd(&c1, ap[1], w)
            multiplyAdd(&c2, ap[2], w)
            multiplyAdd(&c3, ap[3], w)
            multiplyAdd(&c4, ap[4], w)
            multiplyAdd(&c5, ap[5], w)
            ap += 6
            bp += KernelVector.scalarCount
        }
        write((c0, c1, c2, c3, c4, c5), to: tile)
    }
    #endif

    /// Stores (or adds) the accumulators, a tuple of `microRows` vectors, into the tile's rows.
    @inline(__always)
    private static func write<Rows>(_ accumulators: Rows, to tile: Tile) {
        withUnsafeBytes(of: accumulators) { raw in
            let vectors = raw.bindMemory(to: KernelVector.self)
            if tile.columns == KernelVector.scalarCount {
                for r in 0..<tile.rows {
                    let target = UnsafeMutableRawPointer(tile.output + r * tile.stride)
                    let value = tile.accumulate ? target.loadUnaligned(as: KernelVector.self) + vectors[r] : vectors[r]
                    target.storeBytes(of: value, as: KernelVector.self)
                }
                return
            }
            for r in 0..<tile.rows {
                let line = tile.output + r * tile.stride
                for j in 0..<tile.columns { line[j] = tile.accumulate ? line[j] + vectors[r][j] : vectors[r][j] }
            }
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
