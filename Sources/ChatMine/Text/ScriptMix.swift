import Foundation

/// How many texts of a corpus are written in Chinese (any Han/kana/Hangul character, so
/// code-switched Chinese counts) and how many in a Latin script only.
public struct ScriptMix: Sendable, Equatable {
    /// Texts with at least one CJK character.
    public var chinese = 0
    /// Texts with Latin letters and no CJK character.
    public var latin = 0

    /// Counts the scripts of `texts`.
    public static func of(_ texts: [String]) -> ScriptMix {
        var mix = ScriptMix()
        for text in texts {
            var hasLatin = false, hasCJK = false
            for scalar in text.unicodeScalars {
                if scalar.value < 0x80 {
                    if (scalar.value | 0x20) >= 0x61 && (scalar.value | 0x20) <= 0x7a { hasLatin = true }
                } else if TextNormalizer.isCJK(scalar) {
                    hasCJK = true
                    break
                }
            }
            if hasCJK { mix.chinese += 1 } else if hasLatin { mix.latin += 1 }
        }
        return mix
    }
}
