import SessionEngine

extension WorkshopContext {
    /// Picks up other processes' changes to the session file, and says at once what the
    /// look found wrong (the file replaced or moved while open): until the next change,
    /// only the corner's NOT SAVED would show it. True when the screens must redraw.
    public func refreshSession() -> Bool {
        guard let session else { return false }
        let changed = session.refresh()
        if let notice = session.takeNotice() { say(notice, error: true) }
        return changed
    }
}
