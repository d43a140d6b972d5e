/// A linear layer `y = x · Wᵀ + b` with its weights ready for the matrix-product routine in use.
final class DenseLayer: @unchecked Sendable {
    let outputs: Int
    let inputs: Int
    private let weights: FloatStorage
    private let packed: PackedWeights?
    private let bias: FloatStorage
    private let blas: RuntimeBLAS?

    /// A layer from row-major `outputs × inputs` weights and `outputs` biases.
    init(weights: FloatStorage, bias: FloatStorage, outputs: Int, inputs: Int, blas: RuntimeBLAS?) {
        self.outputs = outputs
        self.inputs = inputs
        self.weights = weights
        self.bias = bias
        self.blas = blas
        packed = blas == nil ? PackedWeights(weights.pointer, outputs: outputs, inputs: inputs) : nil
    }

    /// `output[rows × outputs] = input[rows × inputs] · Wᵀ + b`.
    func apply(_ input: UnsafePointer<Float>, rows: Int, into output: UnsafeMutablePointer<Float>,
               scratch: UnsafeMutablePointer<Float>) {
        if let packed {
            MatrixMultiply.multiply(input, rows: rows, by: packed, into: output, scratch: scratch)
        } else if let blas {
            blas.multiply(input, rows: rows, weights: weights.pointer, outputs: outputs, inputs: inputs, into: output)
        }
        let b = bias.pointer
        for row in 0..<rows {
            let line = output + row * outputs
            for column in 0..<outputs { line[column] += b[column] }
        }
    }
}

/// Layer normalisation's scale and shift.
struct LayerNormWeights: @unchecked Sendable {
    let gamma: FloatStorage
    let beta: FloatStorage
}

/// One encoder layer's weights.
struct BertLayerWeights: @unchecked Sendable {
    /// Query, key and value projections fused into one `3H × H` layer.
    let queryKeyValue: DenseLayer
    let attentionOutput: DenseLayer
    let attentionNorm: LayerNormWeights
    let intermediate: DenseLayer
    let output: DenseLayer
    let outputNorm: LayerNormWeights
}

/// All weights of a BERT encoder, read from `model.safetensors` (names as in Hugging Face's
/// `BertModel`, with or without the "bert." prefix).
struct BertWeights: @unchecked Sendable {
    let wordEmbeddings: FloatStorage
    let positionEmbeddings: FloatStorage
    let tokenTypeEmbeddings: FloatStorage
    let embeddingNorm: LayerNormWeights
    let layers: [BertLayerWeights]
    /// Whether the matrix products go through a run-time BLAS.
    let usesBLAS: Bool

    /// Reads and checks every tensor against `config`.
    init(file: SafeTensorsFile, config: BertConfig, blas: RuntimeBLAS?) throws {
        let prefix = file.tensors["embeddings.word_embeddings.weight"] == nil && file.tensors["bert.embeddings.word_embeddings.weight"] != nil ? "bert." : ""
        let h = config.hiddenSize
        let i = config.intermediateSize
        func tensor(_ name: String, _ shape: [Int]) throws -> FloatStorage {
            try file.floats(prefix + name, shape: shape)
        }
        func norm(_ name: String) throws -> LayerNormWeights {
            LayerNormWeights(gamma: try tensor(name + ".weight", [h]), beta: try tensor(name + ".bias", [h]))
        }
        func dense(_ name: String, _ outputs: Int, _ inputs: Int) throws -> DenseLayer {
            DenseLayer(weights: try tensor(name + ".weight", [outputs, inputs]), bias: try tensor(name + ".bias", [outputs]),
                       outputs: outputs, inputs: inputs, blas: blas)
        }
        wordEmbeddings = try tensor("embeddings.word_embeddings.weight", [config.vocabularySize, h])
        positionEmbeddings = try tensor("embeddings.position_embeddings.weight", [config.maxPositions, h])
        tokenTypeEmbeddings = try tensor("embeddings.token_type_embeddings.weight", [config.typeVocabularySize, h])
        embeddingNorm = try norm("embeddings.LayerNorm")
        var layers: [BertLayerWeights] = []
        for index in 0..<config.layers {
            let base = "encoder.layer.\(index)."
            let parts = try ["query", "key", "value"].map { name in
                (try tensor(base + "attention.self.\(name).weight", [h, h]), try tensor(base + "attention.self.\(name).bias", [h]))
            }
            let fusedWeights = FloatStorage(count: 3 * h * h) { target in
                for (index, part) in parts.enumerated() { (target + index * h * h).update(from: part.0.pointer, count: h * h) }
            }
            let fusedBias = FloatStorage(count: 3 * h) { target in
                for (index, part) in parts.enumerated() { (target + index * h).update(from: part.1.pointer, count: h) }
            }
            layers.append(BertLayerWeights(
                queryKeyValue: DenseLayer(weights: fusedWeights, bias: fusedBias, outputs: 3 * h, inputs: h, blas: blas),
                attentionOutput: try dense(base + "attention.output.dense", h, h),
                attentionNorm: try norm(base + "attention.output.LayerNorm"),
                intermediate: try dense(base + "intermediate.dense", i, h),
                output: try dense(base + "output.dense", h, i),
                outputNorm: try norm(base + "output.LayerNorm")))
        }
        self.layers = layers
        usesBLAS = blas != nil
    }
}
