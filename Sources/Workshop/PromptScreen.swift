import Foundation
import TerminalKit

/// A small form over the current screen: one or more text fields, Enter to go on,
/// Esc to cancel. `submit` gets the values and returns an error to show, or nil.
public struct PromptScreen: Screen {
    public struct Field {
        public var label: String
        public var hint: String
        public var value: String
        public var required: Bool
        /// Checks the value when Enter leaves the field; returns a problem to show, or nil.
        public var check: (String) -> String?
        /// A prefilled value is a suggestion: the first key typed replaces it (as a selected
        /// field does in any form), while Backspace starts editing it instead.
        public var isSuggestion: Bool
        /// Where typing goes, in characters from the start of `value`.
        public var cursor: Int

        public init(_ label: String, hint: String = "", value: String = "", required: Bool = true,
                    check: @escaping (String) -> String? = { _ in nil }) {
            self.label = label; self.hint = hint; self.value = value; self.required = required; self.check = check
            isSuggestion = !value.isEmpty
            cursor = value.count
        }
    }

    /// The most characters a field holds: a long note, a paragraph of a reason. Reaching it
    /// is said on screen, never a silent cut.
    public static let limit = 2_000

    public var heading: String
    public var fields: [Field]
    public var current = 0
    public var error: String?
    /// The busy file refused this form's change (it waits for Ctrl-R unless cancelled).
    var refusedOwnChange = false
    let submit: ([String]) -> String?
    /// The screen the form sits over, drawn underneath it.
    let background: (any Screen)?
    /// Where to go once the form is saved; nil goes back to the screen underneath.
    let next: (any Screen)?

    public init(_ heading: String, fields: [Field], over background: (any Screen)? = nil, then next: (any Screen)? = nil,
                submit: @escaping ([String]) -> String?) {
        self.heading = heading
        self.fields = fields
        self.background = background
        self.next = next
        self.submit = submit
    }

    public func title(context: WorkshopContext) -> String { heading }

    public var isModal: Bool { true }
    public var holdsTypedText: Bool { true }

    public func keys(context: WorkshopContext) -> [KeyHelp] {
        [KeyHelp("Enter", current == fields.count - 1 ? "save" : "next field", hint: true),
         KeyHelp("Esc", "cancel", hint: true),
         KeyHelp("Tab Shift-Tab", "move between fields"),
         KeyHelp("typing", "replaces a suggested (highlighted) value"),
         KeyHelp("← → Home End", "move in the text; on a suggestion, edit it"),
         KeyHelp("Backspace Delete", "delete before or after the cursor"),
         KeyHelp("Ctrl-U", "clear the field")]
    }

    public mutating func handle(_ key: Key, context: WorkshopContext) -> Navigation {
        error = nil
        switch key {
        case .escape:
            // Its change was refused by the busy file: cancelling drops it, so a later
            // Ctrl-R cannot record what the form was cancelled on.
            if refusedOwnChange { context.session?.dropUnsaved() }
            context.say("Cancelled; nothing was recorded")
            return .pop
        case .tab, .down: current = min(fields.count - 1, current + 1)
        case .backTab, .up: current = max(0, current - 1)
        case .backspace:
            fields[current].isSuggestion = false
            fields[current].delete(before: true)
        case .delete:
            fields[current].isSuggestion = false
            fields[current].delete(before: false)
        case .left, .right, .home, .end, .ctrl("a"), .ctrl("e"):
            fields[current].isSuggestion = false
            fields[current].move(key)
        case .ctrl("u"):
            fields[current].isSuggestion = false
            fields[current].clear()
        case .enter:
            let values = fields.map { $0.value.trimmingCharacters(in: .whitespacesAndNewlines) }
            let value = values[current]
            if fields[current].required && value.isEmpty {
                error = "\(fields[current].label) is needed"
                return .stay
            }
            if !value.isEmpty, let problem = fields[current].check(value) {
                error = problem
                return .stay
            }
            if current < fields.count - 1 {
                current += 1
                return .stay
            }
            if let firstMissing = fields.indices.first(where: { fields[$0].required && values[$0].isEmpty }) {
                current = firstMissing
                error = "\(fields[firstMissing].label) is needed"
                return .stay
            }
            let refusalsBefore = context.session?.refusals
            if let problem = submit(values) {
                error = problem
                if let before = refusalsBefore, context.session?.refusals != before { refusedOwnChange = true }
                return .stay
            }
            return next.map { .replace($0) } ?? .pop
        case .char(let c):
            type(String(c))
        case .paste(let text):
            // Pasted text goes into the field whole: none of it is a key.
            type(text)
        default:
            return .stay  // modal: no global keys while typing
        }
        return .stay
    }

    /// Adds typed or pasted text at the cursor, up to `limit`, saying what did not fit.
    private mutating func type(_ text: String) {
        if fields[current].isSuggestion {
            fields[current].isSuggestion = false
            fields[current].clear()
        }
        let room = max(0, Self.limit - fields[current].value.count)
        fields[current].insert(text.prefix(room))
        let left = text.count - room
        if left > 0 {
            error = "\(fields[current].label) holds at most \(Self.limit) characters: "
                + (left == 1 ? "the last one typed was not added" : "\(left) were not added")
        }
    }

    public func render(into canvas: inout Canvas, area: Rect, context: WorkshopContext) {
        background?.render(into: &canvas, area: area, context: context)
        let width = min(area.width - 2, 72)
        // An error wraps onto as many lines as it needs: it says what to do instead.
        let errorLines = error.map { Wrap.lines($0, width: max(1, width - 4)) } ?? []
        let height = min(area.height, fields.count * 3 + 3 + max(1, errorLines.count))
        // At the bottom, so the scores the room is discussing stay in view above the form.
        let rect = Rect(x: area.x + (area.width - width) / 2, y: area.maxY - height, width: width, height: height)
        canvas.fill(rect, role: .text)
        canvas.box(rect, title: heading, role: .accent)
        let inner = rect.inset(dx: 2, dy: 1)
        // A field takes a label, a value and a blank row; on a short screen the fields
        // scroll so the one being typed in stays in view.
        let fitting = max(1, (inner.height - max(1, errorLines.count) + 1) / 3)
        let first = min(max(0, current - fitting + 1), max(0, fields.count - fitting))
        var y = inner.y
        for (i, field) in fields.enumerated() where i >= first {
            guard y + 1 < inner.maxY else { break }
            let label = field.label + (field.hint.isEmpty ? "" : "  (\(field.hint))")
            canvas.text(label, x: inner.x, y: y, role: i == current ? .accent : .muted, emphasis: i == current ? .bold : [], maxWidth: inner.width)
            // A long value shows the part around the cursor, where the typing happens.
            let (shown, cursorColumn) = field.window(width: max(1, inner.width - 2))
            let prompt = canvas.glyphs.isUnicode ? "› " : "> "
            canvas.text(prompt, x: inner.x, y: y + 1, role: i == current ? .text : .muted)
            // A suggestion shows as selected: typing replaces it.
            let valueRole: Role = i == current ? (field.isSuggestion ? .selection : .text) : .muted
            canvas.text(shown, x: inner.x + 2, y: y + 1, role: valueRole, maxWidth: inner.width - 2)
            if i == current { canvas.cursor = Point(x: inner.x + 2 + cursorColumn, y: y + 1) }
            y += 3
        }
        for (i, line) in errorLines.enumerated() {
            canvas.text(line, x: inner.x, y: rect.maxY - 1 - errorLines.count + i, role: .warning, maxWidth: inner.width)
        }
    }
}
