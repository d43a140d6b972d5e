/// Dense vectors, one row per text, stored row-major in one flat array.
public struct EmbeddingMatrix: Sendable {
    /// Number of rows (texts).
    public let rows: Int
    /// Number of columns (dimensions).
    public let columns: Int
    /// `rows × columns` values, row-major.
    public var values: [Float]

    public init(rows: Int, columns: Int, values: [Float]) {
        precondition(values.count == rows * columns, "EmbeddingMatrix: \(values.count) values for \(rows)×\(columns)")
        self.rows = rows
        self.columns = columns
        self.values = values
    }

    /// A copy of one row.
    public func row(_ index: Int) -> [Float] {
        Array(values[(index * columns)..<((index + 1) * columns)])
    }
}

/// Turns utterances into vectors for intent discovery. The built-in TF-IDF vectoriser is one;
/// pretrained sentence-embedding models plug in behind the same protocol.
public protocol Embedder {
    /// A short name stamped into outputs, e.g. "tfidf" or "wordllama-l2-supercat-256".
    var name: String { get }
    /// Vectors for `texts`, L2-normalised, one row per text in the same order.
    func embed(_ texts: [String]) throws -> EmbeddingMatrix
}
