/// Digits five rows tall, so a score can be read from the back of a room.
public enum BigDigits {
    static let font: [Character: [String]] = [
        "0": ["###", "# #", "# #", "# #", "###"],
        "1": [" # ", "## ", " # ", " # ", "###"],
        "2": ["###", "  #", "###", "#  ", "###"],
        "3": ["###", "  #", "###", "  #", "###"],
        "4": ["# #", "# #", "###", "  #", "  #"],
        "5": ["###", "#  ", "###", "  #", "###"],
        "6": ["###", "#  ", "###", "# #", "###"],
        "7": ["###", "  #", "  #", "  #", "  #"],
        "8": ["###", "# #", "###", "# #", "###"],
        "9": ["###", "# #", "###", "  #", "###"],
        "-": ["   ", "   ", "###", "   ", "   "],
        ".": ["   ", "   ", "   ", "   ", " # "],
        "?": ["###", "  #", " ##", "   ", " # "],
        "/": ["  #", "  #", " # ", "#  ", "#  "],
    ]
    public static let height = 5

    public static func width(of text: String) -> Int { text.count * 4 - 1 }

    /// Draws `text` (digits, '-', '.', '?', '/') with its top-left at (x, y).
    public static func draw(_ text: String, x: Int, y: Int, role: Role, on canvas: inout Canvas) {
        let ink = canvas.glyphs.block
        for (i, character) in text.enumerated() {
            guard let rows = font[character] else { continue }
            for (dy, row) in rows.enumerated() {
                for (dx, pixel) in row.enumerated() where pixel == "#" {
                    canvas.set(x + i * 4 + dx, y + dy, Cell(ink, role: role))
                }
            }
        }
    }
}
