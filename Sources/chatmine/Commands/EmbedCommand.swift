import ChatMine
import Foundation

/// `chatmine embed`: sentence vectors from a pretrained model, for inspection or other tools.
struct EmbedCommand: Command {
    static let spec = CommandSpec(
        name: "embed",
        abstract: "Write sentence-embedding vectors for the texts of a file.",
        discussion: """
            Reads one text per line, or a CSV column (--text-column, default 'text' for .csv files), and \
            writes one L2-normalised vector per text with the model in --embeddings (a static model such \
            as WordLlama, or a BERT encoder such as all-MiniLM-L6-v2; see docs/EMBEDDINGS.md).
            Output format from --format or the --out extension: npy (numpy.load), f32 (raw float32 rows), tsv.
            """,
        arguments: [ArgumentSpec("file", help: "Texts to embed: a text file, a CSV file, or - for stdin.")],
        options: [
            .option("embeddings", value: "dir", help: "Folder of the embedding model (required)."),
            .option("text-column", value: "name", help: "Read the texts from this CSV column."),
            .option("out", short: "o", value: "path", help: "Where to write the vectors (default: TSV to stdout)."),
            .option("format", value: "npy|f32|tsv", help: "Output format (default: from --out's extension, else tsv)."),
            .flag("quiet", short: "q", help: "Do not print the summary line."),
        ])

    let model: String
    let file: String
    let column: String?
    let out: String
    let format: EmbeddingFiles.VectorFormat
    let quiet: Bool

    init(_ arguments: ParsedArguments) throws {
        guard let model = arguments.value("embeddings") else {
            throw UsageError("Missing '--embeddings <dir>': the folder of the embedding model")
        }
        self.model = model
        file = arguments.positionals[0]
        column = arguments.value("text-column")
        out = arguments.value("out") ?? "-"
        let choices = EmbeddingFiles.VectorFormat.allCases.map(\.rawValue)
        if let chosen = try arguments.choice("format", choices).flatMap(EmbeddingFiles.VectorFormat.init(rawValue:)) {
            format = chosen
        } else {
            format = EmbeddingFiles.VectorFormat(path: out) ?? .tsv
        }
        if out == "-", format != .tsv {
            throw UsageError("Binary output (--format \(format.rawValue)) needs --out <path>")
        }
        quiet = arguments.flag("quiet")
    }

    func run() throws -> Int32 {
        let texts = try EmbeddingFiles.readTexts(path: file, column: column)
        let started = Date()
        let embedder = try loadEmbedder(modelDirectory: model)
        let loaded = Date()
        let matrix = try embedder.embed(texts)
        let finished = Date()
        try EmbeddingFiles.write(matrix, to: out, format: format)
        if !quiet {
            let seconds = finished.timeIntervalSince(loaded)
            let rate = seconds > 0 ? Double(texts.count) / seconds : 0
            Terminal.error(String(format: "Embedded %d texts with %@ (%d dimensions) in %.3f s (%.0f texts/s; model loaded in %.3f s)",
                                  texts.count, embedder.name, matrix.columns, seconds, rate, loaded.timeIntervalSince(started)))
        }
        return 0
    }
}
