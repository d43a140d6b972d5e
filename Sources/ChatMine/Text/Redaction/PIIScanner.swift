/// One value found by the scanner, as UTF-8 byte offsets into the scanned text.
struct PIIMatch: Sendable, Equatable {
    var start: Int
    var end: Int
    var kind: PIIKind
    /// Which phone shape matched, so hash mode can normalise numbers to one international form.
    var phoneShape: PhoneShape = .national
}

/// How a phone number was written, which decides its normalised (hashed) form.
enum PhoneShape: Sendable, Equatable {
    /// `+CC …`: normalised to `+` and the digits.
    case international
    /// A Chinese mobile without prefix: normalised to `+86` and the digits.
    case chineseMobile
    /// A North American number without `+`: normalised to `+1` and the ten digits.
    case northAmerican
    /// A national number with a trunk 0 (country unknown): normalised to its digits.
    case national
}

/// A single forward pass over the UTF-8 bytes of one text that finds personal data.
///
/// Work happens only at trigger bytes — a digit run, `+`, `(`, `@`, `%`, `:`, `=`, `.`, `-`, `_`
/// and the lead byte of full-width forms — so a message
/// without any of them costs one byte loop. Each detector validates a candidate in place (shape,
/// boundaries, check digits) without building strings. Matches come out sorted and disjoint: a
/// later detector that claims an earlier start (an e-mail whose local part was taken for a phone
/// number, a URL's `user:password@`) replaces what it overlaps.
struct PIIScanner {
    let bytes: UnsafeBufferPointer<UInt8>
    private(set) var matches: [PIIMatch] = []

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    /// The values found in `bytes`, sorted by position and not overlapping.
    static func scan(_ bytes: UnsafeBufferPointer<UInt8>) -> [PIIMatch] {
        var scanner = PIIScanner(bytes)
        scanner.run()
        return scanner.matches
    }

    mutating func run() {
        let n = bytes.count
        var i = 0
        while i < n {
            switch bytes[i] {
            case 0x30 ... 0x39: i = digitRun(at: i)
            case UInt8(ascii: "+"): i = plusSign(at: i)
            case UInt8(ascii: "("): i = openParenthesis(at: i)
            case UInt8(ascii: "@"): i = atSign(at: i)
            case UInt8(ascii: ":"): i = colon(at: i)
            case UInt8(ascii: "="): i = equalsSign(at: i)
            case UInt8(ascii: "%"): i = percentSign(at: i)
            case UInt8(ascii: "."): i = dot(at: i)
            case UInt8(ascii: "-"), UInt8(ascii: "_"): i = keyPrefixSeparator(at: i)
            case 0xEF: i = fullWidth(at: i)
            default: i += 1
            }
        }
    }

    /// Records a match. Earlier matches inside it are dropped (the wider reading wins); one that
    /// straddles its start is kept and the new match starts after it, so nothing is left unredacted.
    mutating func add(_ start: Int, _ end: Int, _ kind: PIIKind, phoneShape: PhoneShape = .national) {
        var start = start
        while let last = matches.last, last.end > start {
            if last.start < start {
                start = last.end
                break
            }
            matches.removeLast()
        }
        guard start < end else { return }
        matches.append(PIIMatch(start: start, end: end, kind: kind, phoneShape: phoneShape))
    }

    // MARK: - Boundaries

    /// Whether a number may start at `i`: not glued to a word, an id prefix (`#`, `+`, `$`), an
    /// escape (`%20`, `&#35828;`) or a number it continues (`ORD-2024`, `3.14`, `1,234`, `24/11`).
    func numberStarts(at i: Int) -> Bool {
        guard i > 0 else { return true }
        let previous = bytes[i - 1]
        if ScanByte.alnum(previous) { return false }
        // Inside a run of space-separated digit groups (a tracking number), only the run's start
        // counts; after a match the next group starts afresh.
        if previous == UInt8(ascii: " "), i >= 2, ScanByte.digit(bytes[i - 2]) {
            return matches.last?.end == i - 1
        }
        switch previous {
        case UInt8(ascii: "_"), UInt8(ascii: "#"), UInt8(ascii: "+"), UInt8(ascii: "$"),
             UInt8(ascii: "&"), UInt8(ascii: "%"):
            return false
        case UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: ","), UInt8(ascii: "/"):
            // After a redacted value the joiner separates two values (`10.0.0.1,10.0.0.2`).
            return i < 2 || !ScanByte.alnum(bytes[i - 2]) || matches.last?.end == i - 1
        default:
            return true
        }
    }

    /// Whether a match ends right before `i` (its placeholder will end in `]`, a boundary).
    @inline(__always)
    func followsMatch(_ i: Int) -> Bool {
        matches.last?.end == i
    }

    /// Whether a number may end at `e`: not followed by a letter, digit or a continuation such as
    /// `.5`, `-12`, `,000` or `/2026`.
    func numberEnds(at e: Int) -> Bool {
        guard e < bytes.count else { return true }
        let next = bytes[e]
        if ScanByte.alnum(next) { return false }
        switch next {
        case UInt8(ascii: "_"), UInt8(ascii: "@"), UInt8(ascii: "%"):
            return false
        case UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: ","), UInt8(ascii: "/"), UInt8(ascii: ":"):
            return e + 1 >= bytes.count || !ScanByte.digit(bytes[e + 1])
        default:
            return true
        }
    }

    /// The end of the run of ASCII digits starting at `i`.
    @inline(__always)
    func digitRunEnd(from i: Int) -> Int {
        var e = i
        while e < bytes.count, ScanByte.digit(bytes[e]) { e += 1 }
        return e
    }

    /// Whether a redaction placeholder (`[KIND]` or `[KIND:hash]`) starts at `i`; returns its end.
    func placeholderEnd(at i: Int) -> Int? {
        guard i < bytes.count, bytes[i] == UInt8(ascii: "[") else { return nil }
        var e = i + 1
        while e < bytes.count, e - i <= PlaceholderSyntax.maximumLength, bytes[e] != UInt8(ascii: "]") {
            e += 1
        }
        guard e < bytes.count, bytes[e] == UInt8(ascii: "]") else { return nil }
        let token = UnsafeBufferPointer(rebasing: bytes[i ... e])
        return PlaceholderSyntax.kind(of: token) == nil ? nil : e + 1
    }
}
