import Foundation
import Testing
@testable import ChatMine

@Suite("Embedding models: static backend, loader, kernels")
struct EmbeddingModelTests {
    /// A static model over the tiny tokenizer: token t's vector is (t, 1, 0) for the pieces, zero else.
    static func staticModel(rows: Int = 267) throws -> String {
        let folder = try TinyModelFiles.folder()
        try Data(TinyTokenizer.json().utf8).write(to: URL(fileURLWithPath: (folder as NSString).appendingPathComponent("tokenizer.json")))
        var bits: [UInt16] = []
        for token in 0..<rows {
            // Half-precision: small integers are exact. 0x3C00 = 1.
            bits += token >= 259 ? [Float16(Float(token - 258)).bitPattern, 0x3C00, 0] : [0, 0, 0]
        }
        try TinyModelFiles.writeSafeTensors([.f16("embedding.weight", [rows, 3], bits: bits)],
                                            to: (folder as NSString).appendingPathComponent("tiny_static.safetensors"))
        return folder
    }

    @Test("a static model's vector is the normalised mean of its tokens' vectors; no tokens gives zeros")
    func staticMeanOfTokens() throws {
        let embedder = try loadEmbedder(modelDirectory: try Self.staticModel())
        #expect(embedder is StaticEmbedder)
        #expect(embedder.name == "tiny-static" || embedder.name.hasSuffix("tiny-static"))
        // "ab c" → ▁ab (id 265 → (7, 1, 0)) and ▁c (id 266 → (8, 1, 0)): mean (7.5, 1, 0).
        let matrix = try embedder.embed(["ab c", "", "a"])
        let length = (7.5 * 7.5 + 1).squareRoot()
        let first = matrix.row(0)
        #expect(abs(first[0] - Float(7.5 / length)) < 1e-6 && abs(first[1] - Float(1 / length)) < 1e-6 && first[2] == 0)
        #expect(matrix.row(1) == [0, 0, 0])
        #expect(try embedder.embed([]).rows == 0)
        let third = matrix.row(2)   // ▁a is id 264 → (6, 1, 0)
        #expect(abs(third[0] - Float(6 / 37.0.squareRoot())) < 1e-6)
    }

    @Test("many texts across threads give the same vectors as one at a time")
    func parallelMatchesSerial() throws {
        let embedder = try loadEmbedder(modelDirectory: try Self.staticModel())
        let texts = (0..<5000).map { ["ab c", "a", "c c", "b", "aé"][$0 % 5] }
        let all = try embedder.embed(texts)
        for index in [0, 1, 2, 3, 4, 2049, 4999] {
            #expect(all.row(index) == (try embedder.embed([texts[index]])).row(0))
        }
    }

    @Test("a folder without a model, with weights too small for the tokenizer, or missing, is a clear error")
    func loaderErrors() throws {
        let empty = try TinyModelFiles.folder()
        let none = #expect(throws: ChatMineError.self) { try loadEmbedder(modelDirectory: empty) }
        #expect(none?.message.contains("no .safetensors") == true)
        let small = try Self.staticModel(rows: 100)
        let mismatch = #expect(throws: ChatMineError.self) { try loadEmbedder(modelDirectory: small) }
        #expect(mismatch?.message.contains("267 tokens") == true)
        #expect(throws: ChatMineError.self) { try loadEmbedder(modelDirectory: empty + "/missing") }
        // A BERT layout whose config.json is not JSON.
        let bert = try TinyModelFiles.folder()
        for name in ["config.json", "vocab.txt", "model.safetensors"] {
            try Data("not json".utf8).write(to: URL(fileURLWithPath: (bert as NSString).appendingPathComponent(name)))
        }
        let broken = #expect(throws: ChatMineError.self) { try loadEmbedder(modelDirectory: bert) }
        #expect(broken?.message.contains("config.json") == true)
    }

    @Test("the packed matrix product equals the plain triple loop, edge tiles included")
    func matrixProduct() {
        for (rows, inputs, outputs) in [(1, 1, 1), (7, 5, 9), (13, 300, 17), (250, 37, 8), (6, 520, 24)] {
            let a = (0..<(rows * inputs)).map { Float(($0 * 7) % 11) - 5 }
            let w = (0..<(outputs * inputs)).map { Float(($0 * 3) % 13) - 6 }
            var expected = [Float](repeating: 0, count: rows * outputs)
            for r in 0..<rows {
                for o in 0..<outputs {
                    var total: Float = 0
                    for i in 0..<inputs { total += a[r * inputs + i] * w[o * inputs + i] }
                    expected[r * outputs + o] = total
                }
            }
            let packed = w.withUnsafeBufferPointer { PackedWeights($0.baseAddress!, outputs: outputs, inputs: inputs) }
            var result = [Float](repeating: .nan, count: rows * outputs)
            let scratch = UnsafeMutablePointer<Float>.allocate(capacity: MatrixMultiply.scratchCount)
            defer { scratch.deallocate() }
            a.withUnsafeBufferPointer { input in
                result.withUnsafeMutableBufferPointer { output in
                    MatrixMultiply.multiply(input.baseAddress!, rows: rows, by: packed, into: output.baseAddress!, scratch: scratch)
                }
            }
            // Small integers: every partial sum is exact in float, whatever the order.
            #expect(result == expected, "\(rows)×\(inputs) · \(inputs)×\(outputs)")
        }
    }

    @Test("the vectorised erf behind GELU matches the C library's erf to 4e-7")
    func erfApproximation() {
        var worst: Float = 0
        var x: Float = -6
        while x <= 6 {
            let approx = erf8(SIMD8(repeating: x))[0]
            worst = max(worst, abs(approx - Float(Foundation.erf(Double(x)))))
            x += 0.001
        }
        #expect(worst < 4e-7)
    }
}

@Suite("Embedding files: input texts and vector output")
struct EmbeddingFilesTests {
    @Test("CSV columns with quoted commas, quotes and newlines; plain lines otherwise")
    func readsTexts() throws {
        let folder = try TinyModelFiles.folder()
        let csv = (folder as NSString).appendingPathComponent("texts.csv")
        try Data("text,category\n\"hello, world\",a\n\"two\nlines\",b\n\"say \"\"hi\"\"\",c\n".utf8).write(to: URL(fileURLWithPath: csv))
        #expect(try EmbeddingFiles.readTexts(path: csv, column: nil) == ["hello, world", "two\nlines", "say \"hi\""])
        #expect(try EmbeddingFiles.readTexts(path: csv, column: "category") == ["a", "b", "c"])
        #expect(throws: ChatMineError.self) { try EmbeddingFiles.readTexts(path: csv, column: "label") }
        let plain = (folder as NSString).appendingPathComponent("texts.txt")
        try Data("one\r\ntwo, three\n".utf8).write(to: URL(fileURLWithPath: plain))
        #expect(try EmbeddingFiles.readTexts(path: plain, column: nil) == ["one", "two, three"])
    }

    @Test("npy output has NumPy's header, 64-byte aligned, then little-endian float32 rows")
    func writesNumPy() throws {
        let path = (try TinyModelFiles.folder() as NSString).appendingPathComponent("v.npy")
        try EmbeddingFiles.write(EmbeddingMatrix(rows: 2, columns: 2, values: [1, -1, 0.5, 2]), to: path, format: .npy)
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        #expect(Array(bytes[0..<8]) == [0x93] + Array("NUMPY".utf8) + [1, 0])
        let headerLength = Int(bytes[8]) | Int(bytes[9]) << 8
        #expect((10 + headerLength) % 64 == 0)
        let header = String(decoding: bytes[10..<(10 + headerLength)], as: UTF8.self)
        #expect(header.contains("'shape': (2, 2)") && header.contains("'<f4'") && header.hasSuffix("\n"))
        #expect(Array(bytes[(10 + headerLength)...]) == [Float(1), -1, 0.5, 2].flatMap { TinyModelFiles.bytesOf($0.bitPattern) })
    }
}

@Suite("Embedding kernels: exp")
struct EmbeddingExpTests {
    @Test("the vectorised exp behind the softmax is within 3e-7 relative of the C library's exp")
    func expApproximation() {
        var inputs: [Float] = []
        var x: Float = -87
        while x <= 20 { inputs.append(x); x += 0.0137 }
        var values = inputs
        values.withUnsafeMutableBufferPointer { exponentiate($0.baseAddress!, count: $0.count) }
        var worst: Double = 0
        for (input, value) in zip(inputs, values) {
            let exact = Foundation.exp(Double(input))
            worst = max(worst, abs(Double(value) - exact) / exact)
        }
        #expect(worst < 3e-7)
        var tiny: [Float] = [-200, -100, 0]
        tiny.withUnsafeMutableBufferPointer { exponentiate($0.baseAddress!, count: $0.count) }
        #expect(tiny == [0, 0, 1])
    }
}
