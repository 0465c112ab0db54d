import Instruments
import TerminalKit

/// An instrument's elements as a list (Tool A: the 10 planning steps).
public struct ElementListScreen: Screen {
    public var instrumentID: String
    public var selected = 0
    /// Digits typed so far towards an element number ("1" may become "10").
    public var typedNumber = ""

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
            KeyHelp("1-\(context.catalogue.instrument(instrumentID)?.elements.count ?? 9)",
                    "type a number to open that one (1 then 0 for 10; 1 then Enter for 1)"),
            KeyHelp("i", "who should be in the room, and the sources", hint: true, short: "who"),
        ]
    }

    public mutating func handle(_ key: Key, context: WorkshopContext) -> Navigation {
        guard let instrument = context.catalogue.instrument(instrumentID) else { return .unhandled }
        let count = instrument.elements.count
        if case .char(let c) = key, let digit = c.wholeNumberValue, c.isASCII {
            return typeDigit(digit, count: count)
        }
        typedNumber = ""
        switch key {
        case .down, .char("j"): selected = min(count - 1, selected + 1)
        case .up, .char("k"): selected = max(0, selected - 1)
        case .home: selected = 0
        case .end: selected = count - 1
        case .pageDown: selected = min(count - 1, selected + max(1, context.screenArea.height - 4))
        case .pageUp: selected = max(0, selected - max(1, context.screenArea.height - 4))
        case .enter, .right: return .push(ElementScreen(instrument: instrumentID, index: selected))
        case .char("i"): return .push(InstrumentAboutScreen(instrument: instrumentID))
        default: return .unhandled
        }
        return .stay
    }

    /// Digits pick an element by number without a timer: the number opens as soon as no
    /// further digit could make another element's number; until then it is selected, and
    /// Enter opens it. With ten steps, "3" opens step 3, "1" waits, "1 0" opens step 10.
    mutating func typeDigit(_ digit: Int, count: Int) -> Navigation {
        let number = Int(typedNumber + String(digit)) ?? 0
        guard number >= 1, number <= count else {
            let hadPrefix = !typedNumber.isEmpty
            typedNumber = ""
            // A digit that does not continue the number starts a new one, if it can.
            return hadPrefix && digit >= 1 && digit <= count ? typeDigit(digit, count: count) : .unhandled
        }
        selected = number - 1
        if number * 10 > count {
            typedNumber = ""
            return .push(ElementScreen(instrument: instrumentID, index: selected))
        }
        typedNumber = String(number)
        return .stay
    }

    public func render(into canvas: inout Canvas, area: Rect, context: WorkshopContext) {
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
        let marks = instrument.elements.map { element in
            context.session.map { ScoringText.mark($0, instrument, element, glyphs: canvas.glyphs) } ?? ""
        }
        // The marks (progress dots, spreads) line up in one column whatever the section's
        // name after them: each is padded to the widest.
        func pad(_ s: String, _ width: Int) -> String { s + String(repeating: " ", count: max(0, width - DisplayWidth.of(s))) }
        let sectionOf = { (element: Element) in element.section.flatMap { id in instrument.sections.first { $0.id == id }?.title } ?? "" }
        let markWidth = marks.map { DisplayWidth.of($0) }.max() ?? 0
        let sectionWidth = inner.width >= 70 ? instrument.elements.map { DisplayWidth.of(sectionOf($0)) }.max() ?? 0 : 0
        let items = zip(instrument.elements, marks).map { element, mark -> ListItem in
            let parts = [markWidth > 0 ? pad(mark, markWidth) : "", sectionWidth > 0 ? pad(sectionOf(element), sectionWidth) : ""]
            let detail = parts.filter { !$0.isEmpty }.joined(separator: "  ")
            return ListItem("\(element.title)", detail: detail, role: .text, marker: element.number < 10 ? " \(element.number)" : "\(element.number)")
        }
        ListView.draw(items, selected: selected, in: Rect(x: inner.x, y: top, width: inner.width, height: inner.maxY - top - 1), on: &canvas)
        if !typedNumber.isEmpty {
            canvas.text("\(typedNumber)… Enter opens \(typedNumber), or type the next digit", x: inner.x, y: inner.maxY - 1,
                        role: .accent, emphasis: .bold, maxWidth: inner.width)
        } else if let element = instrument.elements[safe: selected] {
            canvas.text(DisplayWidth.truncate(element.focus, to: inner.width, ellipsis: canvas.glyphs.ellipsis),
                        x: inner.x, y: inner.maxY - 1, role: .accent)
        }
    }
}

extension Array {
    subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
