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
    /// The live room, when open: a group with a device gets ◉ and the count reads "N of M in".
    var room: LiveRoomView? = nil

    /// One line under the groups. Essential lines (what the README promises: the count
    /// or the spread, the divergence warning, the agreed level) are never dropped; the
    /// others go first when rows are short.
    struct Line {
        var text: String
        var role: Role
        var emphasis: Emphasis = []
        var essential = true
        /// The text goes on in the next line (a reason wrapped): if that line is not shown,
        /// this one ends with an ellipsis, so a cut reason never reads as a whole one.
        var continues = false
        /// This line goes on from the one before.
        var continuation = false
    }

    /// Marks each line whose continuation is not shown with an ellipsis.
    static func markingCuts(_ lines: [Line], width: Int) -> [Line] {
        var marked = lines
        for i in marked.indices where marked[i].continues && !(i + 1 < marked.count && marked[i + 1].continuation) {
            marked[i].text = DisplayWidth.truncate(marked[i].text + "…", to: max(1, width))
        }
        return marked
    }

    /// Narrowest column for two groups side by side.
    static let minimumColumnWidth = 30

    /// Rows the panel would like: every group on its own row and every line.
    func preferredHeight(width: Int) -> Int {
        let inner = max(1, width - 4)
        if session.isSelfAssessment { return 4 }
        return session.state.groups.count + 1 + summaryLines(width: inner, glyphs: .unicode).count + 2
    }

    /// Rows the panel needs so that nothing essential is dropped: groups two to a row
    /// where the width allows, the essential lines, the border.
    func minimumHeight(width: Int) -> Int {
        let inner = max(1, width - 4)
        if session.isSelfAssessment { return preferredHeight(width: width) }
        let groups = session.state.groups.count
        let rows = inner >= 2 * Self.minimumColumnWidth + 2 ? (groups + 1) / 2 : groups
        return rows + summaryLines(width: inner, glyphs: .unicode).filter(\.essential).count + 2
    }

    func draw(in rect: Rect, on canvas: inout Canvas) {
        guard !rect.isEmpty else { return }
        let round = session.state.round(of: summary.element)
        let scores = round > 1 ? "Scores, round \(round)" : "Scores"
        canvas.box(rect, title: session.isSelfAssessment ? "Your assessment" : scores + (summary.revealed ? " (revealed)" : " (hidden)"),
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
                line("Not scored yet", role: .muted)
                line("Press 1\(dash)\(scale.highest), d don't know" + (scale.allowsNotApplicable ? ", 0 n/a" : ""), role: .muted)
            }
            drawFooter(y: y, inner: inner, canvas: &canvas)
            return
        }

        let groups = session.state.groups
        var lines = summaryLines(width: inner.width, glyphs: glyphs)
        let essential = lines.filter(\.essential).count
        // Rows for the groups: all on their own rows, else two to a row, else a window
        // that scrolls so the selected group is always in view.
        let roomForGroups = max(1, inner.height - essential)
        let twoColumns = groups.count > roomForGroups && inner.width >= 2 * Self.minimumColumnWidth + 2
            && (groups.count + 1) / 2 <= roomForGroups
        let rows = twoColumns ? (groups.count + 1) / 2 : min(groups.count, roomForGroups)
        let columnWidth = twoColumns ? (inner.width - 2) / 2 : inner.width
        let first = twoColumns || selectedGroup < rows ? 0 : selectedGroup - rows + 1
        for (i, group) in groups.enumerated() where i >= first && i < first + rows * (twoColumns ? 2 : 1) {
            let row = twoColumns ? i % rows : i - first
            let x = inner.x + (twoColumns && i >= rows ? columnWidth + 2 : 0)
            drawGroup(group, index: i, at: Point(x: x, y: inner.y + row), width: columnWidth, on: &canvas)
        }
        if first > 0 || first + rows < groups.count, !twoColumns {
            // Say that more groups are out of view, on the border where it costs no row.
            let more = "\(groups.count - rows) more: Tab"
            canvas.text(" \(more) ", x: rect.maxX - DisplayWidth.of(more) - 4, y: rect.maxY - 1, role: .muted)
        }
        y = inner.y + rows
        // Optional lines give way, last first, until the essential ones fit.
        var spare = inner.maxY - y - essential
        if spare > 0, groups.count > 0 { y += 1; spare -= 1 }
        var optional = lines.count - essential
        while optional > spare, let drop = lines.lastIndex(where: { !$0.essential }) {
            lines.remove(at: drop)
            optional -= 1
        }
        spare -= optional
        for l in Self.markingCuts(lines, width: inner.width) { line(l.text, role: l.role, emphasis: l.emphasis) }
        if summary.revealed, spare >= scale.levels.count + 1 {
            // Who sits where on the scale.
            y += 1
            for level in scale.levels.reversed() {
                let who = (summary.groupsByLevel[level.value] ?? []).compactMap { id in groups.first { $0.id == id }?.initials }
                canvas.text("\(level.value)", x: inner.x, y: y, role: Role.heat(level.value), emphasis: .bold)
                // The bar is cells in the level's colour; the initials beside it carry the same facts without colour.
                canvas.fill(Rect(x: inner.x + 2, y: y, width: who.count, height: 1), role: Role.heat(level.value))
                canvas.text(who.joined(separator: " "), x: inner.x + 3 + who.count, y: y, role: .text, maxWidth: inner.maxX - inner.x - 3 - who.count)
                y += 1
            }
        } else if let agreed = summary.agreed, case .level(let value) = agreed.answer, inner.maxY - y >= BigDigits.height + 1 {
            // The agreed level big enough to read from the back of the room.
            BigDigits.draw("\(value)", x: inner.x, y: y + 1, role: .accent, on: &canvas)
        }
    }

    /// One group's row: its name, then "scored" before the reveal or its level after.
    private func drawGroup(_ group: Group, index: Int, at point: Point, width: Int, on canvas: inout Canvas) {
        let glyphs = canvas.glyphs
        let scale = instrument.scale
        let score = summary.scores.first { $0.group.id == group.id }?.score
        let isSelected = index == selectedGroup
        let y = point.y
        if isSelected {
            canvas.fill(Rect(x: point.x - 1, y: y, width: width + 2, height: 1), role: .selection)
            canvas.cursor = Point(x: point.x, y: y)
        }
        let groups = session.state.groups
        // Names whole where they fit; the level's label only when every label fits, so
        // rows never mix labelled and bare digits and no label is cut mid-word.
        let markWidth = summary.revealed ? DisplayWidth.of("not scored") : DisplayWidth.of("○ not yet")
        let nameWidth = min(max(8, groups.map { DisplayWidth.of($0.name) }.max() ?? 8), max(4, width - markWidth - 1))
        let longestLabel = scale.levels.map { DisplayWidth.of($0.label) }.max() ?? 0
        let showsLabels = nameWidth + 1 + 4 + longestLabel <= width
        let name = DisplayWidth.truncate(group.name, to: nameWidth, ellipsis: glyphs.ellipsis)
        canvas.text(name, x: point.x, y: y, role: isSelected ? .selection : .text, maxWidth: nameWidth)
        let x = point.x + nameWidth + 1
        let room = point.x + width - x
        if !summary.revealed {
            let mark = score == nil ? "\(glyphs.emptyDot) not yet" : "\(glyphs.filledDot) scored"
            canvas.text(mark, x: x, y: y, role: isSelected ? .selection : (score == nil ? .muted : .success), maxWidth: room)
        } else if let score {
            switch score.answer {
            case .level(let value):
                canvas.text(" \(value) ", x: x, y: y, role: Role.heat(value), emphasis: .bold)
                if showsLabels {
                    canvas.text(scale.label(for: value), x: x + 4, y: y, role: isSelected ? .selection : .text, maxWidth: room - 4)
                }
            case .notApplicable:
                canvas.text("n/a", x: x, y: y, role: .heatNA)
            case .dontKnow:
                canvas.text("don't know", x: x, y: y, role: .heatNA, maxWidth: room)
            }
        } else {
            canvas.text("not scored", x: x, y: y, role: isSelected ? .selection : .muted, maxWidth: room)
        }
        if let presence = self.room?.presence(group.id), presence.devices > 0 {
            canvas.text(glyphs.isUnicode ? "◉" : "@", x: point.x + width - 1, y: y, role: isSelected ? .selection : .accent)
        }
    }

    /// The lines under the groups, in order.
    func summaryLines(width: Int, glyphs: Glyphs) -> [Line] {
        let dash = glyphs.isUnicode ? "–" : "-"
        var lines: [Line] = []
        let groups = session.state.groups
        if let room, !summary.revealed {
            lines.append(Line(text: "\(summary.respondedCount) of \(groups.count) in · \(room.withDevice) with a device (\(glyphs.isUnicode ? "◉" : "@"))"
                              + (summary.locked ? " · locked" : ""), role: .muted))
        } else if !summary.revealed {
            lines.append(Line(text: "\(summary.respondedCount) of \(groups.count) groups have scored" + (summary.locked ? " · voting locked" : ""),
                              role: .muted))
        } else {
            var text = ScoringText.spread(summary, dash: dash)
            if summary.notApplicableCount > 0 { text += ", \(summary.notApplicableCount) n/a" }
            if summary.dontKnowCount > 0 { text += ", \(summary.dontKnowCount) don't know" }
            lines.append(Line(text: Formatting.sentence(text), role: .text, emphasis: .bold))
            if summary.divergent, let range = summary.range {
                lines.append(Line(text: "\(glyphs.warning) \(range) levels apart: discuss", role: .warning, emphasis: .bold))
            }
            if let round = RoomText.roundLine(session.state, summary.element, glyphs: glyphs) {
                lines.append(Line(text: round, role: .accent, emphasis: .bold))
            }
        }
        return lines + footerLines(width: width)
    }

    /// The agreed level, its reason (up to three lines) and the counts of notes and
    /// actions. The agreed level and the first line of its reason are essential.
    private func footerLines(width: Int) -> [Line] {
        var lines: [Line] = []
        let scale = instrument.scale
        if let agreed = summary.agreed {
            lines.append(Line(text: "Agreed: " + ScoringText.answer(agreed.answer, scale: scale), role: .accent, emphasis: .bold))
            let parts = Wrap.lines(agreed.rationale, width: width).filter { !$0.isEmpty }
            for (i, part) in parts.prefix(3).enumerated() {
                lines.append(Line(text: part, role: .muted, essential: i == 0, continues: i < parts.count - 1, continuation: i > 0))
            }
        }
        let notes = session.state.notes(for: summary.element).count
        let actions = session.state.actions(for: summary.element).count
        if notes + actions > 0 {
            lines.append(Line(text: "\(notes) note\(notes == 1 ? "" : "s") · \(actions) action\(actions == 1 ? "" : "s")", role: .muted,
                              essential: false))
        }
        return lines
    }

    private func footer(width: Int) -> [(String, Role, Emphasis)] {
        Self.markingCuts(footerLines(width: width), width: width).map { ($0.text, $0.role, $0.emphasis) }
    }

    /// The self-assessment's footer: the same lines, then the agreed level in big digits.
    private func drawFooter(y: Int, inner: Rect, canvas: inout Canvas) {
        var y = y
        for (text, role, emphasis) in footer(width: inner.width) where y < inner.maxY {
            canvas.text(text, x: inner.x, y: y, role: role, emphasis: emphasis, maxWidth: inner.width)
            y += 1
        }
        if let agreed = summary.agreed, case .level(let value) = agreed.answer, inner.maxY - y >= BigDigits.height + 1 {
            BigDigits.draw("\(value)", x: inner.x, y: y + 1, role: .accent, on: &canvas)
        }
    }
}
