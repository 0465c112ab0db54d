import Foundation

extension SessionStore {
    /// Changes by several authors in one transaction (all or none), each stamped `at`: the
    /// live room commits the scores that arrive together with one sync to disk.
    @discardableResult
    public func append(batch items: [(payload: EventPayload, author: String)], at: Date = Date()) throws -> [Event] {
        try append(timed: items.map { (payload: $0.payload, author: $0.author, at: at) })
    }
}
