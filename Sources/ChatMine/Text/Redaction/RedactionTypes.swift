/// How personal data is replaced before text is stored: a kind placeholder, a keyed hash, or not at all.
public enum RedactionMode: String, Sendable, CaseIterable {
    /// Replace each value with its kind, e.g. `[EMAIL]`.
    case mask
    /// Replace each value with its kind and a keyed hash of the normalised value, e.g. `[EMAIL:9f2c41ab]`.
    case hash
    /// Keep the text as it is.
    case none
}

/// A kind of personal data the redactor detects.
public enum PIIKind: String, Sendable, CaseIterable, Hashable, Comparable {
    /// An e-mail address.
    case email
    /// A telephone number (international, North American, Chinese mobile and landline, national with a trunk 0).
    case phone
    /// A payment card number that passes the Luhn check and has a known network prefix.
    case card
    /// An International Bank Account Number that passes the mod-97 check.
    case iban
    /// A Chinese resident identity number (18 characters, ISO 7064 MOD 11-2 check).
    case cnID = "cn_id"
    /// An IPv4 or IPv6 address.
    case ip
    /// A credential in a URL: a sensitive query parameter's value or `user:password@`.
    case secret

    /// The label inside the placeholder: `EMAIL`, `PHONE`, `CARD`, `IBAN`, `CN_ID`, `IP`, `SECRET`.
    public var label: String {
        switch self {
        case .email: "EMAIL"
        case .phone: "PHONE"
        case .card: "CARD"
        case .iban: "IBAN"
        case .cnID: "CN_ID"
        case .ip: "IP"
        case .secret: "SECRET"
        }
    }

    /// The kind whose placeholder label is `label`, if any.
    public init?(label: some StringProtocol) {
        guard let kind = PIIKind.allCases.first(where: { $0.label == label }) else { return nil }
        self = kind
    }

    /// Orders kinds as declared, so statistics print in a stable order.
    public static func < (lhs: PIIKind, rhs: PIIKind) -> Bool {
        lhs.ordinal < rhs.ordinal
    }

    var ordinal: Int {
        switch self {
        case .email: 0
        case .phone: 1
        case .card: 2
        case .iban: 3
        case .cnID: 4
        case .ip: 5
        case .secret: 6
        }
    }
}

/// How many values of each kind were redacted; add them up across messages for run statistics.
public struct RedactionCounts: Sendable, Equatable, CustomStringConvertible {
    private var email = 0, phone = 0, card = 0, iban = 0, cnID = 0, ip = 0, secret = 0

    /// No values found.
    public init() {}

    /// The number of values of `kind`.
    public subscript(kind: PIIKind) -> Int {
        get {
            switch kind {
            case .email: email
            case .phone: phone
            case .card: card
            case .iban: iban
            case .cnID: cnID
            case .ip: ip
            case .secret: secret
            }
        }
        set {
            switch kind {
            case .email: email = newValue
            case .phone: phone = newValue
            case .card: card = newValue
            case .iban: iban = newValue
            case .cnID: cnID = newValue
            case .ip: ip = newValue
            case .secret: secret = newValue
            }
        }
    }

    /// The number of values of all kinds.
    public var total: Int { email + phone + card + iban + cnID + ip + secret }

    /// Whether nothing was found.
    public var isEmpty: Bool { total == 0 }

    /// Adds another message's (or run's) counts to these.
    public static func += (lhs: inout RedactionCounts, rhs: RedactionCounts) {
        for kind in PIIKind.allCases { lhs[kind] += rhs[kind] }
    }

    /// `email=2 phone=1`, kinds with a zero count left out.
    public var description: String {
        let parts = PIIKind.allCases.filter { self[$0] > 0 }.map { "\($0.rawValue)=\(self[$0])" }
        return parts.isEmpty ? "none" : parts.joined(separator: " ")
    }
}

extension RedactionCounts: Codable {
    private struct Key: CodingKey {
        let stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    /// Reads `{"email": 2, "phone": 1, …}`; kinds left out count zero.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Key.self)
        self.init()
        for kind in PIIKind.allCases {
            self[kind] = try container.decodeIfPresent(Int.self, forKey: Key(stringValue: kind.rawValue)) ?? 0
        }
    }

    /// Writes `{"email": 2, "phone": 1, …}` with every kind, keyed by the kinds' raw values.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        for kind in PIIKind.allCases { try container.encode(self[kind], forKey: Key(stringValue: kind.rawValue)) }
    }
}

/// A redacted text together with what was found in it.
public struct RedactionResult: Sendable, Equatable {
    /// The text with placeholders in place of the values.
    public let text: String
    /// How many values of each kind were replaced.
    public let counts: RedactionCounts
}

/// One detected value: its kind and where it is in the original text.
public struct PIIFinding: Sendable, Equatable {
    /// What kind of personal data it is.
    public let kind: PIIKind
    /// The value's range in the text it was found in.
    public let range: Range<String.Index>
    /// The value's range as UTF-8 byte offsets into the text.
    public let utf8Offsets: Range<Int>
}
