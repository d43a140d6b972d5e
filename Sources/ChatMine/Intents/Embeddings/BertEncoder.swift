import Foundation

/// Runs a BERT encoder over a batch of token sequences packed end to end (no padding: the dense
/// layers see only real tokens, attention runs per sequence) and pools each into one vector.
/// One encoder per worker thread: it owns its scratch buffers.
final class BertEncoder {
    let config: BertConfig
    let weights: BertWeights
    private var capacity = 0
    private var hidden = Buffer()
    private var queryKeyValue = Buffer()
    private var context = Buffer()
    private var temporary = Buffer()
    private var intermediate = Buffer()
    private var scores = Buffer()
    private var keys = Buffer()
    private let scratch: UnsafeMutablePointer<Float>

    init(config: BertConfig, weights: BertWeights) {
        self.config = config
        self.weights = weights
        scratch = .allocate(capacity: MatrixMultiply.scratchCount)
    }

    deinit { scratch.deallocate() }

    /// Writes the pooled, L2-normalised vector of each sequence to `output(index)`.
    func encode(_ sequences: [[Int32]], output: (Int) -> UnsafeMutablePointer<Float>) {
        let h = config.hiddenSize
        let tokens = sequences.reduce(0) { $0 + $1.count }
        guard tokens > 0 else { return }
        reserve(tokens: tokens, longest: sequences.map(\.count).max() ?? 0)
        embed(sequences)
        for layer in weights.layers {
            layer.queryKeyValue.apply(hidden.pointer, rows: tokens, into: queryKeyValue.pointer, scratch: scratch)
            attend(sequences)
            layer.attentionOutput.apply(context.pointer, rows: tokens, into: temporary.pointer, scratch: scratch)
            addAndNormalize(temporary.pointer, into: hidden.pointer, rows: tokens, layer.attentionNorm)
            layer.intermediate.apply(hidden.pointer, rows: tokens, into: intermediate.pointer, scratch: scratch)
            gelu(intermediate.pointer, count: tokens * config.intermediateSize)
            layer.output.apply(intermediate.pointer, rows: tokens, into: temporary.pointer, scratch: scratch)
            addAndNormalize(temporary.pointer, into: hidden.pointer, rows: tokens, layer.outputNorm)
        }
        var start = 0
        for (index, sequence) in sequences.enumerated() {
            pool(rows: start, count: sequence.count, into: output(index))
            normalizeRows(output(index), rows: 1, columns: h)
            start += sequence.count
        }
    }

    // MARK: - Steps

    private func reserve(tokens: Int, longest: Int) {
        let padded = (longest + 7) / 8 * 8
        guard tokens > capacity || padded > scores.count else { return }
        capacity = max(tokens, capacity)
        let h = config.hiddenSize
        hidden.resize(capacity * h)
        queryKeyValue.resize(capacity * 3 * h)
        context.resize(capacity * h)
        temporary.resize(capacity * h)
        intermediate.resize(capacity * config.intermediateSize)
        scores.resize(padded)
        keys.resize(padded * config.headSize)
    }

    /// Word + position + token-type (0) embeddings, then layer norm.
    private func embed(_ sequences: [[Int32]]) {
        let h = config.hiddenSize
        let words = weights.wordEmbeddings.pointer
        let positions = weights.positionEmbeddings.pointer
        let types = weights.tokenTypeEmbeddings.pointer
        let lastWord = Int32(config.vocabularySize - 1)
        var row = 0
        for sequence in sequences {
            for (position, id) in sequence.enumerated() {
                let target = hidden.pointer + row * h
                let word = words + Int(min(max(id, 0), lastWord)) * h
                let place = positions + position * h
                for column in 0..<h { target[column] = word[column] + place[column] + types[column] }
                row += 1
            }
        }
        layerNorm(hidden.pointer, rows: row, weights.embeddingNorm)
    }

    /// Multi-head self-attention of each sequence over itself, into `context`. Per head, the keys
    /// are transposed (head size × length, padded to whole vectors) so each query's scores come
    /// out as vectors over the keys, with no horizontal sums.
    private func attend(_ sequences: [[Int32]]) {
        let h = config.hiddenSize
        let size = config.headSize
        let stride = 3 * h
        let scale = 1 / Float(size).squareRoot()
        let qkv = queryKeyValue.pointer
        let row = scores.pointer
        let transposed = keys.pointer
        var start = 0
        for sequence in sequences {
            let length = sequence.count
            let padded = (length + 7) / 8 * 8
            for head in 0..<config.heads {
                let queries = qkv + start * stride + head * size
                let values = queries + 2 * h
                for d in 0..<size {
                    let line = transposed + d * padded
                    for j in 0..<length { line[j] = queries[j * stride + h + d] }
                    for j in length..<padded { line[j] = 0 }
                }
                for i in 0..<length {
                    let query = queries + i * stride
                    queryScores(query, scale: scale, keys: transposed, size: size, padded: padded, into: row)
                    var largest = -Float.infinity
                    for j in 0..<length { largest = max(largest, row[j]) }
                    for j in 0..<length { row[j] -= largest }
                    exponentiate(row, count: length)
                    let inverse = 1 / sum(row, count: length)
                    for j in 0..<length { row[j] *= inverse }
                    weightedSum(row, count: length, values: values, stride: stride, size: size,
                                into: context.pointer + (start + i) * h + head * size)
                }
            }
            start += length
        }
    }

    /// `row[j] = scale · query · key_j` for `padded` keys stored transposed (`size × padded`).
    @inline(__always)
    private func queryScores(_ query: UnsafePointer<Float>, scale: Float, keys: UnsafePointer<Float>, size: Int,
                             padded: Int, into row: UnsafeMutablePointer<Float>) {
        var j = 0
        while j < padded {
            var total = SIMD8<Float>()
            for d in 0..<size {
                total += SIMD8(repeating: query[d]) * UnsafeRawPointer(keys + d * padded + j).loadUnaligned(as: SIMD8<Float>.self)
            }
            UnsafeMutableRawPointer(row + j).storeBytes(of: total * scale, as: SIMD8<Float>.self)
            j += 8
        }
    }

    /// `target = Σ_j weights[j] · value_j` over one head's `size` columns.
    @inline(__always)
    private func weightedSum(_ weights: UnsafePointer<Float>, count: Int, values: UnsafePointer<Float>, stride: Int,
                             size: Int, into target: UnsafeMutablePointer<Float>) {
        var d = 0
        while d + 16 <= size {
            var low = SIMD8<Float>(), high = SIMD8<Float>()
            for j in 0..<count {
                let value = UnsafeRawPointer(values + j * stride + d)
                let weight = SIMD8(repeating: weights[j])
                low += weight * value.loadUnaligned(as: SIMD8<Float>.self)
                high += weight * value.loadUnaligned(fromByteOffset: 32, as: SIMD8<Float>.self)
            }
            UnsafeMutableRawPointer(target + d).storeBytes(of: low, as: SIMD8<Float>.self)
            UnsafeMutableRawPointer(target + d + 8).storeBytes(of: high, as: SIMD8<Float>.self)
            d += 16
        }
        while d < size {
            var total: Float = 0
            for j in 0..<count { total += weights[j] * values[j * stride + d] }
            target[d] = total
            d += 1
        }
    }

    /// `hidden = LayerNorm(hidden + residual)`.
    private func addAndNormalize(_ residual: UnsafePointer<Float>, into target: UnsafeMutablePointer<Float>, rows: Int,
                                 _ norm: LayerNormWeights) {
        let count = rows * config.hiddenSize
        for index in 0..<count { target[index] += residual[index] }
        layerNorm(target, rows: rows, norm)
    }

    private func layerNorm(_ values: UnsafeMutablePointer<Float>, rows: Int, _ norm: LayerNormWeights) {
        let h = config.hiddenSize
        let gamma = norm.gamma.pointer
        let beta = norm.beta.pointer
        for row in 0..<rows {
            let line = values + row * h
            let mean = sum(line, count: h) / Float(h)
            var variance: Float = 0
            for column in 0..<h {
                let centred = line[column] - mean
                variance += centred * centred
            }
            variance /= Float(h)
            let inverse = 1 / (variance + config.layerNormEpsilon).squareRoot()
            for column in 0..<h { line[column] = (line[column] - mean) * inverse * gamma[column] + beta[column] }
        }
    }

    /// Mean (or [CLS], or max) of one sequence's final hidden states.
    private func pool(rows start: Int, count: Int, into target: UnsafeMutablePointer<Float>) {
        let h = config.hiddenSize
        let first = hidden.pointer + start * h
        switch config.pooling {
        case .cls:
            target.update(from: first, count: h)
        case .max:
            target.update(from: first, count: h)
            for row in 1..<max(count, 1) {
                let line = first + row * h
                for column in 0..<h { target[column] = max(target[column], line[column]) }
            }
        case .mean:
            for column in 0..<h { target[column] = 0 }
            for row in 0..<count {
                let line = first + row * h
                for column in 0..<h { target[column] += line[column] }
            }
            let scale = 1 / Float(max(count, 1))
            for column in 0..<h { target[column] *= scale }
        }
    }
}

/// A growable float buffer owned by one encoder.
private struct Buffer {
    private(set) var pointer = UnsafeMutablePointer<Float>.allocate(capacity: 1)
    private(set) var count = 0

    mutating func resize(_ newCount: Int) {
        guard newCount > count else { return }
        pointer.deallocate()
        pointer = .allocate(capacity: newCount)
        count = newCount
    }
}
