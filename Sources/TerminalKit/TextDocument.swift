/// Headings, paragraphs and bullet lists laid out to a width and scrolled as one column:
/// the body of the framework's detail screens.
public struct TextDocument: Sendable {
    public enum Block: Sendable {
        case heading(String, Role)
        case paragraph(String, Role)
        case bullet(String, Role, marker: String?)
        case labelled(label: String, text: String, labelRole: Role, width: Int?)
        case blank
    }

    public struct Line: Sendable, Equatable {
        public var text: String
        public var role: Role
        public var emphasis: Emphasis
        public var indent: Int
        /// Bold prefix drawn in its own role before `text` (used by `labelled`).
        public var prefix: String = ""
        public var prefixRole: Role = .text
    }

    public var blocks: [Block] = []

    public init() {}

    public mutating func heading(_ text: String, role: Role = .title) { blocks.append(.heading(text, role)) }
    public mutating func paragraph(_ text: String, role: Role = .text) { blocks.append(.paragraph(text, role)) }
    public mutating func bullet(_ text: String, role: Role = .text, marker: String? = nil) { blocks.append(.bullet(text, role, marker: marker)) }
    /// A label and its text; `width` aligns the text of several labelled lines.
    public mutating func labelled(_ label: String, _ text: String, labelRole: Role = .accent, width: Int? = nil) {
        blocks.append(.labelled(label: label, text: text, labelRole: labelRole, width: width))
    }
    public mutating func blank() { blocks.append(.blank) }

    /// The document wrapped to `width` columns.
    public func layout(width: Int, glyphs: Glyphs) -> [Line] {
        guard width > 4 else { return [] }
        var lines: [Line] = []
        for block in blocks {
            switch block {
            case .heading(let text, let role):
                if let last = lines.last, !last.text.isEmpty || !last.prefix.isEmpty { lines.append(Line(text: "", role: .text, emphasis: [], indent: 0)) }
                for part in Wrap.lines(text, width: width) { lines.append(Line(text: part, role: role, emphasis: .bold, indent: 0)) }
            case .paragraph(let text, let role):
                for part in Wrap.lines(text, width: width) { lines.append(Line(text: part, role: role, emphasis: [], indent: 0)) }
            case .bullet(let text, let role, let marker):
                let mark = marker ?? String(glyphs.bullet)
                let indent = DisplayWidth.of(mark) + 1
                for (i, part) in Wrap.lines(text, width: width - indent).enumerated() {
                    lines.append(Line(text: part, role: role, emphasis: [], indent: indent,
                                      prefix: i == 0 ? mark : "", prefixRole: .accent))
                }
            case .labelled(let label, let text, let labelRole, let labelWidth):
                let indent = min((labelWidth ?? DisplayWidth.of(label)) + 2, width / 3)
                for (i, part) in Wrap.lines(text, width: width - indent).enumerated() {
                    lines.append(Line(text: part, role: .text, emphasis: [], indent: indent,
                                      prefix: i == 0 ? label : "", prefixRole: labelRole))
                }
            case .blank:
                lines.append(Line(text: "", role: .text, emphasis: [], indent: 0))
            }
        }
        return lines
    }

    /// How many lines `draw` produces in a rectangle `width` columns wide (one column
    /// is kept for the scroll bar and one as a gap before it).
    public func lineCount(inWidth width: Int) -> Int { layout(width: width - 2, glyphs: .unicode).count }

    /// Draws from line `scroll`; returns the total line count so callers can clamp scrolling.
    @discardableResult
    public func draw(in rect: Rect, on canvas: inout Canvas, scroll: Int) -> Int {
        let lines = layout(width: rect.width - 2, glyphs: canvas.glyphs)
        let first = max(0, min(scroll, max(0, lines.count - rect.height)))
        for (row, line) in lines.dropFirst(first).prefix(rect.height).enumerated() {
            let y = rect.y + row
            if !line.prefix.isEmpty {
                canvas.text(line.prefix, x: rect.x, y: y, role: line.prefixRole, emphasis: .bold, maxWidth: max(1, line.indent - 1))
            }
            canvas.text(line.text, x: rect.x + line.indent, y: y, role: line.role, emphasis: line.emphasis, maxWidth: rect.width - line.indent - 1)
        }
        ScrollBar.draw(total: lines.count, visible: rect.height, offset: first, x: rect.maxX - 1, y: rect.y, on: &canvas)
        return lines.count
    }
}

public enum ScrollBar {
    /// A one-column bar at `x` showing which part of a long text is in view.
    public static func draw(total: Int, visible: Int, offset: Int, x: Int, y: Int, on canvas: inout Canvas) {
        guard total > visible, visible > 2 else { return }
        let thumb = max(1, visible * visible / total)
        let start = (visible - thumb) * offset / max(1, total - visible)
        for row in 0..<visible {
            let inThumb = row >= start && row < start + thumb
            canvas.set(x, y + row, Cell(inThumb ? canvas.glyphs.block : canvas.glyphs.vertical, role: inThumb ? .accent : .border))
        }
    }
}
