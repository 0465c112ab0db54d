import Foundation
import SessionEngine
import TerminalKit

/// The notes and actions recorded on one element, to correct or take out. Each change is
/// an event (edited, deleted), so the log keeps what was there and `u` brings it back.
public struct RecordedScreen: Screen {
    public var element: ElementRef
    public var elementTitle: String
    public var selected = 0
    public var confirmingDeletion = false

    public init(element: ElementRef, title: String) {
        self.element = element
        elementTitle = title
    }

    enum Item {
        case note(Note)
        case action(Action)
    }

    func items(_ session: SessionController) -> [Item] {
        session.state.notes(for: element).map(Item.note) + session.state.actions(for: element).map(Item.action)
    }

    public func title(context: WorkshopContext) -> String { "Notes and actions" }

    public func keys(context: WorkshopContext) -> [KeyHelp] {
        [KeyHelp("↑↓", "choose", hint: true),
         KeyHelp("Enter e", "edit the selected note or action", hint: true, short: "edit"),
         KeyHelp("d", "delete it (asks first)", hint: true, short: "delete")] + UndoKeys.help
    }

    public mutating func handle(_ key: Key, context: WorkshopContext) -> Navigation {
        guard let session = context.session else { return .unhandled }
        let items = items(session)
        if confirmingDeletion {
            confirmingDeletion = false
            guard key == .char("y"), let item = items[safe: selected] else {
                context.say("Kept it")
                return .stay
            }
            let payload: EventPayload
            switch item {
            case .note(let n): payload = .noteDeleted(id: n.id)
            case .action(let a): payload = .actionDeleted(id: a.id)
            }
            if session.record(payload) {
                context.say("Deleted; u brings it back")
                selected = max(0, min(selected, items.count - 2))
            } else {
                context.say("NOT saved: \(session.lastFailure ?? "")", error: true)
            }
            return .stay
        }
        switch key {
        case .down, .char("j"): selected = min(max(0, items.count - 1), selected + 1)
        case .up, .char("k"): selected = max(0, selected - 1)
        case .enter, .char("e"):
            guard let item = items[safe: selected] else { return .stay }
            return .push(editor(item, session: session, context: context))
        case .char("d"), .delete:
            guard items[safe: selected] != nil else { return .stay }
            confirmingDeletion = true
            context.say("Delete it? Press y to delete, any other key to keep")
        case .char("u"), .char("U"):
            return UndoKeys.handle(key, session: session, context: context) ?? .stay
        default: return .unhandled
        }
        return .stay
    }

    /// A form with the item's current words, typed over or edited in place.
    func editor(_ item: Item, session: SessionController, context: WorkshopContext) -> PromptScreen {
        switch item {
        case .note(let note):
            return PromptScreen("Edit the note", fields: [.init("Note", value: note.text)], over: self) { values in
                guard values[0] != note.text else { return nil }
                guard session.record(.noteEdited(id: note.id, text: values[0])) else { return session.notSavedInForm }
                context.say("Saved: note changed")
                return nil
            }
        case .action(let action):
            return PromptScreen("Edit the action", fields: [
                .init("What will be done", value: action.what),
                .init("Who owns it", hint: "a person or organisation", value: action.owner, required: false),
                .init("Due", hint: "YYYY-MM-DD, optional", value: action.due ?? "", required: false, check: ElementScreen.dateProblem),
            ], over: self) { values in
                let due = values[2].isEmpty ? nil : values[2]
                if let due, let problem = ElementScreen.dateProblem(due) { return problem }
                guard (values[0], values[1], due) != (action.what, action.owner, action.due) else { return nil }
                guard session.record(.actionEdited(id: action.id, what: values[0], owner: values[1], due: due)) else {
                    return session.notSavedInForm
                }
                context.say("Saved: action changed")
                return nil
            }
        }
    }

    public func render(into canvas: inout Canvas, area: Rect, context: WorkshopContext) {
        let inner = area.inset(dx: 2, dy: 1)
        guard let session = context.session else { return }
        // The heading wraps rather than cutting the element's name.
        let heading = Wrap.lines("Notes and actions on \(elementTitle)", width: inner.width).prefix(2)
        for (i, line) in heading.enumerated() {
            canvas.text(line, x: inner.x, y: inner.y + i, role: .title, emphasis: .bold, maxWidth: inner.width)
        }
        let top = inner.y + heading.count + 1
        let items = items(session)
        guard !items.isEmpty else {
            canvas.paragraph("Nothing recorded here yet: n adds a note, A an action (on the step).",
                             in: Rect(x: inner.x, y: top, width: inner.width, height: 3), role: .muted)
            return
        }
        let list = items.map { item -> ListItem in
            switch item {
            case .note(let n):
                return ListItem(n.text.replacingOccurrences(of: "\n", with: " / "), detail: "note, \(n.author)", marker: String(canvas.glyphs.bullet))
            case .action(let a):
                let who = [a.owner, a.due.map { "by \($0)" } ?? ""].filter { !$0.isEmpty }.joined(separator: ", ")
                return ListItem(a.what.replacingOccurrences(of: "\n", with: " / "), detail: who.isEmpty ? "action" : who,
                                marker: a.done ? "[\(canvas.glyphs.tick)]" : "[ ]")
            }
        }
        ListView.draw(list, selected: min(selected, list.count - 1),
                      in: Rect(x: inner.x, y: top, width: inner.width, height: inner.maxY - top), on: &canvas)
    }
}
