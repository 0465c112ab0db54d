import Instruments
import SessionEngine
import TerminalKit

/// The session's instruments (`I`): every loaded tool, marked when the session uses it.
/// Enter adds a tool, or takes one out after a second Enter (its scores stay in the
/// record); each change is an event, so every terminal on the file sees it.
public struct SessionInstrumentsScreen: Screen {
    public var selected = 0
    /// The tool whose removal waits for a second Enter.
    public var confirming: String?
    /// Opened from an element of a tool not in the session (`I` there): that tool is
    /// chosen, and adding it goes back to the element.
    public var offered: String?

    public init() {}

    /// The screen with `id` chosen, offered from one of its elements.
    public init(adding id: String, context: WorkshopContext) {
        offered = id
        selected = context.catalogue.instruments.firstIndex { $0.id == id } ?? 0
        if let tool = context.catalogue.instrument(id) { context.say("Enter adds \(tool.short) to the session") }
    }

    public func title(context: WorkshopContext) -> String { "Instruments" }

    public func keys(context: WorkshopContext) -> [KeyHelp] {
        [KeyHelp("↑↓", "choose", hint: true),
         KeyHelp("Enter", "add the tool to the session, or take it out (Enter twice)", hint: true, short: "add / remove")]
    }

    public mutating func handle(_ key: Key, context: WorkshopContext) -> Navigation {
        guard let session = context.session else { return .unhandled }
        let tools = context.catalogue.instruments
        switch key {
        case .up: selected = max(0, selected - 1); confirming = nil
        case .down: selected = min(tools.count - 1, selected + 1); confirming = nil
        case .enter:
            guard let tool = tools[safe: selected] else { return .stay }
            if !session.uses(tool) {
                confirming = nil
                guard session.record(.instrumentAdded(id: tool.id)) else {
                    context.say("NOT saved: \(session.lastFailure ?? "unknown error")", error: true)
                    return .stay
                }
                if tool.id == offered {
                    context.say("Added \(tool.short) to the session: its elements can be scored")
                    return .pop
                }
                context.say("Added \(tool.short): its elements can be scored")
            } else if session.info.instruments.count == 1 {
                context.say("\(tool.short) is the session's only instrument; add another first", error: true)
            } else if confirming != tool.id {
                confirming = tool.id
                context.say("Press Enter again to take \(tool.short) out of the session (its scores stay in the record)")
            } else {
                confirming = nil
                if session.record(.instrumentRemoved(id: tool.id)) { context.say("Took \(tool.short) out of the session") }
                else { context.say("NOT saved: \(session.lastFailure ?? "unknown error")", error: true) }
            }
        default:
            return .unhandled
        }
        return .stay
    }

    public func render(into canvas: inout Canvas, area: Rect, context: WorkshopContext) {
        guard let session = context.session else { return }
        let inner = area.inset(dx: 1, dy: 0)
        canvas.text("Instruments in this session", x: inner.x, y: inner.y, role: .title, emphasis: .bold, maxWidth: inner.width)
        let glyphs = canvas.glyphs
        // A list like the others: it scrolls to the selection, and a name or progress too
        // long for the row ends in an ellipsis instead of mid-word.
        let items = context.catalogue.instruments.map { tool -> ListItem in
            let used = session.uses(tool)
            return ListItem("\(tool.short): \(tool.title)", detail: used ? session.progressText(tool) : "", role: used ? .text : .muted,
                            marker: used ? "\(glyphs.filledDot) in" : "\(glyphs.emptyDot) not in")
        }
        ListView.draw(items, selected: min(selected, max(0, items.count - 1)),
                      in: Rect(x: inner.x, y: inner.y + 2, width: inner.width, height: max(0, inner.maxY - inner.y - 2)), on: &canvas)
    }
}
