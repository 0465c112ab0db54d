/// Word wrapping by display width. Words longer than a line are broken; blank lines
/// in the input are kept as paragraph breaks.
public enum Wrap {
    public static func lines(_ text: String, width: Int) -> [String] {
        guard width > 0 else { return [] }
        var result: [String] = []
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            result.append(contentsOf: wrapParagraph(String(paragraph), width: width))
        }
        return result
    }

    static func wrapParagraph(_ text: String, width: Int) -> [String] {
        let words = text.split(separator: " ", omittingEmptySubsequences: true)
        guard !words.isEmpty else { return [""] }
        var lines: [String] = []
        var current = ""
        var currentWidth = 0
        for word in words {
            var piece = String(word)
            var pieceWidth = DisplayWidth.of(piece)
            if currentWidth > 0 && currentWidth + 1 + pieceWidth <= width {
                current += " " + piece
                currentWidth += 1 + pieceWidth
                continue
            }
            if currentWidth > 0 { lines.append(current) }
            while pieceWidth > width {
                let head = DisplayWidth.prefix(piece, fitting: width)
                guard !head.isEmpty else { break }
                lines.append(head)
                piece = String(piece.dropFirst(head.count))
                pieceWidth = DisplayWidth.of(piece)
            }
            current = piece
            currentWidth = pieceWidth
        }
        if currentWidth > 0 || lines.isEmpty { lines.append(current) }
        return lines
    }
}

extension Canvas {
    /// Draws wrapped text inside `rect`, skipping the first `skip` lines (for scrolling).
    /// Returns the total number of wrapped lines, so callers can size scroll bars.
    @discardableResult
    public mutating func paragraph(_ text: String, in rect: Rect, role: Role = .text, skip: Int = 0) -> Int {
        let wrapped = Wrap.lines(text, width: rect.width)
        for (i, line) in wrapped.dropFirst(skip).prefix(rect.height).enumerated() {
            self.text(line, x: rect.x, y: rect.y + i, role: role, maxWidth: rect.width)
        }
        return wrapped.count
    }
}
