import TerminalKit

/// A key and what it does, for the help overlay and the status bar.
public struct KeyHelp: Hashable, Sendable {
    public var keys: String
    public var action: String
    /// Shown in the status bar as well as in help.
    public var isHint: Bool
    /// A shorter wording for the status bar, where room is tight.
    public var short: String

    public init(_ keys: String, _ action: String, hint: Bool = false, short: String? = nil) {
        self.keys = keys; self.action = action; self.isHint = hint; self.short = short ?? action
    }
}

/// What a screen asks the app to do after a key.
public enum Navigation {
    case stay
    case push(any Screen)
    /// Pushes several screens at once, the last on top (reopening a session where it was).
    case pushAll([any Screen])
    case replace(any Screen)
    case pop
    case quit
    /// The key was not handled; the app may apply a global meaning to it.
    case unhandled
}

/// One screen: its state, how keys change it and how it draws itself.
/// Screens are values; shared things (the framework, the session) live in the context.
public protocol Screen {
    /// The crumb shown in the header ("Triangle", "Step 3").
    func title(context: WorkshopContext) -> String
    /// Keys this screen understands, for help and the status bar.
    func keys(context: WorkshopContext) -> [KeyHelp]
    mutating func handle(_ key: Key, context: WorkshopContext) -> Navigation
    func render(into canvas: inout Canvas, area: Rect, context: WorkshopContext)
    /// A modal screen (a form) takes every key itself; the global keys do not apply.
    var isModal: Bool { get }
    /// A form: what is typed in it would be lost if pit quit.
    var holdsTypedText: Bool { get }
    /// Called when the screen comes on top by a move forward (opened, not returned to).
    mutating func arrive(context: WorkshopContext)
}

extension Screen {
    /// A modal screen (a form) takes every key itself; the global keys do not apply.
    public var isModal: Bool { false }
    public var holdsTypedText: Bool { false }
    public mutating func arrive(context: WorkshopContext) {}
}
