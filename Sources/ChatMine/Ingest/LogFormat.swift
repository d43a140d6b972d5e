/// What a reader needs besides the bytes: the field mapping and timestamp policy.
public struct ReaderContext: Sendable {
    public var fields: FieldMap
    /// Offset for ISO timestamps without a zone; nil rejects them.
    public var naiveOffsetSeconds: Int?
    /// The latest accepted timestamp.
    public var latest: Int64

    public init(fields: FieldMap = FieldMap(), naiveOffsetSeconds: Int? = nil, latest: Int64 = Timestamp.now() + 366 * 86_400_000) {
        self.fields = fields
        self.naiveOffsetSeconds = naiveOffsetSeconds
        self.latest = latest
    }

    /// The generic decoder configured the same way.
    public var genericDecoder: GenericRecordDecoder {
        GenericRecordDecoder(fields: fields, naiveOffsetSeconds: naiveOffsetSeconds, latest: latest)
    }
}

/// Decodes the records of one input format. A reader is created per file and may keep state
/// (a CSV header, a conversation's running context).
public protocol LogReader {
    /// Decodes one framed record into turns and events; throws the reason it is rejected.
    /// `position` is the 0-based record index within the file.
    mutating func decode(_ record: UnsafeBufferPointer<UInt8>, position: Int) throws(RecordRejection) -> [LogRecord]
}

/// The first bytes of a file and its name, for recognising its format.
public struct FormatSample: Sendable {
    /// Up to 64 KiB from the start (decompressed), as read.
    public let rawHead: [UInt8]
    /// The same without a byte-order mark.
    public var bytes: [UInt8] {
        rawHead.starts(with: [0xEF, 0xBB, 0xBF]) ? Array(rawHead.dropFirst(3)) : rawHead
    }
    /// The file name, lower-cased, without a trailing ".gz".
    public let name: String
    /// Whether the file is gzip-compressed.
    public let compressed: Bool

    public init(rawHead: [UInt8], name: String, compressed: Bool = false) {
        self.rawHead = rawHead
        self.name = name
        self.compressed = compressed
    }

    /// The first non-blank line, as text.
    public var firstLine: String {
        let text = String(decoding: bytes.prefix(16_384), as: UTF8.self)
        return text.split(whereSeparator: \.isNewline).first { !$0.trimmingCharacters(in: .whitespaces).isEmpty }.map(String.init) ?? ""
    }

    /// The first JSON value of a JSONL sample (its first line), if it parses.
    public var firstJSONLine: JSONValue? { try? JSONParser.parse(firstLine) }

    /// The first character that is not white space.
    public var firstSignificantByte: UInt8? {
        bytes.first { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 }
    }
}

/// An input format: its name for `--format`, framing, recogniser and reader.
public struct LogFormat: Sendable {
    public let name: String
    public let framing: Framing
    /// Whether resuming in the middle of a file needs the file's first record again (a CSV header).
    public let needsFirstRecordOnResume: Bool
    /// Whether the sample looks like this format (for `--format auto`).
    public let recognises: @Sendable (FormatSample) -> Bool
    /// A fresh reader for one file.
    public let makeReader: @Sendable (ReaderContext) -> any LogReader

    public init(name: String, framing: Framing, needsFirstRecordOnResume: Bool = false,
                recognises: @escaping @Sendable (FormatSample) -> Bool,
                makeReader: @escaping @Sendable (ReaderContext) -> any LogReader) {
        self.name = name
        self.framing = framing
        self.needsFirstRecordOnResume = needsFirstRecordOnResume
        self.recognises = recognises
        self.makeReader = makeReader
    }
}

/// The formats chatmine reads. `auto` tries the platform formats first, the generic ones last.
public enum LogFormats {
    /// Every format, in the order `--format auto` tries them.
    public static let all: [LogFormat] = platform + [GenericJSONLReader.format, GenericCSVReader.format]

    /// Platform export formats (OpenAI, Rasa, Lex, Dialogflow CX, Bot Framework).
    static let platform: [LogFormat] = [BotFrameworkTranscriptReader.format, RasaTrackerReader.format, RasaTrackerReader.documentFormat, LexConversationLogReader.format, LexConversationLogReader.documentFormat, DialogflowCXReader.format, DialogflowCXReader.documentFormat, OpenAIChatReader.format, OpenAIChatReader.documentFormat]

    /// Formats whose logs never carry NLU results (LLM chat transcripts): a user turn without an
    /// intent there says nothing about understanding, so it is not counted as a fallback.
    public static let withoutNLU: Set<String> = ["openai", "openai-json"]

    /// Names accepted by `--format`.
    public static var names: [String] { ["auto"] + all.map(\.name) }

    /// The format with this name.
    public static func named(_ name: String) -> LogFormat? {
        all.first { $0.name == name }
    }

    /// The format a sample looks like, or nil when none recognises it.
    public static func recognise(_ sample: FormatSample) -> LogFormat? {
        all.first { $0.recognises(sample) }
    }
}

import Foundation
