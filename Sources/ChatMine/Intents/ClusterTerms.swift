/// Distinctive terms of clusters (class-based TF-IDF over words, word bigrams and CJK
/// character bigrams) and the readable snake_case names built from them.
struct ClusterTerms {
    /// Terms counted per cluster: stem key → count, plus the most common surface form.
    private var counts: [[String: Double]]
    private var totals: [String: Double] = [:]
    private var surfaces: [String: [String: Int]] = [:]

    /// Counts the terms of each group's text into its cluster (noise is skipped).
    init(groups: [UtteranceGroup], labels: [Int], clusters: Int) {
        counts = [[String: Double]](repeating: [:], count: clusters)
        let normalizer = TextNormalizer()
        for (g, group) in groups.enumerated() where labels[g] >= 0 {
            let surface = normalizer.tokens(group.text, stemming: false)
            let terms = Self.terms(surface)
            let weight = Double(group.count)
            for (key, display) in Set(terms.map { TermPair(key: $0.0, display: $0.1) }).map({ ($0.key, $0.display) }) {
                counts[labels[g]][key, default: 0] += weight
                totals[key, default: 0] += weight
                surfaces[key, default: [:]][display, default: 0] += group.count
            }
        }
    }

    private struct TermPair: Hashable { let key: String; let display: String }

    /// Terms of a token list as (stemmed key, surface form): content words, adjacent pairs of
    /// content words, and for CJK adjacent character pairs.
    static func terms(_ surface: [String]) -> [(String, String)] {
        var result: [(String, String)] = []
        var previous: (String, String)?
        for token in surface {
            if token.hasPrefix("<") || Stopwords.contains(token) {
                previous = nil
                continue
            }
            let isCJK = token.unicodeScalars.count == 1 && token.unicodeScalars.first.map(TextNormalizer.isCJK) == true
            let key = isCJK ? token : Stemmer.fold(token)
            if !isCJK && token.count >= 2 { result.append((key, token)) }
            if let (pk, ps) = previous {
                result.append((pk + " " + key, isCJK ? ps + token : ps + " " + token))
            }
            previous = (key, token)
        }
        return result
    }

    /// The `limit` most distinctive terms of a cluster (surface forms), best first.
    func top(_ cluster: Int, limit: Int = 10) -> [String] {
        let clusterTotal = counts[cluster].values.reduce(0, +)
        guard clusterTotal > 0 else { return [] }
        let average = totals.values.reduce(0, +) / Double(max(1, counts.count))
        let scored = counts[cluster].map { key, count -> (String, Double) in
            // c-TF-IDF: frequency in the cluster × log(1 + average cluster mass ÷ overall frequency).
            let tf = count / clusterTotal
            let idf = log(1 + average / max(1, totals[key] ?? 1))
            let bigramBonus = key.contains(" ") ? 1.15 : 1
            return (key, tf * idf * bigramBonus)
        }
        let sorted = scored.sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }
        return sorted.prefix(limit).map { display($0.0) }
    }

    /// The most common surface form of a term key.
    private func display(_ key: String) -> String {
        guard let forms = surfaces[key] else { return key }
        return forms.max { $0.value != $1.value ? $0.value < $1.value : $0.key > $1.key }?.key ?? key
    }

    /// A snake_case name from a cluster's top terms: the leading phrase (a two-word term among
    /// the top five that shares a word with the top term, e.g. "joint account"), else up to
    /// three top terms that add new words.
    static func name(from terms: [String]) -> String {
        var words: [String] = []
        let leading = terms.first.map { $0.split(separator: " ").map(String.init) } ?? []
        if let phrase = terms.prefix(5).first(where: { term in
            let parts = term.split(separator: " ").map(String.init)
            return parts.count > 1 && parts.contains { leading.contains($0) }
        }) {
            words = phrase.split(separator: " ").map(String.init)
            if let extra = terms.prefix(3).first(where: { !$0.contains(" ") && !words.contains($0) }) { words.append(extra) }
        } else {
            for term in terms {
                let parts = term.split(separator: " ").map(String.init)
                let fresh = parts.filter { part in !words.contains(part) && !words.contains { $0.contains(part) || part.contains($0) } }
                guard !fresh.isEmpty else { continue }
                words.append(contentsOf: parts.count > 1 && fresh.count == parts.count ? parts : fresh)
                if words.count >= 3 { break }
            }
        }
        let name = words.prefix(3).joined(separator: "_")
        let cleaned = String(name.unicodeScalars.map { scalar -> Character in
            scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "_" ? Character(scalar) : "_"
        })
        return cleaned.isEmpty ? "unnamed" : cleaned
    }
}

import Foundation

/// Function words left out of cluster terms and names (English and Chinese).
enum Stopwords {
    static func contains(_ token: String) -> Bool { words.contains(token) }

    static let words: Set<String> = [
        "a", "an", "the", "i", "me", "my", "mine", "you", "your", "we", "our", "us", "it", "its", "is", "am", "are",
        "was", "were", "be", "been", "being", "do", "does", "did", "doing", "have", "has", "had", "to", "of", "in",
        "on", "at", "for", "with", "from", "by", "about", "as", "and", "or", "but", "if", "so", "than", "then",
        "this", "that", "these", "those", "there", "here", "what", "which", "who", "whom", "how", "why", "when",
        "where", "can", "could", "would", "should", "will", "shall", "may", "might", "must", "please", "hi",
        "hello", "hey", "thanks", "thank", "im", "ive", "id", "dont", "cant", "wont", "didnt", "doesnt", "isnt",
        "not", "no", "yes", "just", "also", "any", "some", "all", "get", "got", "want", "need", "help", "know",
        "tell", "like", "still", "there", "their", "they", "them", "he", "she", "his", "her", "up", "out", "into",
        "again", "very", "too", "now", "one", "way", "make", "made", "let", "lets", "ok", "okay", "much", "many",
        "的", "了", "吗", "吧", "呢", "啊", "我", "你", "他", "她", "它", "是", "在", "有", "和", "就", "都", "也",
        "请", "帮", "一", "个", "下", "这", "那", "么", "给", "把", "要", "想", "能", "可", "以", "去", "说", "看",
    ]
}
