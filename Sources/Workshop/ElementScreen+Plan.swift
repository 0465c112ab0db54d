import Instruments
import SessionEngine
import TerminalKit

/// Moving through a session's plan from an element: `→` goes to the next element of the
/// plan item, and at the item's end to the first element of the next item not skipped.
extension ElementScreen {
    /// Where `→` goes under the plan; nil when the session has no plan or this element is
    /// not in it (then `→` moves through the instrument as usual).
    func nextInPlan(context: WorkshopContext) -> (instrument: String, index: Int, newItem: Bool)? {
        guard let session = context.session, let plan = session.state.plan,
              let element = context.catalogue.instrument(instrumentID)?.elements[safe: index] else { return nil }
        let ref = ElementRef(instrument: instrumentID, element: element.id)
        guard let current = plan.itemIndex(containing: ref, catalogue: context.catalogue) else { return nil }
        let refs = PlanProgress.elements(of: plan.items[current], catalogue: context.catalogue)
        var next: ElementRef?
        var newItem = false
        if let at = refs.firstIndex(of: ref), at + 1 < refs.count {
            next = refs[at + 1]
        } else if let following = plan.items.indices.first(where: { $0 > current && !plan.items[$0].skipped }) {
            next = PlanProgress.elements(of: plan.items[following], catalogue: context.catalogue).first
            newItem = true
        }
        guard let next, let i = context.catalogue.instrument(next.instrument)?.elements.firstIndex(where: { $0.id == next.element }) else {
            return nil
        }
        return (next.instrument, i, newItem)
    }

    /// The countdown for this element: its plan item's minutes shared among the item's
    /// elements, else the default eight minutes.
    func plannedSeconds(context: WorkshopContext) -> Int {
        secondsInPlan(context: context) ?? RoomTimerControl.defaultSeconds
    }

    /// This element's share of its plan item's minutes (whole minutes, at least one);
    /// nil when the session has no plan or the element is not in it.
    func secondsInPlan(context: WorkshopContext) -> Int? {
        guard let session = context.session, let plan = session.state.plan,
              let element = context.catalogue.instrument(instrumentID)?.elements[safe: index] else { return nil }
        let ref = ElementRef(instrument: instrumentID, element: element.id)
        guard let i = plan.itemIndex(containing: ref, catalogue: context.catalogue) else { return nil }
        let count = max(1, PlanProgress.elements(of: plan.items[i], catalogue: context.catalogue).count)
        return max(60, plan.items[i].minutes * 60 / count / 60 * 60)
    }
}
