/// What a space shows: only its background, unless it is underlined or reversed
/// (a reversed space shows its foreground as the background). So a space can be painted
/// in the style of the cell to its left wherever that looks the same, and the terminal
/// is sent no colour or attribute change between them: the triangle's tinted areas are
/// runs of spaces between lines and labels, and each style change costs ncurses a reset
/// and both colours (about 30 bytes).
public enum BlankCell {
    static let visibleOnBlank: TextAttributes = [.underline, .reverse]

    /// Whether a space in `blank`'s style looks the same painted in `left`'s style.
    public static func looksTheSame(_ blank: ResolvedStyle, paintedAs left: ResolvedStyle) -> Bool {
        blank.attributes.isDisjoint(with: visibleOnBlank)
            && left.attributes.isDisjoint(with: visibleOnBlank)
            && blank.background == left.background
    }
}
