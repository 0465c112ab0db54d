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
        draw(text, x: x, y: y, scale: 1, role: role, on: &canvas)
    }

    /// Rows of `text` drawn at `scale` (each pixel `scale` rows tall).
    public static func height(scale: Int) -> Int { height * max(1, scale) }

    /// Columns of `text` drawn at `scale` (each pixel `scale` columns wide, one pixel between characters).
    public static func width(of text: String, scale: Int) -> Int { max(0, text.count * 4 - 1) * max(1, scale) }

    /// The largest scale at which `text` fits in `size` (at least 1).
    public static func scale(toFit text: String, in size: Size) -> Int {
        let w = max(1, width(of: text)), h = height
        return max(1, min(size.width / w, size.height / h))
    }

    /// Draws `text` with each pixel a `scale` x `scale` block, so the digits grow with the screen.
    public static func draw(_ text: String, x: Int, y: Int, scale: Int, role: Role, on canvas: inout Canvas) {
        let ink = canvas.glyphs.block
        let s = max(1, scale)
        for (i, character) in text.enumerated() {
            guard let rows = font[character] else { continue }
            for (dy, row) in rows.enumerated() {
                for (dx, pixel) in row.enumerated() where pixel == "#" {
                    for sy in 0..<s {
                        for sx in 0..<s {
                            canvas.set(x + (i * 4 + dx) * s + sx, y + dy * s + sy, Cell(ink, role: role))
                        }
                    }
                }
            }
        }
    }
}
