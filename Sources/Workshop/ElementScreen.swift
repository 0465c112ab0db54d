import Instruments
import SessionEngine
import TerminalKit

/// One element of an instrument (a Tool A step): its focus, what good looks like, the
/// level descriptors and the questions to ask. ← → move between elements.
public struct ElementScreen: Screen {
    public var instrumentID: String
    public var index: Int
    public var scroll = 0
    /// The group whose score the number keys record (workshop sessions).
    public var selectedGroup = 0
    /// Scores in big digits in place of the step's text, for the back of the room.
    public var bigView = false
    /// The facilitator's guidance in place of the element's text (`i`).
    public var showGuidance = false

    public init(instrument: String, index: Int) {
        instrumentID = instrument
        self.index = index
    }

    public func title(context: WorkshopContext) -> String {
        guard let instrument = context.catalogue.instrument(instrumentID) else { return instrumentID }
        return "\(ElementScreen.noun(for: instrument)) \(index + 1)"
    }

    static func noun(for instrument: Instrument) -> String {
        instrument.placement == .centre ? "Step" : "Element"
    }

    public func keys(context: WorkshopContext) -> [KeyHelp] {
        let scoring = scoringKeys(context: context)
        // The room's keys sit with the scoring keys, so the help's wide navigation keys
        // share a column with the short global ones and every key fits at 80x24.
        let room = context.session.map { $0.isSelfAssessment } == false ? RoomTimerControl.keys + ElementScreen.roundKeys : []
        let notInSession = context.session.map { session in context.catalogue.instrument(instrumentID).map { !session.uses($0) } ?? false } == true
        return scoring + room + [
            KeyHelp("← →", "previous / next", hint: scoring.isEmpty),
            KeyHelp("↑↓ PgUp PgDn", "scroll the text", hint: scoring.isEmpty),
            KeyHelp("Home End", "top / bottom"),
            KeyHelp("i", showGuidance ? "back to the text" : Self.guidanceName(context: context),
                    hint: scoring.isEmpty, short: "guidance"),
        ] + (notInSession ? [KeyHelp("I", "add this tool to the session", hint: true, short: "add it")] : [])
    }

    func document(_ instrument: Instrument, _ element: Element, context: WorkshopContext, tick: Character) -> TextDocument {
        var doc = TextDocument()
        doc.paragraph(element.focus, role: .accent)
        if let line = timeLine(element, context: context) { doc.paragraph(line, role: .muted) }
        // What has been recorded here comes first, so a note typed at a second terminal
        // shows without scrolling or opening the transcript.
        if let session = context.session, session.uses(instrument) {
            let ref = ElementRef(instrument: instrument.id, element: element.id)
            let notes = session.state.notes(for: ref), actions = session.state.actions(for: ref)
            // Groups' notes on their scores stay hidden with the scores until the reveal.
            let showScoreNotes = session.summary(ref).revealed || session.isSelfAssessment
            let scoreNotes = !showScoreNotes ? [] : session.state.groups.compactMap { group in
                session.state.scores[ref]?[group.id]?.note.map { (group.name, $0) }
            }
            if !notes.isEmpty || !actions.isEmpty || !scoreNotes.isEmpty {
                doc.heading("Recorded here (e to edit)")
                for note in notes { doc.bullet(note.text) }
                for (group, note) in scoreNotes {
                    doc.bullet("\(group): \(note)", role: .muted)
                }
                for action in actions {
                    let who = [action.owner, action.due.map { "by \($0)" }].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: ", ")
                    doc.bullet(action.what + (who.isEmpty ? "" : " (\(who))"), marker: action.done ? "[\(tick)]" : "[ ]")
                }
            }
        }
        doc.heading("What good looks like")
        doc.paragraph(element.good)
        doc.heading("Levels")
        let labelWidth = instrument.scale.levels.map { DisplayWidth.of("\($0.value) \($0.label)") }.max() ?? 8
        for level in instrument.scale.levels {
            let descriptor = element.levels[level.value] ?? level.meaning
            doc.labelled("\(level.value) \(level.label)", descriptor, labelRole: Role.heat(level.value), width: labelWidth)
        }
        if instrument.scale.allowsNotApplicable {
            doc.labelled("0 N/A", "Not applicable: this has no bearing on the place or priority (not the same as don't know).",
                         labelRole: .heatNA, width: labelWidth)
        }
        doc.labelled("d DK", ElementScreen.dontKnowMeaning(selfAssessment: context.session?.isSelfAssessment == true),
                     labelRole: .heatNA, width: labelWidth)
        doc.paragraph(ScaleOwnership.note, role: .muted)
        doc.heading("Questions to ask")
        for (i, question) in element.questions.enumerated() { doc.bullet(question, marker: "\(i + 1).") }
        let links = element.links.compactMap { instrument.element($0) }
        if !links.isEmpty {
            doc.heading("Related")
            for link in links { doc.bullet("\(ElementScreen.noun(for: instrument)) \(link.number): \(link.title)", role: .muted) }
        }
        return doc
    }

    public mutating func handle(_ key: Key, context: WorkshopContext) -> Navigation {
        guard let instrument = context.catalogue.instrument(instrumentID) else { return .unhandled }
        if let navigation = handleScoring(key, instrument: instrument, context: context) { return navigation }
        if let navigation = handleNotInSession(key, instrument: instrument, context: context) { return navigation }
        if let navigation = handleRounds(key, instrument: instrument, context: context) { return navigation }
        if let session = context.session, !session.isSelfAssessment,
           let navigation = RoomTimerControl.handle(key, session: session, context: context,
                                                    seconds: plannedSeconds(context: context)) { return navigation }
        if key == .right, let next = nextInPlan(context: context) {
            if next.newItem, let name = context.catalogue.instrument(next.instrument)?.short { context.say("Next in the plan: \(name)") }
            instrumentID = next.instrument
            index = next.index; scroll = 0
            if let moved = context.catalogue.instrument(instrumentID) { selectFirstUnscoredGroup(instrument: moved, context: context) }
            return .stay
        }
        switch key {
        case .char("i"):
            showGuidance.toggle(); scroll = 0
            return .stay
        case .left where index > 0:
            index -= 1; scroll = 0
            selectFirstUnscoredGroup(instrument: instrument, context: context)
            return .stay
        case .right where index < instrument.elements.count - 1:
            index += 1; scroll = 0
            selectFirstUnscoredGroup(instrument: instrument, context: context)
            return .stay
        case .left, .right:
            context.say(index == 0 ? "This is the first one" : "This is the last one")
            return .stay
        default: break
        }
        // The text's room depends on the scoring panel: take it from the same drawing, off screen.
        let area = context.screenArea
        var scratch = Canvas(width: max(0, area.maxX), height: max(0, area.maxY))
        let body = draw(into: &scratch, area: area, context: context)
        let page = body.height
        if let next = Scrolling.offset(after: key, current: scroll, page: page), let element = instrument.elements[safe: index] {
            let total = bodyDocument(instrument, element, context: context, tick: scratch.glyphs.tick).lineCount(inWidth: body.width)
            scroll = Scrolling.clamp(next, total: total, visible: page)
            return .stay
        }
        return .unhandled
    }

    public func render(into canvas: inout Canvas, area: Rect, context: WorkshopContext) {
        draw(into: &canvas, area: area, context: context)
    }

    /// Draws the screen; returns where the scrolling text went.
    @discardableResult
    func draw(into canvas: inout Canvas, area: Rect, context: WorkshopContext) -> Rect {
        guard let instrument = context.catalogue.instrument(instrumentID), let element = instrument.elements[safe: index] else { return area }
        let inner = area.inset(dx: 1, dy: 0)
        let role = context.triangle[instrument.placement].map(FrameworkStyle.role(for:)) ?? .accent
        let noun = ElementScreen.noun(for: instrument)
        let heading = "\(instrument.short) · \(noun) \(element.number) of \(instrument.elements.count)"
        canvas.text(heading, x: inner.x, y: inner.y, role: .muted, maxWidth: inner.width)
        canvas.text(element.title, x: inner.x, y: inner.y + 1, role: role, emphasis: .bold, maxWidth: inner.width)
        var body = Rect(x: inner.x, y: inner.y + 3, width: inner.width, height: inner.height - 3)
        canvas.cursor = Point(x: inner.x, y: inner.y + 1)
        if let session = context.session, !session.uses(instrument) {
            canvas.text(ElementScreen.notInSessionNotice(instrument), x: inner.x, y: inner.y + 2, role: .warning, maxWidth: inner.width)
        }
        if let session = context.session, session.uses(instrument) {
            let progress = session.progressText(instrument)
            if inner.width - DisplayWidth.of(heading) > DisplayWidth.of(progress) + 4 {
                canvas.text(progress, x: inner.maxX - DisplayWidth.of(progress), y: inner.y, role: .muted)
            }
            if bigView, !session.isSelfAssessment, body.height >= BigView.minimumHeight {
                // The big view takes the whole space below the title: it shows all the panel does.
                BigView(session: session, instrument: instrument,
                        summary: session.summary(ElementRef(instrument: instrument.id, element: element.id)),
                        selectedGroup: selectedGroup)
                    .draw(in: body, on: &canvas)
                return body
            }
            let panel = ScoringPanel(session: session, instrument: instrument,
                                     summary: session.summary(ElementRef(instrument: instrument.id, element: element.id)),
                                     selectedGroup: selectedGroup, room: context.roomView)
            let panelRect: Rect
            if inner.width >= 100 {
                // Wide screens: the scores beside the text.
                let panelWidth = min(48, inner.width * 2 / 5)
                panelRect = Rect(x: inner.maxX - panelWidth, y: inner.y + 2, width: panelWidth, height: inner.height - 2)
                body.width -= panelWidth + 2
            } else {
                // Half the body for the scores, more if that is what keeps every essential line.
                let height = min(panel.preferredHeight(width: inner.width),
                                 max(min(panel.minimumHeight(width: inner.width), body.height - 2), body.height / 2 + 1, 4))
                panelRect = Rect(x: inner.x, y: body.y - 1, width: inner.width, height: height)
                body = Rect(x: body.x, y: panelRect.maxY, width: body.width, height: body.maxY - panelRect.maxY)
            }
            panel.draw(in: panelRect, on: &canvas)
        }
        bodyDocument(instrument, element, context: context, tick: canvas.glyphs.tick).draw(in: body, on: &canvas, scroll: scroll)
        return body
    }

    /// The element's text, or the facilitator's guidance when `i` has switched to it. A done
    /// action is marked with `tick`, as in the notes editor and the actions matrix.
    func bodyDocument(_ instrument: Instrument, _ element: Element, context: WorkshopContext, tick: Character) -> TextDocument {
        showGuidance ? FacilitatorGuidance.document(element, in: instrument, catalogue: context.catalogue,
                                                    selfAssessment: context.session?.isSelfAssessment == true)
            : document(instrument, element, context: context, tick: tick)
    }
}
