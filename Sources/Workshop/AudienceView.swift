import Foundation
import Instruments
import SessionEngine
import TerminalKit

/// What the room sees on the projector: where the facilitator is, in large type, with no
/// key hints. Before the reveal only who has scored; after it the spread as a dot plot,
/// the groups farthest apart and the agreed level. The triangle, the lists and the
/// matrices are the facilitator's own screens, drawn without the bars around them.
struct AudienceView {
    let context: WorkshopContext
    let focus: RoomFocus?
    let now: Date
    /// Shown small in a corner when the audience view has stopped following (`f`).
    var following = true

    func draw(in all: Rect, on canvas: inout Canvas) {
        guard let session = context.session else { return }
        let margin = all.width >= 120 ? 3 : 1
        let rect = all.inset(dx: margin, dy: all.height >= 36 ? 1 : 0)
        drawTopLine(session, in: rect, on: &canvas)
        let body = Rect(x: rect.x, y: rect.y + 1, width: rect.width, height: rect.height - 1)
        guard let focus else {
            drawWaiting(session, in: body, on: &canvas)
            return
        }
        switch focus.screen {
        case .element:
            guard let ref = focus.elementRef, let instrument = context.catalogue.instrument(ref.instrument),
                  let element = instrument.element(ref.element) else { return drawWaiting(session, in: body, on: &canvas) }
            drawElement(session, instrument, element, in: body, on: &canvas)
        case .triangle:
            let selected = focus.component.flatMap(ComponentID.init(rawValue:)) ?? .centre
            drawScreen(TriangleScreen(selected: selected), in: body, on: &canvas)
        case .component:
            let selected = focus.component.flatMap(ComponentID.init(rawValue:)) ?? .centre
            drawScreen(ComponentScreen(component: selected), in: body, on: &canvas)
        case .elementList:
            guard let id = focus.instrument, let instrument = context.catalogue.instrument(id) else {
                return drawWaiting(session, in: body, on: &canvas)
            }
            let index = focus.element.flatMap { e in instrument.elements.firstIndex { $0.id == e } } ?? 0
            drawScreen(ElementListScreen(instrument: id, selected: index), in: body, on: &canvas)
        case .matrices:
            let view = focus.view.flatMap(MatrixScreen.View.init(focusName:)) ?? .heatmap
            drawScreen(MatrixScreen(view: view), in: body, on: &canvas)
        case .summary:
            drawScreen(ClosingSummaryScreen(), in: body, on: &canvas)
        }
    }

    // MARK: Parts

    /// The session's title on the left, the timer on the right.
    private func drawTopLine(_ session: SessionController, in rect: Rect, on canvas: inout Canvas) {
        var right = ""
        var role = Role.muted
        if let timer = focus?.timer {
            right = TimerText.words(timer, now: now)
            role = TimerText.role(timer, now: now)
        }
        if !following { right = "not following" + (right.isEmpty ? "" : "  ·  " + right) }
        let rightWidth = DisplayWidth.of(right)
        if !right.isEmpty {
            canvas.text(right, x: rect.maxX - rightWidth, y: rect.y, role: role, emphasis: .bold)
        }
        let title = [session.info.title, session.info.place].filter { !$0.isEmpty }.joined(separator: " · ")
        canvas.text(title, x: rect.x, y: rect.y, role: .muted, maxWidth: max(0, rect.width - rightWidth - 2))
    }

    private func drawWaiting(_ session: SessionController, in rect: Rect, on canvas: inout Canvas) {
        let mid = rect.y + rect.height / 2 - 1
        RoomText.centre(session.info.title, y: mid, in: rect, role: .title, on: &canvas)
        RoomText.centre("The workshop will start shortly", y: mid + 2, in: rect, role: .muted, emphasis: [], on: &canvas)
    }

    private func drawScreen(_ screen: any Screen, in rect: Rect, on canvas: inout Canvas) {
        let area = rect.inset(dx: 0, dy: 1)
        canvas.clipped(to: area) { canvas in screen.render(into: &canvas, area: area, context: context) }
        canvas.cursor = nil
    }

    private func drawElement(_ session: SessionController, _ instrument: Instrument, _ element: Element, in rect: Rect, on canvas: inout Canvas) {
        let ref = ElementRef(instrument: instrument.id, element: element.id)
        let summary = session.summary(ref)
        let groups = session.state.groups
        let large = rect.width >= 160 && rect.height >= 45
        var y = rect.y + (rect.height >= 30 ? 1 : 0)
        let noun = ElementScreen.noun(for: instrument)
        RoomText.centre("\(instrument.short) · \(noun) \(element.number) of \(instrument.elements.count)", y: y, in: rect, role: .muted,
                        emphasis: [], on: &canvas)
        y += rect.height >= 30 ? 2 : 1
        // The title, letter-spaced on a big screen so it reads as a heading from the back.
        let role = context.triangle[instrument.placement].map(FrameworkStyle.role(for:)) ?? .accent
        let spaced = element.title.split(separator: " ").map { $0.map(String.init).joined(separator: " ") }.joined(separator: "   ")
        let lines = large && DisplayWidth.of(spaced) <= rect.width ? [spaced] : Array(Wrap.lines(element.title, width: rect.width).prefix(2))
        for line in lines {
            RoomText.centre(line, y: y, in: rect, role: role, on: &canvas)
            y += 1
        }
        y += large ? 2 : 1
        let questionWidth = min(rect.width, large ? max(60, rect.width * 2 / 3) : 76)
        let question = Wrap.lines(element.focus, width: questionWidth)
        // On a small screen the spread needs the question's rows once it is revealed: the
        // room read the question while it scored, and initials without their levels say nothing.
        let questionRows = summary.revealed && rect.height < 20 ? 0 : large ? 6 : 3
        for line in question.prefix(questionRows) {
            RoomText.centre(line, y: y, in: rect, role: .text, emphasis: large ? .bold : [], on: &canvas)
            y += 1
        }
        if questionRows > 0 { y += 1 }
        let rest = Rect(x: rect.x, y: y, width: rect.width, height: rect.maxY - y)
        if summary.revealed {
            drawRevealed(summary, groups: groups, scale: instrument.scale, in: rest, on: &canvas)
        } else {
            drawWhoHasScored(summary, groups: groups, in: rest, on: &canvas)
        }
    }

    /// Before the reveal: the count large, a dot per group, the names; never a level.
    private func drawWhoHasScored(_ summary: ElementSummary, groups: [Group], in rect: Rect, on canvas: inout Canvas) {
        guard !rect.isEmpty else { return }
        let glyphs = canvas.glyphs
        let dots = groups.map { g in summary.scores.contains { $0.group.id == g.id } ? glyphs.filledDot : glyphs.emptyDot }
            .map(String.init).joined(separator: " ")
        let count = "\(dots)  \(summary.respondedCount) of \(groups.count) groups in" + (summary.locked ? " · voting closed" : "")
        let names = RoomText.whoHasScored(groups: groups, summary: summary, width: rect.width, glyphs: glyphs)
        let words = 1 + (rect.height >= names.count + 8 ? names.count + 1 : 0)
        let digits = "\(summary.respondedCount)/\(groups.count)"
        let room = Size(width: rect.width, height: rect.height - words - 2)
        var y = rect.y
        if room.height >= BigDigits.height {
            let scale = min(BigView.largestScale, BigDigits.scale(toFit: digits, in: room))
            y += max(0, (room.height - BigDigits.height(scale: scale)) / 2)
            BigDigits.draw(digits, x: rect.x + max(0, (rect.width - BigDigits.width(of: digits, scale: scale)) / 2), y: y, scale: scale,
                           role: .accent, on: &canvas)
            y += BigDigits.height(scale: scale) + 1
        }
        RoomText.centre(count, y: y, in: rect, role: .accent, on: &canvas)
        y += 2
        if words > 1 {
            for line in names {
                RoomText.centre(line, y: y, in: rect, role: .muted, emphasis: [], on: &canvas)
                y += 1
            }
        }
    }

    /// After the reveal: the dot plot, who is farthest apart, the agreed level.
    private func drawRevealed(_ summary: ElementSummary, groups: [Group], scale: Scale, in rect: Rect, on canvas: inout Canvas) {
        guard !rect.isEmpty else { return }
        let outliers = RoomText.outliers(summary, width: rect.width)
        let agreed = summary.agreed.map { "Agreed: " + ScoringText.answer($0.answer, scale: scale) }
        let laterRound = (context.session?.state.round(of: summary.element) ?? 1) > 1
        // Groups that gave no level are named (not scored, n/a, don't know), so the plot is
        // never read as everyone: whole names when they fit, else initials. Their row is
        // kept before the plot is sized: at 80x24 the plot took it, and one score looked
        // like the room's agreement.
        let unplotted: [(String, [Group])] = [
            ("Not scored", summary.notScored),
            ("n/a", summary.scores.filter { $0.score.answer == .notApplicable }.map(\.group)),
            ("don't know", summary.scores.filter { $0.score.answer == .dontKnow }.map(\.group)),
        ].filter { !$0.1.isEmpty }
        var notes = outliers == nil ? 0 : 2
        if agreed != nil { notes += 2 }
        if laterRound { notes += 2 }
        if !unplotted.isEmpty && notes == 0 { notes = 1 }  // the notes below leave it a row of their own
        let plotWidth = min(rect.width, max(60, rect.width * 4 / 5))
        let room = Size(width: plotWidth, height: rect.height - notes)
        let (plot, digitScale) = DotPlot.fitted(summary: summary, groups: groups, scale: scale, in: room)
        let plotHeight = plot.height(width: plotWidth, digitScale: digitScale)
        var y = rect.y + max(0, (rect.height - notes - plotHeight) / 2)
        plot.draw(in: Rect(x: rect.x + (rect.width - plotWidth) / 2, y: y, width: plotWidth, height: plotHeight), digitScale: digitScale, on: &canvas)
        y += plotHeight + 1
        if summary.count == 0 {
            let none = summary.dontKnowCount > 0 ? (summary.notApplicableCount > 0 ? "Only not applicable and don't know were given" : "Every group said don't know")
                : summary.notApplicableCount > 0 ? "Every group said not applicable" : "No levels were given"
            RoomText.centre(none,
                            y: y - plotHeight / 2 - 1, in: rect, role: .muted, on: &canvas)
        }
        if !unplotted.isEmpty {
            let named = unplotted.map { "\($0.0): " + $0.1.map(\.name).joined(separator: ", ") }.joined(separator: " · ")
            let line = DisplayWidth.of(named) <= rect.width ? named
                : unplotted.map { "\($0.0): " + $0.1.map(\.initials).joined(separator: ", ") }.joined(separator: " · ")
            RoomText.centre(line, y: y - 1, in: rect, role: .muted, emphasis: [], on: &canvas)
        }
        // Below the plot, the agreed level last and most needed: on a short screen the
        // spacing goes first, then the outliers and the round, never the agreed level (at
        // 40x12 it was drawn below the screen's last row).
        var lines: [(text: String, role: Role)] = []
        if let outliers { lines.append((outliers, .warning)) }
        if let round = RoomText.roundLine(context.session!.state, summary.element, glyphs: canvas.glyphs) { lines.append((round, .accent)) }
        if let agreed { lines.append((agreed, .accent)) }
        let free = rect.maxY - y
        while lines.count > max(1, free) { lines.removeFirst() }
        let step = lines.count * 2 - 1 <= free ? 2 : 1
        y = min(y, rect.maxY - lines.count)
        for line in lines {
            RoomText.centre(line.text, y: y, in: rect, role: line.role, on: &canvas)
            y += line.text == agreed ? 1 : step
        }
        // The plot names the levels, so the room is told whose they are, where a row is free.
        if rect.maxY - 1 > y, DisplayWidth.of(ScaleOwnership.short) <= rect.width {
            RoomText.centre(ScaleOwnership.short, y: rect.maxY - 1, in: rect, role: .muted, emphasis: [], on: &canvas)
        }
    }
}
