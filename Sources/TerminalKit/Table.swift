/// A table with a header row, columns sized to their content within the available width.
/// Columns that do not fit are cut from the right; cells are truncated with an ellipsis.
public struct TableColumn: Sendable {
    public enum Alignment: Sendable { case left, right, centre }
    public var title: String
    public var minWidth: Int
    public var maxWidth: Int
    public var alignment: Alignment

    public init(_ title: String, minWidth: Int = 1, maxWidth: Int = 40, alignment: Alignment = .left) {
        self.title = title; self.minWidth = minWidth; self.maxWidth = maxWidth; self.alignment = alignment
    }
}

public struct TableCell: Sendable {
    public var text: String
    public var role: Role
    public init(_ text: String, role: Role = .text) { self.text = text; self.role = role }
}

public enum Table {
    /// Column widths: each column's natural width clamped to its bounds, then shrunk
    /// from the widest until the table fits `width`.
    public static func widths(_ columns: [TableColumn], rows: [[TableCell]], width: Int, gap: Int = 1) -> [Int] {
        var widths = columns.enumerated().map { i, column in
            let natural = max(DisplayWidth.of(column.title), rows.map { i < $0.count ? DisplayWidth.of($0[i].text) : 0 }.max() ?? 0)
            return min(max(natural, column.minWidth), column.maxWidth)
        }
        func total() -> Int { widths.reduce(0, +) + gap * max(0, widths.count - 1) }
        while total() > width {
            guard let widest = widths.indices.max(by: { widths[$0] - columns[$0].minWidth < widths[$1] - columns[$1].minWidth }),
                  widths[widest] > columns[widest].minWidth else { break }
            widths[widest] -= 1
        }
        return widths
    }

    /// Draws header and rows from `skip`; returns how many rows fitted.
    @discardableResult
    public static func draw(_ columns: [TableColumn], rows: [[TableCell]], in rect: Rect, on canvas: inout Canvas,
                            skip: Int = 0, selectedRow: Int? = nil, gap: Int = 1) -> Int {
        guard rect.height > 0 else { return 0 }
        let widths = widths(columns, rows: rows, width: rect.width, gap: gap)
        drawRow(columns.map { TableCell($0.title) }, columns: columns, widths: widths, x: rect.x, y: rect.y, maxX: rect.maxX,
                on: &canvas, header: true, gap: gap)
        let visible = Array(rows.dropFirst(skip).prefix(rect.height - 1))
        for (i, row) in visible.enumerated() {
            let isSelected = selectedRow == skip + i
            drawRow(row, columns: columns, widths: widths, x: rect.x, y: rect.y + 1 + i, maxX: rect.maxX,
                    on: &canvas, selected: isSelected, gap: gap)
            if isSelected { canvas.cursor = Point(x: rect.x, y: rect.y + 1 + i) }
        }
        return visible.count
    }

    /// Draws one row of cells in columns of the given widths (for tables drawn in parts).
    public static func drawRow(_ cells: [TableCell], columns: [TableColumn], widths: [Int], x: Int, y: Int, maxX: Int,
                               on canvas: inout Canvas, header: Bool = false, selected: Bool = false, gap: Int = 1) {
        var x = x
        for (i, column) in columns.enumerated() where i < widths.count {
            guard x < maxX else { break }
            let w = min(widths[i], maxX - x)
            let cell = i < cells.count ? cells[i] : TableCell("")
            let text = DisplayWidth.truncate(cell.text, to: w, ellipsis: canvas.glyphs.ellipsis)
            let pad = w - DisplayWidth.of(text)
            let offset = switch column.alignment { case .left: 0; case .right: pad; case .centre: pad / 2 }
            let role: Role = selected ? .selection : (header ? .title : cell.role)
            if selected { canvas.fill(Rect(x: x, y: y, width: w + gap, height: 1), role: .selection) }
            canvas.text(text, x: x + offset, y: y, role: role, emphasis: header ? .bold : [], maxWidth: w)
            x += w + gap
        }
    }
}
