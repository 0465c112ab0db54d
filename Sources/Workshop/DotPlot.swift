import Instruments
import SessionEngine
import TerminalKit

/// The groups' levels as a dot plot over the scale, for the audience: one column per
/// level, each group's initials stacked above its level in the level's colour, the axis
/// with the level numbers (in big digits when there is room) and labels, then the median
/// and the range marked under the axis.
struct DotPlot {
    let summary: ElementSummary
    let groups: [Group]
    let scale: Scale
    /// Rows per chip of initials: 1, or 4 (three of colour and a gap) on a big screen.
    var chipRows = 1

    /// The axis digits stay modest so the groups, not the scale, draw the eye.
    static let largestDigitScale = 2

    /// Rows the plot needs at a width, with digits of `digitScale` (0: plain numbers).
    func height(width: Int, digitScale: Int) -> Int {
        stackRows(width: width) * chipRows + (digitScale > 0 ? BigDigits.height(scale: digitScale) : 1) + 3
    }

    /// The plot for a space: big chips and digits when they fit, else small ones.
    static func fitted(summary: ElementSummary, groups: [Group], scale: Scale, in size: Size) -> (plot: DotPlot, digitScale: Int) {
        for rows in [4, 1] {
            let plot = DotPlot(summary: summary, groups: groups, scale: scale, chipRows: rows)
            let digits = plot.digitScale(for: size)
            if rows == 1 || (digits >= 1 && plot.height(width: size.width, digitScale: digits) <= size.height) {
                return (plot, digits)
            }
        }
        return (DotPlot(summary: summary, groups: groups, scale: scale), 0)
    }

    private func columnWidth(_ width: Int) -> Int { max(4, width / max(1, scale.levels.count)) }

    private func initials(at level: Int) -> [String] {
        (summary.groupsByLevel[level] ?? []).compactMap { id in groups.first { $0.id == id }?.initials }
    }

    private func stacks(width: Int) -> [Int: [String]] {
        var out: [Int: [String]] = [:]
        for level in scale.levels {
            out[level.value] = RoomText.pack(initials(at: level.value), width: columnWidth(width) - 1)
        }
        return out
    }

    private func stackRows(width: Int) -> Int { max(1, stacks(width: width).values.map(\.count).max() ?? 1) }

    /// The largest digit scale that keeps the plot within `size` (0 when plain numbers must do).
    func digitScale(for size: Size) -> Int {
        let column = columnWidth(size.width)
        var best = 0
        for s in 1...Self.largestDigitScale {
            if BigDigits.width(of: "5", scale: s) > column - 2 { break }
            if height(width: size.width, digitScale: s) > size.height { break }
            best = s
        }
        return best
    }

    func draw(in rect: Rect, digitScale: Int, on canvas: inout Canvas) {
        let column = columnWidth(rect.width)
        let left = rect.x + max(0, (rect.width - column * scale.levels.count) / 2)
        func centreX(_ level: Int) -> Int {
            let i = scale.levels.firstIndex { $0.value == level } ?? 0
            return left + i * column + (column - 1) / 2
        }
        let stacks = stacks(width: rect.width)
        let rows = stackRows(width: rect.width)
        var y = rect.y
        // Dots: initials stacked from the axis up.
        for level in scale.levels {
            let lines = stacks[level.value] ?? []
            for (i, line) in lines.enumerated() {
                let top = y + (rows - lines.count + i) * chipRows
                let chipWidth = min(column - 1, DisplayWidth.of(line) + (chipRows > 1 ? 4 : 2))
                let x = centreX(level.value) - chipWidth / 2
                // A chip of the level's colour; the initials on it say the same without colour.
                let fill = chipRows == 1 ? 1 : chipRows - 1
                canvas.fill(Rect(x: x, y: top, width: chipWidth, height: fill), role: Role.heat(level.value))
                canvas.text(line, x: centreX(level.value) - DisplayWidth.of(line) / 2, y: top + (fill - 1) / 2,
                            role: Role.heat(level.value), emphasis: .bold, maxWidth: column - 1)
            }
        }
        y += rows * chipRows
        // The axis: level numbers, large when there is room.
        for level in scale.levels {
            if digitScale > 0 {
                let w = BigDigits.width(of: "\(level.value)", scale: digitScale)
                BigDigits.draw("\(level.value)", x: centreX(level.value) - w / 2, y: y, scale: digitScale,
                               role: initials(at: level.value).isEmpty ? .muted : .accent, on: &canvas)
            } else {
                canvas.text("\(level.value)", x: centreX(level.value), y: y, role: initials(at: level.value).isEmpty ? .muted : .accent,
                            emphasis: .bold)
            }
        }
        y += digitScale > 0 ? BigDigits.height(scale: digitScale) : 1
        for level in scale.levels {
            let label = DisplayWidth.truncate(level.label, to: column - 1, ellipsis: canvas.glyphs.ellipsis)
            let shown = DisplayWidth.of(level.label) <= column - 1 ? label : ""
            canvas.text(shown, x: centreX(level.value) - DisplayWidth.of(shown) / 2, y: y, role: .muted)
        }
        y += 1
        // The range as a bracket under the levels, the median marked on it.
        guard let low = summary.min, let high = summary.max, let median = summary.median else { return }
        let glyphs = canvas.glyphs
        let x0 = centreX(low), x1 = centreX(high)
        if x1 > x0 {
            let line = glyphs.isUnicode ? "─" : "-"
            canvas.text(String(repeating: line, count: x1 - x0 + 1), x: x0, y: y, role: .muted)
            canvas.text(glyphs.isUnicode ? "├" : "|", x: x0, y: y, role: .muted)
            canvas.text(glyphs.isUnicode ? "┤" : "|", x: x1, y: y, role: .muted)
        }
        // The median sits between two levels when it is a half.
        let lowerLevel = Int(median.rounded(.down)), upperLevel = Int(median.rounded(.up))
        let mx = (centreX(lowerLevel) + centreX(upperLevel)) / 2
        canvas.text(glyphs.isUnicode ? "▲" : "^", x: mx, y: y, role: .accent, emphasis: .bold)
        let dash = glyphs.isUnicode ? "–" : "-"
        let words = "median \(ScoringText.level(median)) · " + (low == high ? "all at \(low)" : "range \(low)\(dash)\(high)")
        let wx = min(max(rect.x, mx - DisplayWidth.of(words) / 2), rect.maxX - DisplayWidth.of(words))
        canvas.text(words, x: max(rect.x, wx), y: y + 1, role: .text, emphasis: .bold, maxWidth: rect.width)
    }
}

extension RoomText {
    /// The groups farthest apart, for "Residents 1 · Voluntary Sector 5: discuss"; nil
    /// unless the levels diverge. Whole names when the line fits, else initials.
    static func outliers(_ summary: ElementSummary, width: Int) -> String? {
        guard summary.divergent, let low = summary.min, let high = summary.max else { return nil }
        let ends = summary.scores.compactMap { answer -> (Group, Int)? in
            guard let level = answer.score.answer.level, level == low || level == high else { return nil }
            return (answer.group, level)
        }.sorted { $0.1 < $1.1 }
        for name in [{ (g: Group) in g.name }, { (g: Group) in g.initials }] {
            let line = ends.map { "\(name($0.0)) \($0.1)" }.joined(separator: " · ") + ": discuss"
            if DisplayWidth.of(line) <= width { return line }
        }
        return ends.map { "\($0.0.initials) \($0.1)" }.joined(separator: " · ") + ": discuss"
    }
}
