/// A vertical list with one selected row, scrolled so the selection stays in view.
public struct ListItem: Sendable {
    public var label: String
    public var detail: String
    public var role: Role
    public var marker: String

    public init(_ label: String, detail: String = "", role: Role = .text, marker: String = "") {
        self.label = label; self.detail = detail; self.role = role; self.marker = marker
    }
}

public enum ListView {
    /// The first visible row for a list of `count` rows shown `height` at a time.
    public static func scrollOffset(selected: Int, count: Int, height: Int) -> Int {
        guard height > 0, count > height else { return 0 }
        return min(max(0, selected - height / 2), count - height)
    }

    /// Draws the list; the selected row is drawn in the selection role and gets the cursor.
    /// A list longer than `rect` keeps its last row for where it stands ("4-9/12"): written
    /// over the last item, it hid that item's status.
    public static func draw(_ items: [ListItem], selected: Int, in all: Rect, on canvas: inout Canvas) {
        guard !all.isEmpty else { return }
        let scrolls = items.count > all.height && all.height > 1
        let rect = scrolls ? Rect(x: all.x, y: all.y, width: all.width, height: all.height - 1) : all
        let offset = scrollOffset(selected: selected, count: items.count, height: rect.height)
        let markerWidth = items.map { DisplayWidth.of($0.marker) }.max() ?? 0
        for row in 0..<min(rect.height, items.count - offset) {
            let index = offset + row
            let item = items[index]
            let y = rect.y + row
            let isSelected = index == selected
            if isSelected {
                canvas.fill(Rect(x: rect.x, y: y, width: rect.width, height: 1), role: .selection)
                canvas.cursor = Point(x: rect.x, y: y)
            }
            var x = rect.x
            let pointer = isSelected ? String(canvas.glyphs.arrowRight) + " " : "  "
            x += canvas.text(pointer, x: x, y: y, role: isSelected ? .selection : .muted, maxWidth: rect.maxX - x)
            if markerWidth > 0 {
                canvas.text(item.marker, x: x, y: y, role: isSelected ? .selection : item.role, maxWidth: rect.maxX - x)
                x += markerWidth + 1
            }
            let labelRole: Role = isSelected ? .selection : item.role
            let available = rect.maxX - x
            // The detail (a status, a sector, progress) keeps its room when the label can
            // still show a dozen columns: a long name used to push it off the row.
            let detailWidth = item.detail.isEmpty ? 0 : DisplayWidth.of(item.detail) + 2
            let labelRoom = detailWidth > 0 && available - detailWidth >= 12 ? available - detailWidth : available
            let label = DisplayWidth.truncate(item.label, to: labelRoom, ellipsis: canvas.glyphs.ellipsis)
            x += canvas.text(label, x: x, y: y, role: labelRole, maxWidth: available)
            if !item.detail.isEmpty, rect.maxX - x > 4 {
                let detail = DisplayWidth.truncate(item.detail, to: rect.maxX - x - 2, ellipsis: canvas.glyphs.ellipsis)
                let dx = rect.maxX - DisplayWidth.of(detail)
                canvas.text(detail, x: dx, y: y, role: isSelected ? .selection : .muted)
            }
        }
        if scrolls {
            let more = "\(offset + 1)-\(min(items.count, offset + rect.height))/\(items.count)"
            canvas.text(more, x: all.maxX - DisplayWidth.of(more), y: all.maxY - 1, role: .muted)
        }
    }
}
