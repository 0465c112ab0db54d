import Instruments
import SessionEngine
import TerminalKit

/// The scores of one step in digits five rows tall, for the back of the room: before
/// the reveal only how many groups have scored, after it each group's level.
struct BigView {
    let session: SessionController
    let instrument: Instrument
    let summary: ElementSummary

    /// Rows needed, margins included; smaller screens keep the step's text.
    static let minimumHeight = BigDigits.height + 6

    func draw(in rect: Rect, on canvas: inout Canvas) {
        let groups = session.state.groups
        let dash = canvas.glyphs.isUnicode ? "–" : "-"
        if !summary.revealed {
            let text = "\(summary.respondedCount)/\(groups.count)"
            let x = rect.x + max(0, (rect.width - BigDigits.width(of: text)) / 2)
            BigDigits.draw(text, x: x, y: rect.y + 1, role: .accent, on: &canvas)
            centre("groups have scored; r reveals", y: rect.y + BigDigits.height + 2, in: rect, role: .muted, on: &canvas)
            return
        }
        // One column per group: its initials, then its level in big digits.
        let columnWidth = 7
        let fit = max(1, rect.width / columnWidth)
        let shown = Array(groups.prefix(fit))
        let startX = rect.x + max(0, (rect.width - shown.count * columnWidth) / 2)
        for (i, group) in shown.enumerated() {
            let x = startX + i * columnWidth
            let initials = DisplayWidth.truncate(group.initials, to: columnWidth - 1)
            canvas.text(initials, x: x + (columnWidth - 1 - DisplayWidth.of(initials)) / 2, y: rect.y, role: .title, emphasis: .bold)
            switch summary.scores.first(where: { $0.group.id == group.id })?.score.answer {
            case .level(let value)?:
                BigDigits.draw("\(value)", x: x + 1, y: rect.y + 1, role: .accent, on: &canvas)
                canvas.text(" \(value) ", x: x + 1, y: rect.y + BigDigits.height + 1, role: Role.heat(value), emphasis: .bold)
            case .notApplicable?:
                canvas.text("n/a", x: x + 1, y: rect.y + 3, role: .heatNA)
            case .dontKnow?:
                canvas.text("dk", x: x + 1, y: rect.y + 3, role: .heatNA)
            case nil:
                canvas.text(dash, x: x + 2, y: rect.y + 3, role: .muted)
            }
        }
        var line = ScoringText.spread(summary, dash: dash)
        if summary.divergent, let range = summary.range { line += "  \(canvas.glyphs.warning) \(range) levels apart: discuss" }
        if shown.count < groups.count { line += "  (\(groups.count - shown.count) more groups: see m)" }
        centre(line.prefix(1).uppercased() + line.dropFirst(), y: rect.y + BigDigits.height + 3, in: rect,
               role: summary.divergent ? .warning : .text, on: &canvas)
    }

    private func centre(_ text: String, y: Int, in rect: Rect, role: Role, on canvas: inout Canvas) {
        guard y < rect.maxY else { return }
        let shown = DisplayWidth.truncate(text, to: rect.width, ellipsis: canvas.glyphs.ellipsis)
        canvas.text(shown, x: rect.x + max(0, (rect.width - DisplayWidth.of(shown)) / 2), y: y, role: role, emphasis: .bold)
    }
}
