/// The hashed features of one utterance for the TF-IDF vectoriser: word (or CJK character)
/// unigrams and bigrams in one block, character n-grams inside Latin words in another.
/// Features are 64-bit hashes, so no string is built per n-gram.
public struct FeatureTokenizer: Sendable {
    /// Shortest and longest character n-gram taken inside a Latin word (padded with spaces).
    public var characterGrams: ClosedRange<Int>

    /// Creates a tokenizer taking character n-grams of the given lengths.
    public init(characterGrams: ClosedRange<Int> = 3...5) {
        self.characterGrams = characterGrams
    }

    /// Word-level feature hashes: each token and each adjacent pair of tokens.
    public func wordFeatures(_ tokens: [String]) -> [UInt64] {
        var features: [UInt64] = []
        features.reserveCapacity(tokens.count * 2)
        var previous: UInt64?
        for token in tokens {
            let h = FeatureHash.string(token, seed: FeatureHash.unigramSeed)
            features.append(h)
            if let previous {
                features.append(FeatureHash.combine(previous, h))
            }
            previous = h
        }
        return features
    }

    /// Character n-gram hashes inside each Latin word, the word padded with a space on each
    /// side (like scikit-learn's `char_wb`). CJK tokens are single characters and are covered
    /// by the word block; placeholders like `<id>` give one feature.
    public func characterFeatures(_ tokens: [String]) -> [UInt64] {
        var features: [UInt64] = []
        features.reserveCapacity(tokens.count * 12)
        var scalars: [UInt32] = []
        for token in tokens {
            if token.hasPrefix("<") {
                features.append(FeatureHash.string(token, seed: FeatureHash.characterSeed))
                continue
            }
            scalars.removeAll(keepingCapacity: true)
            scalars.append(32)
            for scalar in token.unicodeScalars { scalars.append(scalar.value) }
            scalars.append(32)
            if scalars.count == 3, let only = token.unicodeScalars.first, TextNormalizer.isCJK(only) { continue }
            for length in characterGrams where length <= scalars.count {
                for start in 0...(scalars.count - length) {
                    var h = FeatureHash.characterSeed &+ UInt64(length)
                    for i in start..<(start + length) { h = FeatureHash.mix(h, UInt64(scalars[i])) }
                    features.append(h)
                }
            }
            if scalars.count < characterGrams.lowerBound {
                var h = FeatureHash.characterSeed
                for value in scalars { h = FeatureHash.mix(h, UInt64(value)) }
                features.append(h)
            }
        }
        return features
    }
}

/// FNV-1a style 64-bit hashing for features, stable across runs and platforms (unlike
/// `Hasher`, which is seeded per process).
public enum FeatureHash {
    static let unigramSeed: UInt64 = 0xcbf2_9ce4_8422_2325
    static let characterSeed: UInt64 = 0x9e37_79b9_7f4a_7c15

    /// Folds one value into a running hash.
    @inline(__always)
    static func mix(_ hash: UInt64, _ value: UInt64) -> UInt64 {
        var h = hash ^ value
        h = h &* 0x0000_0100_0000_01b3
        h ^= h >> 29
        return h
    }

    /// The hash of a string's UTF-8 bytes.
    static func string(_ text: String, seed: UInt64) -> UInt64 {
        var h = seed
        for byte in text.utf8 { h = mix(h, UInt64(byte)) }
        return finalize(h)
    }

    /// An order-sensitive pair of hashes (a bigram).
    static func combine(_ a: UInt64, _ b: UInt64) -> UInt64 {
        finalize(mix(mix(0x51_7cc1_b727_220a, a), b))
    }

    /// A final avalanche so nearby inputs spread over the whole range.
    static func finalize(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }
}
