import Instruments
import TerminalKit

/// Words on an element's screen that depend on who is reading: a facilitator running a
/// room, or one partner assessing alone (who has no room, no facilitator and no plan).
extension ElementScreen {
    static func dontKnowMeaning(selfAssessment: Bool) -> String {
        selfAssessment ? "Don't know: you lack the evidence to judge (an evidence gap, not a low level)."
            : "Don't know: the group lacks the evidence to judge (an evidence gap)."
    }

    /// How long the element takes: its share of the session's plan when it has one (the
    /// guidance's minutes assume a full run of the instrument), else the guidance's.
    func timeLine(_ element: Element, context: WorkshopContext) -> String? {
        let guidanceKey = "i: " + Self.guidanceName(context: context)
        if context.session?.isSelfAssessment == true { return element.guidance == nil ? nil : guidanceKey }
        let full = element.guidance?.minutes
        if let planned = secondsInPlan(context: context).map({ $0 / 60 }) {
            let fullRun = full.map { " (\($0) in a full run)" } ?? ""
            return "About \(planned) minute\(planned == 1 ? "" : "s") in this session's plan\(fullRun) · \(guidanceKey)"
        }
        return full.map { "About \($0) minutes · \(guidanceKey)" }
    }

    static func guidanceName(context: WorkshopContext) -> String {
        context.session?.isSelfAssessment == true ? "guidance" : "facilitator guidance"
    }
}
