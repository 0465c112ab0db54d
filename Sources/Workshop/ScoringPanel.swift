import Instruments
import SessionEngine
import TerminalKit

/// The groups' scores for one element. Before the reveal it shows only who has
/// scored, so no group anchors on another's level; after it, every level, the spread
/// and whether the groups differ enough to discuss.
struct ScoringPanel {
    let session: SessionController
    let instrument: Instrument
    let summary: ElementSummary
    let selectedGroup: Int

    /// Rows the panel needs for its essentials.
    func preferredHeight() -> Int {
        session.isSelfAssessment ? 4 : session.state.groups.count + 5
    }

    func draw(in rect: Rect, on canvas: inout Canvas) {
        guard !rect.isEmpty else { return }
        canvas.box(rect, title: session.isSelfAssessment ? "Your assessment" : (summary.revealed ? "Scores (revealed)" : "Scores (hidden)"),
                   role: .border, titleRole: summary.revealed ? .accent : .title)
        let inner = rect.inset(dx: 2, dy: 1)
        var y = inner.y
        func line(_ text: String, role: Role = .text, emphasis: Emphasis = []) {
            guard y < inner.maxY else { return }
            canvas.text(text, x: inner.x, y: y, role: role, emphasis: emphasis, maxWidth: inner.width)
            y += 1
        }
        let scale = instrument.scale
        let glyphs = canvas.glyphs
        let dash = glyphs.isUnicode ? "–" : "-"

        if session.isSelfAssessment {
            if let score = summary.scores.first?.score {
                line("Your level: " + ScoringText.answer(score.answer, scale: scale), role: .accent, emphasis: .bold)
                if let note = score.note, !note.isEmpty { line(note, role: .muted) }
            } else {
                line("Not scored yet: press 1\(dash)\(scale.highest)" + (scale.allowsNotApplicable ? " or 0 for n/a" : ""), role: .muted)
            }
            drawFooter(y: y, inner: inner, canvas: &canvas)
            return
        }

        let groups = session.state.groups
        let nameWidth = min(max(8, groups.map { DisplayWidth.of($0.name) }.max() ?? 8), max(8, inner.width / 2))
        // On a small screen the rows scroll so the selected group is always in view.
        let rows = max(1, inner.height)
        let first = selectedGroup >= rows ? selectedGroup - rows + 1 : 0
        for (i, group) in groups.enumerated() where i >= first {
            guard y < inner.maxY else { break }
            let score = summary.scores.first { $0.group.id == group.id }?.score
            let isSelected = i == selectedGroup
            if isSelected {
                canvas.fill(Rect(x: inner.x - 1, y: y, width: inner.width + 2, height: 1), role: .selection)
                canvas.cursor = Point(x: inner.x, y: y)
            }
            let name = DisplayWidth.truncate(group.name, to: nameWidth, ellipsis: glyphs.ellipsis)
            canvas.text(name, x: inner.x, y: y, role: isSelected ? .selection : .text, maxWidth: nameWidth)
            let x = inner.x + nameWidth + 1
            if !summary.revealed {
                let mark = score == nil ? "\(glyphs.emptyDot) not yet" : "\(glyphs.filledDot) scored"
                canvas.text(mark, x: x, y: y, role: isSelected ? .selection : (score == nil ? .muted : .success), maxWidth: inner.maxX - x)
            } else if let score {
                switch score.answer {
                case .level(let value):
                    canvas.text(" \(value) ", x: x, y: y, role: Role.heat(value), emphasis: .bold)
                    canvas.text(scale.label(for: value), x: x + 4, y: y, role: isSelected ? .selection : .text, maxWidth: inner.maxX - x - 4)
                case .notApplicable:
                    canvas.text("n/a", x: x, y: y, role: .heatNA)
                case .dontKnow:
                    canvas.text("don't know", x: x, y: y, role: .heatNA)
                }
            } else {
                canvas.text("not scored", x: x, y: y, role: isSelected ? .selection : .muted, maxWidth: inner.maxX - x)
            }
            y += 1
        }
        y += 1
        if !summary.revealed {
            line("\(summary.respondedCount) of \(groups.count) groups have scored" + (summary.locked ? " · voting locked" : ""), role: .muted)
        } else {
            var text = ScoringText.spread(summary, dash: dash)
            if summary.notApplicableCount > 0 { text += ", \(summary.notApplicableCount) n/a" }
            if summary.dontKnowCount > 0 { text += ", \(summary.dontKnowCount) don't know" }
            line(text.prefix(1).uppercased() + text.dropFirst(), role: .text, emphasis: .bold)
            if summary.divergent, let range = summary.range {
                line("\(glyphs.warning) \(range) levels apart: discuss", role: .warning, emphasis: .bold)
            }
            // Who sits where on the scale.
            if inner.maxY - y >= scale.levels.count + 3 {
                for level in scale.levels.reversed() {
                    let who = (summary.groupsByLevel[level.value] ?? []).compactMap { id in groups.first { $0.id == id }?.initials }
                    canvas.text("\(level.value)", x: inner.x, y: y, role: Role.heat(level.value), emphasis: .bold)
                    // The bar is cells in the level's colour; the initials beside it carry the same facts without colour.
                    canvas.fill(Rect(x: inner.x + 2, y: y, width: who.count, height: 1), role: Role.heat(level.value))
                    canvas.text(who.joined(separator: " "), x: inner.x + 3 + who.count, y: y, role: .text, maxWidth: inner.maxX - inner.x - 3 - who.count)
                    y += 1
                }
            }
        }
        drawFooter(y: y, inner: inner, canvas: &canvas)
    }

    /// The agreed level, its reason and the counts of notes and actions.
    private func footer(width: Int) -> [(String, Role, Emphasis)] {
        var lines: [(String, Role, Emphasis)] = []
        let scale = instrument.scale
        if let agreed = summary.agreed {
            lines.append(("Agreed: " + ScoringText.answer(agreed.answer, scale: scale), .accent, .bold))
            for part in Wrap.lines(agreed.rationale, width: width).prefix(2) where !part.isEmpty { lines.append((part, .muted, [])) }
        }
        let notes = session.state.notes(for: summary.element).count
        let actions = session.state.actions(for: summary.element).count
        if notes + actions > 0 {
            lines.append(("\(notes) note\(notes == 1 ? "" : "s") · \(actions) action\(actions == 1 ? "" : "s")", .muted, []))
        }
        return lines
    }

    private func drawFooter(y: Int, inner: Rect, canvas: inout Canvas) {
        var y = y
        for (text, role, emphasis) in footer(width: inner.width) where y < inner.maxY {
            canvas.text(text, x: inner.x, y: y, role: role, emphasis: emphasis, maxWidth: inner.width)
            y += 1
        }
        // The agreed level big enough to read from the back of the room.
        if let agreed = summary.agreed, case .level(let value) = agreed.answer, inner.maxY - y >= BigDigits.height + 1 {
            BigDigits.draw("\(value)", x: inner.x, y: y + 1, role: .accent, on: &canvas)
        }
    }
}
