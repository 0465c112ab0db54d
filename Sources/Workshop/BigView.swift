import Instruments
import SessionEngine
import TerminalKit

/// A step's scores for the back of the room, filling the space below the step's title:
/// before the reveal how many groups have scored and who; after it each group's level in
/// digits that grow with the screen, the spread, the divergence warning and the agreed
/// level. Group names are whole where the columns are wide enough, else initials.
struct BigView {
    let session: SessionController
    let instrument: Instrument
    let summary: ElementSummary
    /// The group the number keys score, marked so the facilitator can keep typing.
    var selectedGroup: Int? = nil

    /// Rows needed, margins included; smaller screens keep the step's text.
    static let minimumHeight = BigDigits.height + 6
    /// Narrowest column for one group's digit.
    static let minimumColumn = 5
    /// Digits stop growing here; bigger would only push the words off the screen.
    static let largestScale = 8

    func draw(in rect: Rect, on canvas: inout Canvas) {
        guard !rect.isEmpty else { return }
        if summary.revealed { drawRevealed(in: rect, on: &canvas) } else { drawHidden(in: rect, on: &canvas) }
    }

    // MARK: Before the reveal

    private func drawHidden(in rect: Rect, on canvas: inout Canvas) {
        let groups = session.state.groups
        let glyphs = canvas.glyphs
        let text = "\(summary.respondedCount)/\(groups.count)"
        let who = RoomText.whoHasScored(groups: groups, summary: summary, width: rect.width, glyphs: glyphs)
        let words = who.count + 2
        let scale = min(Self.largestScale, BigDigits.scale(toFit: text, in: Size(width: rect.width, height: max(BigDigits.height, rect.height - words - 2))))
        let block = BigDigits.height(scale: scale) + 1 + words
        var y = rect.y + max(0, (rect.height - block) / 2)
        BigDigits.draw(text, x: rect.x + max(0, (rect.width - BigDigits.width(of: text, scale: scale)) / 2), y: y, scale: scale,
                       role: .accent, on: &canvas)
        y += BigDigits.height(scale: scale) + 1
        for line in who {
            RoomText.centre(line, y: y, in: rect, role: .text, on: &canvas)
            y += 1
        }
        y += 1
        let locked = summary.locked ? " · voting locked" : ""
        RoomText.centre("groups have scored\(locked); r reveals", y: y, in: rect, role: .muted, on: &canvas)
    }

    // MARK: After the reveal

    private func drawRevealed(in rect: Rect, on canvas: inout Canvas) {
        let groups = session.state.groups
        let scale = instrument.scale
        let glyphs = canvas.glyphs
        let footer = RoomText.outcome(summary, scale: scale, glyphs: glyphs)
        let fit = max(1, rect.width / Self.minimumColumn)
        let shown = Array(groups.prefix(fit))
        let hiddenCount = groups.count - shown.count
        let columnWidth = min(max(Self.minimumColumn, rect.width / max(1, shown.count)), 40)
        // Names whole when every one fits its column (on one line, or two when there is room).
        let names = shown.map(\.name)
        let nameRows: Int
        if names.allSatisfy({ DisplayWidth.of($0) <= columnWidth - 1 }) {
            nameRows = 1
        } else if rect.height >= 16, names.allSatisfy({ Wrap.lines($0, width: columnWidth - 1).count <= 2 }) {
            nameRows = 2
        } else {
            nameRows = 0   // initials
        }
        let headerRows = max(1, nameRows)
        let labelRow = 1
        // Level labels only when every one fits, so columns never mix words and bare digits.
        let showsLabels = scale.levels.allSatisfy { DisplayWidth.of($0.label) + 2 <= columnWidth - 1 }
        let wordsBelow = footer.count + (hiddenCount > 0 ? 1 : 0) + 1
        let digitRoom = Size(width: columnWidth - 2, height: rect.height - headerRows - labelRow - wordsBelow - 2)
        let digitScale = min(Self.largestScale, BigDigits.scale(toFit: "5", in: digitRoom))
        let block = headerRows + BigDigits.height(scale: digitScale) + labelRow + 1 + wordsBelow
        var y = rect.y + max(0, (rect.height - block) / 2)
        let startX = rect.x + max(0, (rect.width - shown.count * columnWidth) / 2)
        for (i, group) in shown.enumerated() {
            let x = startX + i * columnWidth
            let selected = selectedGroup == i
            let header: [String] = nameRows == 0 ? [group.initials] : Wrap.lines(group.name, width: columnWidth - 1)
            for (row, line) in header.prefix(headerRows).enumerated() {
                let text = DisplayWidth.truncate(line, to: columnWidth - 1, ellipsis: glyphs.ellipsis)
                canvas.text(text, x: x + (columnWidth - 1 - DisplayWidth.of(text)) / 2, y: y + row,
                            role: selected ? .selection : .title, emphasis: .bold)
            }
            let digitsY = y + headerRows
            let digitWidth = BigDigits.width(of: "5", scale: digitScale)
            let digitX = x + max(0, (columnWidth - 1 - digitWidth) / 2)
            let labelY = digitsY + BigDigits.height(scale: digitScale)
            switch summary.scores.first(where: { $0.group.id == group.id })?.score.answer {
            case .level(let value)?:
                BigDigits.draw("\(value)", x: digitX, y: digitsY, scale: digitScale, role: .accent, on: &canvas)
                let label = scale.label(for: value)
                let chip = showsLabels ? " \(label) " : " \(value) "
                canvas.text(chip, x: x + max(0, (columnWidth - 1 - DisplayWidth.of(chip)) / 2), y: labelY, role: Role.heat(value), emphasis: .bold)
            case .notApplicable?:
                canvas.text("n/a", x: x + max(0, (columnWidth - 4) / 2), y: digitsY + BigDigits.height(scale: digitScale) / 2, role: .heatNA)
            case .dontKnow?:
                let words = columnWidth - 1 >= DisplayWidth.of("don't know") ? "don't know" : "dk"
                canvas.text(words, x: x + max(0, (columnWidth - 1 - DisplayWidth.of(words)) / 2),
                            y: digitsY + BigDigits.height(scale: digitScale) / 2, role: .heatNA)
            case nil:
                let dash = glyphs.isUnicode ? "–" : "-"
                canvas.text(dash, x: x + (columnWidth - 1) / 2, y: digitsY + BigDigits.height(scale: digitScale) / 2, role: .muted)
                canvas.text("not scored", x: x + max(0, (columnWidth - 11) / 2), y: labelY, role: .muted, maxWidth: columnWidth - 1)
            }
        }
        y += headerRows + BigDigits.height(scale: digitScale) + labelRow + 1
        if hiddenCount > 0 {
            RoomText.centre("\(hiddenCount) more group\(hiddenCount == 1 ? "" : "s"): see m", y: y, in: rect, role: .muted, on: &canvas)
            y += 1
        }
        for line in footer {
            RoomText.centre(line.text, y: y, in: rect, role: line.role, on: &canvas)
            y += 1
        }
    }
}
