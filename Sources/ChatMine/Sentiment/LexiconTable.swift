import Glibc

/// What one lexicon key does when the scorer meets it: its own valence and how it modifies
/// the sentiment words after it.
struct LexiconEntry: Sendable, Equatable {
    /// Sentiment of the word on VADER's scale (−4 … +4); 0 for pure modifiers and blockers.
    var valence: Float = 0
    /// Intensity added to a following sentiment word (positive boosts, negative damps).
    var booster: Float = 0
    /// Multiplier for a following sentiment word when this is a negator (e.g. −0.74), else 0.
    var negation: Float = 0
    /// `Flags` bits.
    var flags: UInt8 = 0
    /// For the first word of multi-word entries: the most words any of them has.
    var phraseWords: UInt8 = 0

    /// Bits of `LexiconEntry.flags`.
    enum Flags {
        /// "but", "但是": the clause after it weighs more, the one before less.
        static let contrast: UInt8 = 1
        /// The first word of a multi-word English entry ("kind of", "still waiting").
        static let phraseStart: UInt8 = 2
        /// "although", "虽然": the clause it opens weighs less.
        static let concession: UInt8 = 4
        /// Interjections such as "lol", "ugh", "哈哈": like emoji, never negated or boosted.
        static let standalone: UInt8 = 8
        /// The second word of some multi-word entry (phrase lookups start only before one).
        static let phraseSecond: UInt8 = 16
        /// A negator that reaches only the next word ("no good", but "no, that's wrong").
        static let adjacentOnly: UInt8 = 32
    }

    /// True when the entry neither carries sentiment nor modifies anything (a blocker word).
    var isInert: Bool { valence == 0 && booster == 0 && negation == 0 && flags == 0 && phraseWords == 0 }
}

/// Owns the table's memory; the table itself only holds raw pointers so that lookups in the
/// scoring loop cause no reference counting.
final class LexiconStorage: @unchecked Sendable {
    let slots: UnsafeMutableBufferPointer<Int32>
    let keyBytes: UnsafeMutableBufferPointer<UInt8>
    let keyStarts: UnsafeMutableBufferPointer<Int32>
    let keyLengths: UnsafeMutableBufferPointer<Int32>
    let hashes: UnsafeMutableBufferPointer<UInt64>
    let entries: UnsafeMutableBufferPointer<LexiconEntry>

    init(slots: [Int32], keyBytes: [UInt8], keyStarts: [Int32], keyLengths: [Int32], hashes: [UInt64], entries: [LexiconEntry]) {
        func copy<T>(_ array: [T]) -> UnsafeMutableBufferPointer<T> {
            let buffer = UnsafeMutableBufferPointer<T>.allocate(capacity: max(1, array.count))
            _ = buffer.initialize(from: array)
            return buffer
        }
        self.slots = copy(slots)
        self.keyBytes = copy(keyBytes)
        self.keyStarts = copy(keyStarts)
        self.keyLengths = copy(keyLengths)
        self.hashes = copy(hashes)
        self.entries = copy(entries)
    }

    deinit {
        slots.deallocate()
        keyBytes.deallocate()
        keyStarts.deallocate()
        keyLengths.deallocate()
        hashes.deallocate()
        entries.deallocate()
    }
}

/// An immutable open-addressing hash table from UTF-8 byte strings to lexicon entries,
/// built once so that lookups during scoring touch only flat memory.
struct LexiconTable: @unchecked Sendable {
    private let storage: LexiconStorage
    private let slots: UnsafeMutableBufferPointer<Int32>
    private let keyBytes: UnsafeMutableBufferPointer<UInt8>
    private let keyStarts: UnsafeMutableBufferPointer<Int32>
    private let keyLengths: UnsafeMutableBufferPointer<Int32>
    private let hashes: UnsafeMutableBufferPointer<UInt64>
    /// The entries, indexed by the values `find` returns.
    let entries: UnsafeMutableBufferPointer<LexiconEntry>
    private let mask: Int
    /// The longest key in Unicode scalars among keys that start with a CJK character.
    let longestCJKKey: Int

    /// Builds the table from keys (already lower-cased) and their entries.
    init(_ pairs: [(key: [UInt8], entry: LexiconEntry)]) {
        var capacity = 16
        while capacity < pairs.count * 2 + 1 { capacity <<= 1 }
        var slots = [Int32](repeating: -1, count: capacity)
        var keyBytes: [UInt8] = []
        var keyStarts: [Int32] = []
        var keyLengths: [Int32] = []
        var hashes: [UInt64] = []
        var entries: [LexiconEntry] = []
        var longest = 1
        let mask = capacity - 1
        for (key, entry) in pairs {
            let hash = key.withUnsafeBufferPointer { Self.hash($0) }
            var slot = Int(truncatingIfNeeded: hash) & mask
            while slots[slot] >= 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(entries.count)
            keyStarts.append(Int32(keyBytes.count))
            keyLengths.append(Int32(key.count))
            keyBytes.append(contentsOf: key)
            hashes.append(hash)
            entries.append(entry)
            if let first = key.first, first >= 0xE3 {
                longest = max(longest, String(decoding: key, as: UTF8.self).unicodeScalars.count)
            }
        }
        storage = LexiconStorage(slots: slots, keyBytes: keyBytes, keyStarts: keyStarts, keyLengths: keyLengths, hashes: hashes, entries: entries)
        self.slots = storage.slots
        self.keyBytes = storage.keyBytes
        self.keyStarts = storage.keyStarts
        self.keyLengths = storage.keyLengths
        self.hashes = storage.hashes
        self.entries = storage.entries
        self.mask = mask
        self.longestCJKKey = min(longest, 8)
    }

    /// FNV-1a over the bytes.
    @inline(__always)
    static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        extend(emptyHash, bytes)
    }

    /// Continues an FNV-1a hash with more bytes (for growing a key one character at a time).
    @inline(__always)
    static func extend(_ hash: UInt64, _ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var hash = hash
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return hash
    }

    /// The FNV-1a starting value.
    static let emptyHash: UInt64 = 0xcbf2_9ce4_8422_2325

    /// The index of the entry whose key equals `key`, or -1.
    @inline(__always)
    func find(_ key: UnsafeBufferPointer<UInt8>) -> Int {
        find(key, hash: Self.hash(key))
    }

    /// The index of the entry whose key equals `key` (whose hash is given), or -1.
    @inline(__always)
    func find(_ key: UnsafeBufferPointer<UInt8>, hash: UInt64) -> Int {
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let index = Int(slots[slot])
            if index < 0 { return -1 }
            if hashes[index] == hash, Int(keyLengths[index]) == key.count {
                if key.isEmpty { return index }
                let start = Int(keyStarts[index])
                if let keyBase = key.baseAddress, let stored = keyBytes.baseAddress,
                   memcmp(stored + start, keyBase, key.count) == 0 {
                    return index
                }
            }
            slot = (slot + 1) & mask
        }
    }

    /// The entry for a key given as a string (lower-cased by the caller), for tests and tools.
    func entry(for key: String) -> LexiconEntry? {
        let bytes = Array(key.utf8)
        let index = bytes.withUnsafeBufferPointer { find($0) }
        return index >= 0 ? entries[index] : nil
    }
}
