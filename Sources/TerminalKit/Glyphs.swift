/// The characters used for lines, blocks and marks. Unicode where the locale is UTF-8,
/// plain ASCII where it is not, so a C-locale terminal still gets a readable screen.
public struct Glyphs: Hashable, Sendable {
    public var horizontal: Character
    public var vertical: Character
    public var topLeft: Character
    public var topRight: Character
    public var bottomLeft: Character
    public var bottomRight: Character
    public var rising: Character   // a line going up to the right
    public var falling: Character  // a line going down to the right
    public var block: Character
    public var shade: Character
    public var filledDot: Character
    public var emptyDot: Character
    public var arrowRight: Character
    public var arrowLeft: Character
    public var ellipsis: String
    public var bullet: Character
    public var tick: Character
    public var warning: Character
    public var isUnicode: Bool

    public static let unicode = Glyphs(
        horizontal: "─", vertical: "│", topLeft: "┌", topRight: "┐", bottomLeft: "└", bottomRight: "┘",
        rising: "╱", falling: "╲", block: "█", shade: "░", filledDot: "●", emptyDot: "○",
        arrowRight: "→", arrowLeft: "←", ellipsis: "…", bullet: "•", tick: "✓", warning: "▲", isUnicode: true)

    public static let ascii = Glyphs(
        horizontal: "-", vertical: "|", topLeft: "+", topRight: "+", bottomLeft: "+", bottomRight: "+",
        rising: "/", falling: "\\", block: "#", shade: ".", filledDot: "*", emptyDot: "o",
        arrowRight: ">", arrowLeft: "<", ellipsis: "~", bullet: "-", tick: "v", warning: "!", isUnicode: false)
}
