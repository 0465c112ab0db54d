import Instruments
import TerminalKit

/// An instrument's elements as a list (Tool A: the 10 planning steps).
public struct ElementListScreen: Screen {
    public var instrumentID: String
    public var selected = 0

    public init(instrument: String, selected: Int = 0) {
        instrumentID = instrument
        self.selected = selected
    }

    /// Opens an instrument's list, or explains why it cannot.
    static func open(_ id: String, context: WorkshopContext) -> Navigation {
        guard context.catalogue.instrument(id) != nil else {
            context.say("The instrument \(id) is not loaded; see `pit instruments list`", error: true)
            return .stay
        }
        return .push(ElementListScreen(instrument: id))
    }

    public func title(context: WorkshopContext) -> String { context.catalogue.instrument(instrumentID)?.short ?? instrumentID }

    public func keys(context: WorkshopContext) -> [KeyHelp] {
        [
            KeyHelp("↑↓", "choose", hint: true),
            KeyHelp("Enter", "open", hint: true),
            KeyHelp("Home End", "first / last"),
            KeyHelp("i", "who should be in the room, and the sources", hint: true, short: "who"),
        ]
    }

    public mutating func handle(_ key: Key, context: WorkshopContext) -> Navigation {
        guard let instrument = context.catalogue.instrument(instrumentID) else { return .unhandled }
        let count = instrument.elements.count
        switch key {
        case .down, .char("j"): selected = min(count - 1, selected + 1)
        case .up, .char("k"): selected = max(0, selected - 1)
        case .home: selected = 0
        case .end: selected = count - 1
        case .pageDown: selected = min(count - 1, selected + max(1, context.viewSize.height - 4))
        case .pageUp: selected = max(0, selected - max(1, context.viewSize.height - 4))
        case .enter, .right: return .push(ElementScreen(instrument: instrumentID, index: selected))
        case .char("i"): return .push(InstrumentAboutScreen(instrument: instrumentID))
        case .char(let c) where c.isNumber:
            guard let n = c.wholeNumberValue, n >= 1, n <= count else { return .unhandled }
            selected = n - 1
            return .push(ElementScreen(instrument: instrumentID, index: selected))
        default: return .unhandled
        }
        return .stay
    }

    public func render(into canvas: inout Canvas, area: Rect, context: WorkshopContext) {
        context.viewSize = Size(width: area.width, height: area.height)
        guard let instrument = context.catalogue.instrument(instrumentID) else { return }
        let inner = area.inset(dx: 1, dy: 0)
        let role = context.triangle[instrument.placement].map(FrameworkStyle.role(for:)) ?? .accent
        canvas.text("\(instrument.short): \(instrument.title)", x: inner.x, y: inner.y, role: role, emphasis: .bold, maxWidth: inner.width)
        var top = inner.y + 1
        if let session = context.session {
            canvas.text(session.progressText(instrument), x: inner.x, y: top, role: .muted, maxWidth: inner.width)
            top += 1
        }
        let summaryHeight = inner.height >= 20 ? 3 : 0
        if summaryHeight > 0 {
            let lines = Wrap.lines(instrument.summary, width: inner.width)
            for (i, line) in lines.prefix(summaryHeight - 1).enumerated() {
                canvas.text(line, x: inner.x, y: top + i, role: .muted)
            }
            top += summaryHeight
        } else {
            top += 1
        }
        let items = instrument.elements.map { element -> ListItem in
            let section = element.section.flatMap { id in instrument.sections.first { $0.id == id }?.title } ?? ""
            let mark = context.session.map { ScoringText.mark($0, instrument, element, glyphs: canvas.glyphs) } ?? ""
            let detail = [mark, inner.width >= 70 ? section : ""].filter { !$0.isEmpty }.joined(separator: "  ")
            return ListItem("\(element.title)", detail: detail, role: .text, marker: element.number < 10 ? " \(element.number)" : "\(element.number)")
        }
        ListView.draw(items, selected: selected, in: Rect(x: inner.x, y: top, width: inner.width, height: inner.maxY - top - 1), on: &canvas)
        if let element = instrument.elements[safe: selected] {
            canvas.text(DisplayWidth.truncate(element.focus, to: inner.width, ellipsis: canvas.glyphs.ellipsis),
                        x: inner.x, y: inner.maxY - 1, role: .accent)
        }
    }
}

extension Array {
    subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
