/// A key press, independent of how the terminal encoded it.
public enum Key: Hashable, Sendable {
    case char(Character)
    case up, down, left, right
    case enter, escape, tab, backTab, backspace, delete
    case pageUp, pageDown, home, end
    case function(Int)
    case resize
    case ctrl(Character)
    /// Text the terminal marked as pasted (bracketed paste): never a run of key presses.
    case paste(String)

    /// A short name for help screens ("Enter", "←", "q").
    public var label: String {
        switch self {
        case .char(" "): "Space"
        case .char(let c): String(c)
        case .up: "↑"
        case .down: "↓"
        case .left: "←"
        case .right: "→"
        case .enter: "Enter"
        case .escape: "Esc"
        case .tab: "Tab"
        case .backTab: "Shift-Tab"
        case .backspace: "Backspace"
        case .delete: "Delete"
        case .pageUp: "PgUp"
        case .pageDown: "PgDn"
        case .home: "Home"
        case .end: "End"
        case .function(let n): "F\(n)"
        case .resize: "resize"
        case .ctrl(let c): "Ctrl-\(c)"
        case .paste: "paste"
        }
    }
}
