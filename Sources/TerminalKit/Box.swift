extension Canvas {
    /// Draws a frame around `rect` with an optional title in its top edge.
    public mutating func box(_ rect: Rect, title: String? = nil, role: Role = .border, titleRole: Role = .title) {
        guard rect.width >= 2, rect.height >= 2 else { return }
        let g = glyphs
        for x in (rect.x + 1)..<(rect.maxX - 1) {
            set(x, rect.y, Cell(g.horizontal, role: role))
            set(x, rect.maxY - 1, Cell(g.horizontal, role: role))
        }
        for y in (rect.y + 1)..<(rect.maxY - 1) {
            set(rect.x, y, Cell(g.vertical, role: role))
            set(rect.maxX - 1, y, Cell(g.vertical, role: role))
        }
        set(rect.x, rect.y, Cell(g.topLeft, role: role))
        set(rect.maxX - 1, rect.y, Cell(g.topRight, role: role))
        set(rect.x, rect.maxY - 1, Cell(g.bottomLeft, role: role))
        set(rect.maxX - 1, rect.maxY - 1, Cell(g.bottomRight, role: role))
        if let title, rect.width > 4 {
            let label = " " + DisplayWidth.truncate(title, to: rect.width - 4, ellipsis: g.ellipsis) + " "
            text(label, x: rect.x + 1, y: rect.y, role: titleRole, emphasis: .bold)
        }
    }

    /// A horizontal rule across `width` columns.
    public mutating func rule(x: Int, y: Int, width: Int, role: Role = .border) {
        guard width > 0 else { return }
        for i in 0..<width { set(x + i, y, Cell(glyphs.horizontal, role: role)) }
    }
}
