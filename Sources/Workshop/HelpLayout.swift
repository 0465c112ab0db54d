import TerminalKit

/// Where the help overlay puts each key: actions wrap rather than being cut, and a long
/// list takes two columns when one does not fit the height, split where the two columns
/// come out most even. Each column's keys are as wide as its own longest key.
struct HelpLayout {
    struct Entry {
        var keys: String
        var lines: [String]
        var column: Int
        var row: Int
    }

    static let gap = 3
    var rect: Rect
    /// Each column's key width.
    var keyWidths: [Int]
    var columnWidth: Int
    var entries: [Entry] = []
    /// Keys left out because even two columns do not fit (a very small terminal).
    var hidden = 0

    static func keyWidth(_ keys: ArraySlice<KeyHelp>) -> Int { min(16, keys.map { DisplayWidth.of($0.keys) }.max() ?? 4) }

    static func wrap(_ keys: ArraySlice<KeyHelp>, columnWidth: Int) -> [[String]] {
        let width = max(4, columnWidth - keyWidth(keys) - 2)
        return keys.map { Wrap.lines($0.action, width: width) }
    }

    init(keys: [KeyHelp], body: Rect) {
        let all = keys[...]
        let longest = keys.map { DisplayWidth.of($0.action) }.max() ?? 20
        let maxInner = max(10, body.width - 2 - 4)
        let rows = max(1, body.height - 2 - 1)  // box borders, the footer line
        // One column, as wide as the longest action allows.
        var columnWidth = min(maxInner, max(36, Self.keyWidth(all) + 2 + longest))
        var columns: [ArraySlice<KeyHelp>] = [all]
        var wrapped = [Self.wrap(all, columnWidth: columnWidth)]
        if wrapped[0].map(\.count).reduce(0, +) > rows, keys.count > 1, maxInner >= 2 * 20 + Self.gap {
            columnWidth = (maxInner - Self.gap) / 2
            var best: (height: Int, split: Int) = (Int.max, keys.count / 2)
            for split in 1..<keys.count {
                let left = Self.wrap(all[..<split], columnWidth: columnWidth).map(\.count).reduce(0, +)
                let right = Self.wrap(all[split...], columnWidth: columnWidth).map(\.count).reduce(0, +)
                if max(left, right) < best.height { best = (max(left, right), split) }
            }
            columns = [all[..<best.split], all[best.split...]]
            wrapped = columns.map { Self.wrap($0, columnWidth: columnWidth) }
            if best.height > rows {
                // Not all fit: the left column is filled first and the right one goes on from
                // where it stopped, so a page shows a run of keys and the next page starts
                // after it (a balanced split left keys out from the middle of the list).
                let lines = Self.wrap(all, columnWidth: columnWidth)
                var split = 0, height = 0
                while split < keys.count, height + lines[split].count <= rows { height += lines[split].count; split += 1 }
                split = max(1, split)
                columns = [all[..<split], all[split...]]
                wrapped = columns.map { Self.wrap($0, columnWidth: columnWidth) }
            }
        }
        var entries: [Entry] = []
        var used = 0
        var full = false
        for (c, (column, lines)) in zip(columns, wrapped).enumerated() where !full {
            var row = 0
            for (key, text) in zip(column, lines) {
                if row + text.count > rows { full = true; break }
                entries.append(Entry(keys: key.keys, lines: text, column: c, row: row))
                row += text.count
            }
            used = max(used, row)
        }
        self.entries = entries
        self.columnWidth = columnWidth
        keyWidths = columns.map { Self.keyWidth($0) }
        hidden = keys.count - entries.count
        let innerWidth = columns.count * columnWidth + (columns.count - 1) * Self.gap
        let width = min(body.width - 2, innerWidth + 4)
        let height = min(body.height, used + 3)
        rect = Rect(x: body.x + (body.width - width) / 2, y: body.y + (body.height - height) / 2, width: width, height: height)
    }
}
