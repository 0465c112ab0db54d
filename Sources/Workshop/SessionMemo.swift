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
    /// One value per type, with what else it was made from (a width, a time zone).
    private var values: [ObjectIdentifier: (variant: AnyHashable, value: Any)] = [:]

    /// The value of type `T` for the store's current revision, made by `make` when missing
    /// or when it was made for another `variant` (the inputs other than the session).
    func value<T>(for store: SessionStore, threshold: Int, variant: AnyHashable = 0, make: () -> T) -> T {
        let now = Key(lastSeq: store.lastSeq, eventCount: store.events.count, threshold: threshold)
        if now != key {
            key = now
            values.removeAll(keepingCapacity: true)
        }
        if let kept = values[ObjectIdentifier(T.self)], kept.variant == variant, let value = kept.value as? T { return value }
        let made = make()
        values[ObjectIdentifier(T.self)] = (variant, made)
        return made
    }
}
