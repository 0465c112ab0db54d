import Instruments
import SessionEngine
import TerminalKit

/// An element of a tool the session does not use: the screen says so and `i` adds the
/// tool (recorded as an event), rather than looking scorable and ignoring digits.
extension ElementScreen {
    static func notInSessionNotice(_ instrument: Instrument) -> String {
        "\(instrument.short) is not in this session: i adds it"
    }

    /// Handles keys on such an element; nil when the session uses the instrument.
    func handleNotInSession(_ key: Key, instrument: Instrument, context: WorkshopContext) -> Navigation? {
        guard let session = context.session, !session.uses(instrument) else { return nil }
        switch key {
        case .char("i"):
            if session.record(.instrumentAdded(id: instrument.id)) {
                context.say("Added \(instrument.short) to the session: its elements can be scored")
            } else {
                context.say("NOT saved: \(session.lastFailure ?? "unknown error")", error: true)
            }
            return .stay
        case .char(let c) where c.isNumber:
            context.say(Self.notInSessionNotice(instrument), error: true)
            return .stay
        default:
            return nil
        }
    }
}
