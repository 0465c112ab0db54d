import SessionEngine

/// Values worked out from the session (its matrices, its transcript), kept until the
/// session changes: a frame or a key that changes nothing reads them instead of working
/// them out again, which on a session of 1,000 groups is most of a frame's time.
/// A value is made again when the log has grown (any change, undo, or another process's
/// change read in) or when the divergence threshold it depends on differs.
final class SessionMemo {
    private struct Key: Equatable {
        var lastSeq: Int64
        var eventCount: Int
        var threshold: Int
    }

    private var key: Key?
    private var values: [ObjectIdentifier: Any] = [:]

    /// The value of type `T` for the store's current revision, made by `make` when missing.
    func value<T>(for store: SessionStore, threshold: Int, make: () -> T) -> T {
        let now = Key(lastSeq: store.lastSeq, eventCount: store.events.count, threshold: threshold)
        if now != key {
            key = now
            values.removeAll(keepingCapacity: true)
        }
        if let kept = values[ObjectIdentifier(T.self)] as? T { return kept }
        let made = make()
        values[ObjectIdentifier(T.self)] = made
        return made
    }
}
