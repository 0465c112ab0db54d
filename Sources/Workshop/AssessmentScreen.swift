import Instruments
import SessionEngine
import TerminalKit

/// A partner's own assessment across several instruments: each with how far it has got,
/// and, once every element is answered, which file to send to the facilitator.
public struct AssessmentScreen: Screen {
    public var selected = 0

    public init(selected: Int = 0) { self.selected = selected }

    public func title(context: WorkshopContext) -> String { "Self-assessment" }

    public func keys(context: WorkshopContext) -> [KeyHelp] {
        [KeyHelp("↑↓", "choose an instrument", hint: true, short: "choose"),
         KeyHelp("Enter", "open its elements", hint: true, short: "open"),
         KeyHelp("1-9", "open that instrument")]
    }

    func instruments(_ context: WorkshopContext) -> [Instrument] {
        (context.session?.info.instruments ?? []).compactMap { context.catalogue.instrument($0) }
    }

    public mutating func handle(_ key: Key, context: WorkshopContext) -> Navigation {
        let tools = instruments(context)
        guard !tools.isEmpty else { return .unhandled }
        switch key {
        case .down, .char("j"): selected = min(tools.count - 1, selected + 1)
        case .up, .char("k"): selected = max(0, selected - 1)
        case .enter, .right:
            return .push(ElementListScreen(instrument: tools[selected].id, selected: context.session?.firstUnanswered(in: tools[selected]) ?? 0))
        case .char(let c) where c.isNumber:
            guard let n = c.wholeNumberValue, n >= 1, n <= tools.count else { return .unhandled }
            selected = n - 1
            return .push(ElementListScreen(instrument: tools[selected].id, selected: context.session?.firstUnanswered(in: tools[selected]) ?? 0))
        default: return .unhandled
        }
        return .stay
    }

    public func render(into canvas: inout Canvas, area: Rect, context: WorkshopContext) {
        guard let session = context.session else { return }
        let inner = area.inset(dx: 1, dy: 0)
        var y = inner.y
        canvas.text(session.info.title, x: inner.x, y: y, role: .accent, emphasis: .bold, maxWidth: inner.width)
        y += 1
        y += min(3, canvas.paragraph(session.completionText(context.catalogue), in: Rect(x: inner.x, y: y, width: inner.width, height: 3),
                              role: session.isComplete(context.catalogue) ? .success : .muted))
        y += 1
        let tools = instruments(context)
        // Words are never cut: on a narrow screen the short name and the percentage only.
        let room = inner.width - 4 - DisplayWidth.of("\(tools.count)")
        let items = tools.enumerated().map { i, tool -> ListItem in
            let long = "\(tool.short): \(tool.title)", detail = session.progressText(tool)
            if DisplayWidth.of(long) + DisplayWidth.of(detail) + 2 <= room {
                return ListItem(long, detail: detail, role: .text, marker: "\(i + 1)")
            }
            let p = session.progress(tool)
            return ListItem(tool.short, detail: "\(Formatting.percent(p.scored, of: p.total)) done", role: .text, marker: "\(i + 1)")
        }
        ListView.draw(items, selected: selected, in: Rect(x: inner.x, y: y, width: inner.width, height: inner.maxY - y), on: &canvas)
    }
}

extension SessionController {
    /// The first element of `instrument` this partner has not answered, if any.
    func firstUnanswered(in instrument: Instrument) -> Int? {
        let me = state.groups.first?.id
        return instrument.elements.firstIndex { element in
            let scores = state.scores[ElementRef(instrument: instrument.id, element: element.id)] ?? [:]
            return me.map { scores[$0] == nil } ?? true
        }
    }

    func uses(_ instrumentID: String) -> Bool { info.instruments.contains(instrumentID) }

    /// The session's instruments, as loaded.
    func instruments(in catalogue: Catalogue) -> [Instrument] {
        info.instruments.compactMap { catalogue.instrument($0) }
    }

    /// Elements answered and elements in all, over every instrument of the session.
    func completion(_ catalogue: Catalogue) -> (answered: Int, total: Int) {
        instruments(in: catalogue).map(progress).reduce((0, 0)) { ($0.0 + $1.scored, $0.1 + $1.total) }
    }

    /// Every element of every instrument answered (a self-assessment's 100%).
    public func isComplete(_ catalogue: Catalogue) -> Bool {
        let c = completion(catalogue)
        return c.total > 0 && c.answered == c.total
    }

    /// "40% done overall (8/19 elements)" or, at 100%, which file to send.
    public func completionText(_ catalogue: Catalogue) -> String {
        let c = completion(catalogue)
        if isComplete(catalogue) {
            return "100% done: every element is answered. Send \(store.path) to your facilitator."
        }
        return "\(Formatting.percent(c.answered, of: c.total)) done overall (\(c.answered)/\(c.total) elements)"
    }

    /// Where a session opens: the screens to stack, the last on top. A workshop opens on
    /// the triangle, or where the facilitator was (`place`). A partner's own assessment
    /// opens on its instrument list (if several), and, when resumed part-way, on the first
    /// element still to answer.
    public func resumeScreens(catalogue: Catalogue, place: SessionPlace? = nil) -> [any Screen] {
        guard isSelfAssessment else {
            let back = place.flatMap { uses($0.instrument) ? $0.screens(catalogue: catalogue) : nil } ?? []
            return [TriangleScreen()] + back
        }
        let tools = instruments(in: catalogue)
        var stack: [any Screen] = tools.count > 1 ? [AssessmentScreen()] : []
        let started = completion(catalogue).answered > 0
        if started, let t = tools.firstIndex(where: { firstUnanswered(in: $0) != nil }), let e = firstUnanswered(in: tools[t]) {
            if tools.count > 1 { stack[0] = AssessmentScreen(selected: t) }
            stack.append(ElementListScreen(instrument: tools[t].id, selected: e))
            stack.append(ElementScreen(instrument: tools[t].id, index: e))
        } else if tools.count <= 1 {
            stack.append(ElementListScreen(instrument: tools.first?.id ?? info.instruments.first ?? "tool-a"))
        }
        return stack
    }
}
