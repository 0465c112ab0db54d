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

    /// Linear in the length of `text`: each character is measured once. (Cutting a long
    /// word by re-measuring what was left made a 100,000-character note quadratic.)
    static func wrapParagraph(_ text: String, width: Int) -> [String] {
        var lines: [String] = []
        var current = ""
        var currentWidth = 0
        for word in text.split(separator: " ", omittingEmptySubsequences: true) {
            let wordWidth = DisplayWidth.of(word)
            if currentWidth > 0 && currentWidth + 1 + wordWidth <= width {
                current += " "
                current.append(contentsOf: word)   // the Substring overload: `+=` takes the generic path
                currentWidth += 1 + wordWidth
                continue
            }
            if currentWidth > 0 { lines.append(current) }
            if wordWidth <= width {
                current = String(word)
                currentWidth = wordWidth
                continue
            }
            // A word longer than a line: cut it into line-sized pieces in one pass.
            current = ""
            currentWidth = 0
            for character in word {
                let w = DisplayWidth.of(character)
                if currentWidth + w > width && currentWidth > 0 {
                    lines.append(current)
                    current = ""
                    currentWidth = 0
                }
                current.append(character)
                currentWidth += w
            }
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
