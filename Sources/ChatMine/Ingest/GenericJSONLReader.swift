/// The generic JSON Lines format: one flat object per line with the common field names.
public struct GenericJSONLReader: LogReader {
    /// `--format jsonl`.
    public static let format = LogFormat(
        name: "jsonl",
        framing: .lines,
        recognises: { sample in
            sample.firstSignificantByte == UInt8(ascii: "{")
        },
        makeReader: { GenericJSONLReader(decoder: $0.genericDecoder) }
    )

    let decoder: GenericRecordDecoder

    public mutating func decode(_ record: UnsafeBufferPointer<UInt8>, position: Int) throws(RecordRejection) -> [LogRecord] {
        if decoder.fields.hasNestedOverrides {
            let value: JSONValue
            do {
                value = try JSONParser.parse(record)
            } catch {
                throw RecordRejection("invalid JSON: \(error)")
            }
            return [try decoder.decode(value)]
        }
        let values: FieldValues
        do {
            values = try FlatRecordParser.values(record, fields: decoder.fields)
        } catch {
            if error.message == "record is not a JSON object" { throw RecordRejection(error.message) }
            throw RecordRejection("invalid JSON: \(error)")
        }
        return [try decoder.decode(values)]
    }
}

/// The generic CSV format: a header row naming the common fields, then one record per row.
public struct GenericCSVReader: LogReader {
    /// `--format csv`.
    public static let format = LogFormat(
        name: "csv",
        framing: .csv,
        needsFirstRecordOnResume: true,
        recognises: { sample in
            if sample.name.hasSuffix(".csv") { return true }
            let first = sample.firstLine.lowercased()
            return first.contains(",") && !first.hasPrefix("{") && !first.hasPrefix("[")
        },
        makeReader: { GenericCSVReader(decoder: $0.genericDecoder) }
    )

    let decoder: GenericRecordDecoder
    private var header: [String]?

    init(decoder: GenericRecordDecoder) {
        self.decoder = decoder
    }

    public mutating func decode(_ record: UnsafeBufferPointer<UInt8>, position: Int) throws(RecordRejection) -> [LogRecord] {
        if record.contains(0) { throw RecordRejection("NUL byte in CSV record") }
        let fields = try CSVRecord.fields(record)
        guard let header else {
            let names = fields.map { $0.trimmingCharacters(in: .whitespaces) }
            guard names.contains(where: { !$0.isEmpty }) else { throw RecordRejection("empty CSV header") }
            self.header = names
            return []
        }
        guard fields.count == header.count else {
            throw RecordRejection("CSV record has \(fields.count) fields, the header has \(header.count)")
        }
        var values = FieldValues()
        for (name, value) in zip(header, fields) where !value.isEmpty {
            if let target = decoder.fields.keyTable[name] {
                values.offer(.string(value), field: target.field, rank: target.rank)
            }
        }
        return [try decoder.decode(values)]
    }
}

import Foundation
