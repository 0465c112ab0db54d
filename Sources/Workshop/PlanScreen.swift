import Foundation
import Instruments
import SessionEngine
import TerminalKit

/// The session's plan (`o`): items in order with the minutes planned and used. Items can
/// be reordered (`[` `]`), skipped (`s`) and retimed (`+` `-`, five minutes); each change
/// is recorded as the new plan. Enter opens the item's first element.
public struct PlanScreen: Screen {
    public var selected = 0

    public init() {}

    public func title(context: WorkshopContext) -> String { "Plan" }

    public func keys(context: WorkshopContext) -> [KeyHelp] {
        // With no plan there is nothing to choose, move, skip or time.
        guard context.session?.state.plan?.items.isEmpty == false else { return [] }
        return [KeyHelp("↑↓", "choose an item", hint: true, short: "choose"),
         KeyHelp("Enter", "go to the item's first element", hint: true, short: "go"),
         KeyHelp("[ ]", "move the item earlier / later", hint: true, short: "move"),
         KeyHelp("s", "skip the item (s again: keep it)", hint: true, short: "skip"),
         KeyHelp("+ -", "five minutes more / less", hint: true, short: "time")] + UndoKeys.help
    }

    public mutating func handle(_ key: Key, context: WorkshopContext) -> Navigation {
        guard let session = context.session, var plan = session.state.plan, !plan.items.isEmpty else { return .unhandled }
        selected = min(selected, plan.items.count - 1)
        switch key {
        case .up: selected = max(0, selected - 1); return .stay
        case .down: selected = min(plan.items.count - 1, selected + 1); return .stay
        case .enter:
            let item = plan.items[selected]
            guard let first = PlanProgress.elements(of: item, catalogue: context.catalogue).first,
                  let index = context.catalogue.instrument(first.instrument)?.elements.firstIndex(where: { $0.id == first.element }) else {
                context.say("That instrument is not loaded", error: true)
                return .stay
            }
            return .push(ElementScreen(instrument: first.instrument, index: index))
        case .char("["), .char("]"):
            let target = key == .char("[") ? selected - 1 : selected + 1
            guard plan.items.indices.contains(target) else { return .stay }
            plan.items.swapAt(selected, target)
            if record(plan, session, context, "Moved") { selected = target }
        case .char("s"):
            plan.items[selected].skipped.toggle()
            record(plan, session, context, plan.items[selected].skipped ? "Skipped" : "Kept")
        case .char("u"), .char("U"):
            return UndoKeys.handle(key, session: session, context: context) ?? .stay
        case .char("+"), .char("="), .char("-"):
            // A skipped item's time counts for nothing, and a change that changes nothing is
            // not recorded: each would be a line in the transcript.
            guard !plan.items[selected].skipped else {
                context.say("This item is skipped; s keeps it, then + and - change its time")
                return .stay
            }
            // Five minutes a step, never below five (an item planned shorter stays as it is).
            let now = plan.items[selected].minutes
            let minutes = min(RecordRules.planMinutes.upperBound, max(min(5, now), now + (key == .char("-") ? -5 : 5)))
            guard minutes != now else {
                context.say(key == .char("-") ? "- takes an item down to 5 minutes, no further"
                                              : "An item takes at most \(RecordRules.planMinutes.upperBound) minutes")
                return .stay
            }
            plan.items[selected].minutes = minutes
            record(plan, session, context, "Retimed")
        default:
            return .unhandled
        }
        return .stay
    }

    @discardableResult
    private func record(_ plan: SessionPlan, _ session: SessionController, _ context: WorkshopContext, _ verb: String) -> Bool {
        if session.record(.planSet(plan)) {
            context.say("\(verb): the plan now runs \(plan.plannedMinutes) minutes")
            return true
        }
        context.say("NOT saved: \(session.lastFailure ?? "unknown error")", error: true)
        return false
    }

    public func render(into canvas: inout Canvas, area: Rect, context: WorkshopContext) {
        let inner = area.inset(dx: 1, dy: 0)
        guard let session = context.session, let plan = session.state.plan else {
            let message = "This session has no plan. A plan is set when a session is made: "
                + "`pit new TITLE --plan tool-a-90` (the built-in plans are in pit's Plans folder)."
            for (n, line) in Wrap.lines(message, width: max(1, inner.width)).enumerated() where n + 1 < inner.height {
                canvas.text(line, x: inner.x, y: inner.y + 1 + n, role: .muted, maxWidth: inner.width)
            }
            return
        }
        let progress = PlanProgress(plan: plan, events: session.store.events, catalogue: context.catalogue)
        canvas.text(plan.title, x: inner.x, y: inner.y, role: .title, emphasis: .bold, maxWidth: inner.width)
        let summary = "Planned \(plan.plannedMinutes) min · used \(progress.usedMinutes) min · \(progress.verdict)"
        canvas.text(summary, x: inner.x, y: inner.y + 1, role: progress.minutesOver > 0 ? .warning : .muted, maxWidth: inner.width)
        let minutesWidth = 16
        let nameWidth = max(10, inner.width - minutesWidth - 6)
        canvas.text("Planned  Used", x: inner.maxX - minutesWidth + 1, y: inner.y + 3, role: .muted)
        for (i, entry) in progress.items.enumerated() {
            let y = inner.y + 4 + i
            guard y < inner.maxY else { break }
            let isSelected = i == selected
            if isSelected {
                canvas.fill(Rect(x: inner.x, y: y, width: inner.width, height: 1), role: .selection)
                canvas.cursor = Point(x: inner.x, y: y)
            }
            let name = describe(entry, catalogue: context.catalogue)
            let role: Role = isSelected ? .selection : (entry.item.skipped ? .muted : .text)
            canvas.text("\(i + 1). " + name, x: inner.x + 1, y: y, role: role, maxWidth: nameWidth)
            let planned = String(format: "%4d min", entry.item.minutes)
            let used = entry.usedMinutes.map { String(format: "%3d", $0) } ?? "  –"
            canvas.text(entry.item.skipped ? "skipped" : planned + " " + used, x: inner.maxX - minutesWidth + 1, y: y, role: role)
        }
    }

    /// "Tool A: steps 1–5 (Leadership in place …)" or "Civic levers: all 19".
    private func describe(_ entry: PlanProgress.Item, catalogue: Catalogue) -> String {
        guard let instrument = catalogue.instrument(entry.item.instrument) else { return entry.item.instrument }
        guard let chosen = entry.item.elements else { return "\(instrument.short): all \(instrument.elements.count)" }
        let numbers = chosen.compactMap { id in instrument.element(id)?.number }
        let noun = ElementScreen.noun(for: instrument).lowercased() + (numbers.count == 1 ? "" : "s")
        let contiguous = numbers == Array((numbers.first ?? 0)...(numbers.last ?? 0))
        let list = contiguous && numbers.count > 2 ? "\(numbers.first!)–\(numbers.last!)" : numbers.map(String.init).joined(separator: ", ")
        return "\(instrument.short): \(noun) \(list)"
    }
}
