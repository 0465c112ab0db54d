import TerminalKit

/// Where the help overlay puts each key: actions wrap rather than being cut, and a long
/// list takes two columns when one does not fit the height.
struct HelpLayout {
    struct Entry {
        var keys: String
        var lines: [String]
        var column: Int
        var row: Int
    }

    static let gap = 3
    var rect: Rect
    var keyWidth: Int
    var columnWidth: Int
    var entries: [Entry] = []
    /// Keys left out because even two columns do not fit (a very small terminal).
    var hidden = 0

    init(keys: [KeyHelp], body: Rect) {
        let keyWidth = min(16, keys.map { DisplayWidth.of($0.keys) }.max() ?? 4)
        let longest = keys.map { DisplayWidth.of($0.action) }.max() ?? 20
        let maxInner = max(10, body.width - 2 - 4)
        let rows = max(1, body.height - 2 - 1)  // box borders, the footer line
        func wrapped(_ width: Int) -> [[String]] {
            keys.map { Wrap.lines($0.action, width: max(4, width - keyWidth - 2)) }
        }
        // One column, as wide as the longest action allows.
        var columns = 1
        var columnWidth = min(maxInner, max(36, keyWidth + 2 + longest))
        var lines = wrapped(columnWidth)
        if lines.map(\.count).reduce(0, +) > rows, maxInner >= 2 * (keyWidth + 14) + Self.gap {
            columns = 2
            columnWidth = (maxInner - Self.gap) / 2
            lines = wrapped(columnWidth)
        }
        // Fill column by column, never splitting one key's lines across columns.
        var column = 0, row = 0, used = 0
        var entries: [Entry] = []
        for (key, text) in zip(keys, lines) {
            if row + text.count > rows {
                column += 1; row = 0
            }
            if column >= columns || text.count > rows { break }
            entries.append(Entry(keys: key.keys, lines: text, column: column, row: row))
            row += text.count
            used = max(used, row)
        }
        self.keyWidth = keyWidth
        self.columnWidth = columnWidth
        self.entries = entries
        hidden = keys.count - entries.count
        let innerWidth = columns * columnWidth + (columns - 1) * Self.gap
        let width = min(body.width - 2, innerWidth + 4)
        let height = min(body.height, used + 3)
        rect = Rect(x: body.x + (body.width - width) / 2, y: body.y + (body.height - height) / 2, width: width, height: height)
    }
}
