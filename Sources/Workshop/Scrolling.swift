import TerminalKit

/// Shared scrolling keys for screens whose body is a long text.
enum Scrolling {
    /// The new offset after a scrolling key, or nil if the key is not a scrolling key.
    static func offset(after key: Key, current: Int, page: Int) -> Int? {
        switch key {
        case .down, .char("j"): current + 1
        case .up, .char("k"): max(0, current - 1)
        case .pageDown, .char(" "): current + max(1, page - 1)
        case .pageUp: max(0, current - max(1, page - 1))
        case .home: 0
        case .end: Int.max / 2
        default: nil
        }
    }

    static func clamp(_ offset: Int, total: Int, visible: Int) -> Int {
        max(0, min(offset, total - visible))
    }
}
