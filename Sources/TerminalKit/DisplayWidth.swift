/// Column widths exactly as ncurses places characters (the C library's wcwidth):
/// combining marks take no column, East Asian wide/fullwidth characters and emoji take
/// two, everything else one. Box-drawing and block characters are one column.
public enum DisplayWidth {
    /// A grapheme takes the width of its first code point, as ncurses gives it a cell:
    /// what follows (combining marks, joined emoji, a variation selector) adds none.
    public static func of(_ character: Character) -> Int {
        guard let first = character.unicodeScalars.first else { return 0 }
        return of(scalar: first)
    }

    public static func of(_ text: some StringProtocol) -> Int {
        var total = 0
        for character in text { total += of(character) }
        return total
    }

    /// The code point's width as the C library's wcwidth gives it in C.UTF-8 (0 for what
    /// it cannot print), looked up in the table scripts/generate-display-width writes.
    public static func of(scalar: Unicode.Scalar) -> Int {
        let v = scalar.value
        if v >= 0x20 && v < 0x7F { return 1 }
        var low = 0, high = table.count - 1
        while low <= high {
            let middle = (low + high) / 2
            let range = table[middle]
            if v < range.first { high = middle - 1 } else if v > range.last { low = middle + 1 } else { return Int(range.width) }
        }
        return 1
    }

    /// The longest prefix of `text` that fits in `width` columns.
    public static func prefix(_ text: String, fitting width: Int) -> String {
        var used = 0
        var end = text.startIndex
        for index in text.indices {
            let w = of(text[index])
            if used + w > width { break }
            used += w
            end = text.index(after: index)
        }
        return String(text[..<end])
    }

    /// `text` cut to `width` columns, ending in an ellipsis when something was cut.
    public static func truncate(_ text: String, to width: Int, ellipsis: String = "…") -> String {
        guard width > 0 else { return "" }
        if of(text) <= width { return text }
        let mark = of(ellipsis) <= width ? ellipsis : ""
        return prefix(text, fitting: width - of(mark)) + mark
    }
}
