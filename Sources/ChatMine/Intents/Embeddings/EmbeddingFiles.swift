import Foundation

/// Reading texts to embed and writing vectors, for `chatmine embed`.
public enum EmbeddingFiles {
    /// The formats vectors can be written in.
    public enum VectorFormat: String, CaseIterable, Sendable {
        /// NumPy `.npy`, float32, shape (rows, columns): `numpy.load` reads it.
        case npy
        /// Raw little-endian float32, row after row.
        case f32
        /// One row per line, values separated by tabs.
        case tsv

        /// The format a file name's extension implies, if any.
        public init?(path: String) {
            self.init(rawValue: (path as NSString).pathExtension.lowercased())
        }
    }

    /// The texts of `path` ("-" for standard input): with `column`, or for a `.csv` file, the
    /// named column of a CSV file with a header row (default "text"); otherwise one text per line.
    public static func readTexts(path: String, column: String?) throws -> [String] {
        let data: Data
        if path == "-" {
            data = FileHandle.standardInput.readDataToEndOfFile()
        } else {
            guard let contents = FileManager.default.contents(atPath: path) else {
                throw ChatMineError("Cannot read \(path)", hint: "Check the file name.")
            }
            data = contents
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ChatMineError("\(path) is not UTF-8 text", hint: "Convert the file to UTF-8.")
        }
        let isCSV = column != nil || (path as NSString).pathExtension.lowercased() == "csv"
        guard isCSV else {
            return textLines(text)
        }
        let records = CSVText.rows(text)
        guard let header = records.first else { return [] }
        let wanted = column ?? "text"
        guard let index = header.firstIndex(of: wanted) else {
            throw ChatMineError("\(path) has no column '\(wanted)' (columns: \(header.joined(separator: ", ")))",
                                hint: "Name the column with --text-column.")
        }
        return records.dropFirst().filter { $0 != [""] }.map { index < $0.count ? $0[index] : "" }
    }

    /// Writes `matrix` to `path` ("-" for standard output) in `format`.
    public static func write(_ matrix: EmbeddingMatrix, to path: String, format: VectorFormat) throws {
        var data = Data()
        switch format {
        case .npy:
            var header = "{'descr': '<f4', 'fortran_order': False, 'shape': (\(matrix.rows), \(matrix.columns)), }"
            let unpadded = 10 + header.utf8.count + 1
            header += String(repeating: " ", count: (64 - unpadded % 64) % 64) + "\n"
            data.append(contentsOf: [0x93] + Array("NUMPY".utf8) + [1, 0])
            let length = UInt16(header.utf8.count)
            data.append(contentsOf: [UInt8(length & 0xFF), UInt8(length >> 8)])
            data.append(contentsOf: Array(header.utf8))
            appendFloats(matrix.values, to: &data)
        case .f32:
            appendFloats(matrix.values, to: &data)
        case .tsv:
            var text = ""
            for row in 0..<matrix.rows {
                text += matrix.row(row).map { "\($0)" }.joined(separator: "\t") + "\n"
            }
            data = Data(text.utf8)
        }
        if path == "-" {
            FileHandle.standardOutput.write(data)
        } else if !FileManager.default.createFile(atPath: path, contents: data) {
            throw ChatMineError("Cannot write \(path)", hint: "Check that the folder exists and is writable.")
        }
    }

    private static func appendFloats(_ values: [Float], to data: inout Data) {
        values.map { $0.bitPattern.littleEndian }.withUnsafeBytes { data.append(contentsOf: $0) }
    }
}

/// The lines of `text`, split at "\n" with a trailing "\r" removed; no final empty line.
func textLines(_ text: String) -> [String] {
    // Split the UTF-8 bytes: as Characters, "\r\n" is one grapheme and never equals "\n".
    var lines = text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map { line in
        String(decoding: line.last == UInt8(ascii: "\r") ? line.dropLast() : line, as: UTF8.self)
    }
    if lines.last == "" { lines.removeLast() }
    return lines
}
