import Instruments
import SessionEngine
import TerminalKit

/// An element of a tool the session does not use: the screen says so and `I` opens the
/// session's instruments with this tool chosen, where Enter adds it (recorded as an
/// event) and comes back here, rather than the element looking scorable and ignoring digits.
/// `I` is the key that opens that screen everywhere else too.
extension ElementScreen {
    static func notInSessionNotice(_ instrument: Instrument) -> String {
        "\(instrument.short) is not in this session: I then Enter adds it"
    }

    /// Handles keys on such an element; nil when the session uses the instrument.
    func handleNotInSession(_ key: Key, instrument: Instrument, context: WorkshopContext) -> Navigation? {
        guard let session = context.session, !session.uses(instrument) else { return nil }
        switch key {
        case .char("I"):
            return .push(SessionInstrumentsScreen(adding: instrument.id, context: context))
        case .char(let c) where c.isNumber:
            context.say(Self.notInSessionNotice(instrument), error: true)
            return .stay
        default:
            return nil
        }
    }
}
