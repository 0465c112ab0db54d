import TerminalKit

/// `u` and `U` wherever a screen records changes: the same words and the same messages on
/// each (the plan screen and the notes editor took no `U`, and the plan screen no `u`).
enum UndoKeys {
    /// One row in the help: at 80x24 the step's keys only just fit.
    static let help = [KeyHelp("u U", "undo your last change / redo it")]

    /// Handles `u` or `U`; nil for any other key.
    static func handle(_ key: Key, session: SessionController, context: WorkshopContext) -> Navigation? {
        switch key {
        case .char("u"):
            if let what = session.undo() { context.say("Undone: \(what)") } else {
                context.say(session.lastFailure.map { "NOT undone: \($0)" } ?? session.nothingToUndo, error: session.lastFailure != nil)
            }
        case .char("U"):
            if let what = session.redo() { context.say("Redone: \(what)") } else {
                context.say(session.lastFailure.map { "NOT redone: \($0)" } ?? session.nothingToRedo, error: session.lastFailure != nil)
            }
        default:
            return nil
        }
        return .stay
    }
}
