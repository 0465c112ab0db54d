import Foundation

/// ASCII stand-ins for text shown on a terminal whose locale is not UTF-8, so content
/// with dashes, quotes, arrows or accents stays readable instead of turning to garbage.
public enum Transliteration {
    static let table: [Character: Character] = [
        "‘": "'", "’": "'", "“": "\"", "”": "\"", "–": "-", "—": "-", "…": "~", "·": "-",
        "•": "*", "→": ">", "←": "<", "↑": "^", "↓": "v", "›": ">", "‹": "<", "✓": "v",
        "●": "*", "○": "o", "▲": "!", "█": "#", "░": ".", "×": "x", "£": "L", "€": "E",
        "\u{00A0}": " ",
    ]

    public static func ascii(_ character: Character) -> Character {
        if character.isASCII { return character }
        if let mapped = table[character] { return mapped }
        // Letters with accents: keep the base letter (é -> e).
        if let base = String(character).decomposedStringWithCompatibilityMapping.unicodeScalars.first, base.isASCII {
            return Character(base)
        }
        return "?"
    }
}
