import Foundation
import GRDB
import ProcessEnd
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A read-only view of a session file: its log and the state folded from it.
public struct SessionSnapshot: Sendable {
    public var path: String
    public var events: [Event]
    public var state: SessionState
}

/// One session file, `NAME.pit`: an SQLite database with a `meta` table and an append-only
/// `events` table. Every `append` is committed with `synchronous=FULL` before it returns.
/// Use from one thread.
///
/// File format (session format 1, `PRAGMA user_version = 1`, `PRAGMA application_id =
/// 0x50495421` "PIT!", rollback journal `journal_mode=DELETE`, so a session is one file):
/// - `meta(key, value)`: schema, created (ISO 8601), app, appVersion, title.
/// - `events(seq INTEGER PRIMARY KEY, at INTEGER ms since 1970 UTC, author, kind, subject,
///   instrument, element, level, na, target, text, text2, text3)`; triggers refuse UPDATE
///   and DELETE. `kind` is `EventPayload.kind`; `subject` holds the group, note or action id;
///   `level`/`na` the answer; `target` the seq an `undone` cancels; `text` the note,
///   rationale, group name or what; `text2` sector or owner; `text3` initials or due date.
///   `sessionCreated` keeps its `SessionInfo` as JSON in `text`.
/// - `room`: one row, the facilitator's focus, rewritten in place (see `RoomTable`).
/// - `room_presence`: one row, who is in a live room served by some process, rewritten
///   in place while it runs and deleted when it closes (see `PresenceTable`).
/// Opening checks the header bytes first (SQLite magic, application_id, user_version, size
/// against the header's page count), then looks inside read-only (`quick_check`, tables)
/// before a read-write connection is made; refused files are never written.
public final class SessionStore {
    /// `PRAGMA application_id` of every pit session: "PIT!".
    public static let applicationID: Int32 = 0x5049_5421
    /// `PRAGMA user_version`: the newest session format this version reads and writes.
    public static let schemaVersion = 1
    public static let appVersion = "0.1.0"
    /// How long a write waits for another process's lock, in seconds.
    public static let busyTimeout: TimeInterval = 5
    /// How long this store's changes wait for another process's lock (see `setBusyWait`).
    public var busyWait: TimeInterval { lockWait.seconds }

    public let url: URL
    public var path: String { url.path }
    /// The whole log, in sequence order.
    public private(set) var events: [Event] = []
    /// The fold of `events`, kept up to date by `append` and `refreshIfChanged`.
    public private(set) var state = SessionState()
    public var isClosed: Bool { db == nil }
    public var lastSeq: Int64 { events.last?.seq ?? 0 }
    /// The facilitator's focus as last read or written (nil if none was ever written).
    public private(set) var focus: RoomFocus?
    /// Counts the focus rows written to the file; changes whenever the focus does.
    public private(set) var focusRevision: Int64 = 0
    /// Who is in a live room another process serves on this file, as last read (fresh or
    /// stale: see `RoomPresence.isFresh`); nil if no room has published it.
    public private(set) var presence: RoomPresence?

    private var db: DatabaseQueue?
    /// The read-only connection `open` looked inside with, closed but kept until this store
    /// closes: freeing a GRDB queue removes its notification observers, whose run-time
    /// casts took 0.17 ms of `pit open`'s way to its first frame; quitting pays it instead.
    private var closedCheck: DatabaseQueue?
    private let lockWait: LockWait
    private let clock: SessionClock
    private var dataVersion: Int64 = -1
    /// The levels each instrument's scale allows, by instrument id: every level this store
    /// reads or writes is held to them (see `RecordRules.violation`).
    public let scales: InstrumentScales

    private init(url: URL, db: DatabaseQueue, lockWait: LockWait, scales: InstrumentScales, clock: @escaping SessionClock) {
        self.url = url
        self.db = db
        self.lockWait = lockWait
        self.scales = scales
        self.clock = clock
    }

    deinit { try? db?.close() }

    // MARK: Creating and opening

    /// Creates a new session file. Fails if the file exists. The file appears complete or not at all.
    /// - Parameter changes: recorded by `author` right after the creation and the groups, in
    ///   the same step (a plan): if one is refused, no file appears, rather than a session
    ///   missing part of what it was made with.
    public static func create(at url: URL, info: SessionInfo, groups: [Group], author: String, scales: InstrumentScales,
                              then changes: [EventPayload] = [],
                              clock: @escaping SessionClock = { Date() }) throws -> SessionStore {
        try create(at: url, info: info, groups: groups, author: author, scales: scales, clock: clock,
                   fill: changes.isEmpty ? nil : { try $0.append(changes, author: author) })
    }

    /// Creates the file under a temporary name, runs `fill` on it, then links it into place.
    static func create(at url: URL, info: SessionInfo, groups: [Group], author: String, scales: InstrumentScales,
                       clock: @escaping SessionClock, fill: ((SessionStore) throws -> Void)?) throws -> SessionStore {
        let path = url.path
        let fm = FileManager.default
        if fm.fileExists(atPath: path) { throw SessionFileError.alreadyExists(path: path) }
        let dir = url.deletingLastPathComponent()
        var isDir: ObjCBool = false
        guard fm.fileExists(atPath: dir.path, isDirectory: &isDir), isDir.boolValue else {
            throw SessionFileError.cannotCreate(path: path, detail: "the folder \(dir.path) does not exist")
        }
        var ids = Set<String>()
        for g in groups where !ids.insert(g.id).inserted {
            throw SessionError.invalidEvent("two groups have the id \"\(g.id)\"")
        }
        removeAbandonedTemporaries(of: url.lastPathComponent, in: dir)
        let tmp = dir.appendingPathComponent(".\(url.lastPathComponent).creating-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        defer {
            try? fm.removeItem(at: tmp)
            for s in FileCheck.sidecars(of: tmp.path) { try? fm.removeItem(atPath: s) }
        }
        do {
            let lockWait = LockWait(limit: busyTimeout)
            let queue = try DatabaseQueue(path: tmp.path, configuration: configuration(readonly: false, lockWait: lockWait))
            let store = SessionStore(url: tmp, db: queue, lockWait: lockWait, scales: scales, clock: clock)
            try migrator.migrate(queue)
            let now = storedDate(clock())
            try queue.write { db in
                try db.execute(sql: "PRAGMA application_id = \(applicationID)")
                let meta: [(String, String)] = [
                    ("schema", String(schemaVersion)), ("created", TimeFormat.utcSeconds(now)),
                    ("app", "pit"), ("appVersion", appVersion), ("title", info.title),
                ]
                for (k, v) in meta {
                    try db.execute(sql: "INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)", arguments: [k, v])
                }
            }
            let first: [PendingEvent] = [PendingEvent(payload: .sessionCreated(info), author: author, at: now)]
                + groups.map { PendingEvent(payload: .groupAdded($0), author: author, at: now) }
            try store.write(first, allowCreation: true)
            try fill?(store)
            store.close()
        } catch let e as SessionFileError {
            // The first events' write says which file: the new one is named, not its temporary.
            if case .noSpace = e { throw SessionFileError.noSpace(path: path) }
            throw e
        } catch let e as SessionError {
            throw e
        } catch let e as MergeError {
            throw e
        } catch {
            if isDiskFull(error) { throw SessionFileError.noSpace(path: path) }
            throw SessionFileError.cannotCreate(path: path, detail: describe(error))
        }
        if link(tmp.path, path) != 0 {
            let err = errno
            if err == EEXIST { throw SessionFileError.alreadyExists(path: path) }
            throw SessionFileError.cannotCreate(path: path, detail: String(cString: strerror(err)))
        }
        syncDirectory(dir.path)
        return try open(at: url, scales: scales, clock: clock)
    }

    /// Removes `.NAME.creating-PID-N` files left by a pit that was killed while it made
    /// NAME (its `defer` never ran). Only files whose process is gone are touched.
    static func removeAbandonedTemporaries(of name: String, in dir: URL) {
        let prefix = ".\(name).creating-"
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
        for entry in entries where entry.hasPrefix(prefix) {
            guard let pid = Int32(entry.dropFirst(prefix.count).prefix { $0 != "-" }), pid > 0, pid != getpid() else { continue }
            if kill(pid, 0) == -1 && errno == ESRCH {
                try? FileManager.default.removeItem(at: dir.appendingPathComponent(entry))
            }
        }
    }

    /// Opens a session for reading and writing. The file is checked first; a file that is
    /// not a pit session, is newer or is damaged is refused with a `SessionFileError` and
    /// left exactly as it was. An older session format is migrated forward.
    public static func open(at url: URL, scales: InstrumentScales, clock: @escaping SessionClock = { Date() }) throws -> SessionStore {
        let path = url.path
        let checked = try FileCheck.check(path: path)
        var closedCheck: DatabaseQueue?
        if !checked.hasSidecar {
            // Look inside through a read-only connection before anything may write.
            closedCheck = try validateReadOnly(path: path)
        }
        // From here SQLite may write: it plays back a journal, or pit migrates an older
        // format. Then the bytes are fingerprinted first, so that a refusal only says "not
        // changed" when that is true. (Otherwise the read-only look above has already passed.)
        let mayWrite = checked.hasSidecar || checked.header.isWAL || checked.header.userVersion < schemaVersion
        let before = mayWrite ? FileCheck.fingerprint(path) : nil
        func truthful(_ error: Error) -> Error {
            let mapped = mapOpenError(error, path: path)
            guard mayWrite, let e = mapped as? SessionFileError, e.claimsUnchanged, FileCheck.fingerprint(path) != before else {
                return mapped
            }
            return SessionFileError.changedWhileOpening(path: path, detail: e.detail)
        }
        let queue: DatabaseQueue
        let lockWait = LockWait(limit: busyTimeout)
        do {
            queue = try DatabaseQueue(path: path, configuration: configuration(readonly: false, lockWait: lockWait))
        } catch {
            throw truthful(error)
        }
        let store = SessionStore(url: url, db: queue, lockWait: lockWait, scales: scales, clock: clock)
        store.closedCheck = closedCheck
        do {
            if checked.hasSidecar {
                // SQLite has now rolled back any interrupted save; check the result.
                try queue.inDatabase { db in try checkInside(db, path: path) }
            }
            let version = try queue.inDatabase { db in try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0 }
            if version < schemaVersion {
                try migrator.migrate(queue)
            } else if try !queue.read({ try migrator.hasCompletedMigrations($0) }) {
                // A file made before the room table gets it here (user_version stays 1). A file
                // that cannot be written still opens; it just shares no focus.
                try? migrator.migrate(queue)
            }
            try store.loadNew()
        } catch {
            store.close()
            throw truthful(error)
        }
        return store
    }

    /// Opens a session that this process only watches (the audience view): the file is
    /// checked, never migrated or written; `refreshChanges` follows other processes' writes.
    public static func openForReading(at url: URL, scales: InstrumentScales, clock: @escaping SessionClock = { Date() }) throws -> SessionStore {
        let path = url.path
        _ = try FileCheck.check(path: path)
        do {
            let lockWait = LockWait(limit: busyTimeout)
            let queue = try DatabaseQueue(path: path, configuration: configuration(readonly: true, lockWait: lockWait))
            let store = SessionStore(url: url, db: queue, lockWait: lockWait, scales: scales, clock: clock)
            do {
                try queue.inDatabase { db in try checkInside(db, path: path) }
                try store.loadNew()
            } catch {
                store.close()
                throw error
            }
            return store
        } catch {
            throw mapOpenError(error, path: path)
        }
    }

    /// Reads a session without ever writing to it (for reports and merge).
    public static func snapshot(at url: URL, scales: InstrumentScales) throws -> SessionSnapshot {
        let path = url.path
        _ = try FileCheck.check(path: path)
        do {
            let queue = try DatabaseQueue(path: path, configuration: configuration(readonly: true))
            defer { try? queue.close() }
            let events = try queue.inDatabase { db -> [Event] in
                try checkInside(db, path: path)
                return try fetchEvents(db, after: 0, path: path, scales: scales)
            }
            return SessionSnapshot(path: path, events: events, state: Fold.state(from: events))
        } catch {
            throw mapOpenError(error, path: path)
        }
    }

    /// Closes the file. Later writes throw `SessionError.closed`.
    public func close() {
        try? db?.close()
        db = nil
        closedCheck = nil
    }

    // MARK: Writing

    struct PendingEvent {
        var payload: EventPayload
        var author: String
        var at: Date?
    }

    /// Records one change. When this returns, the change is on disk.
    @discardableResult
    public func append(_ payload: EventPayload, author: String) throws -> Event {
        try write([PendingEvent(payload: payload, author: author, at: nil)])[0]
    }

    /// Records several changes in one transaction (all or none).
    @discardableResult
    public func append(_ payloads: [EventPayload], author: String) throws -> [Event] {
        try write(payloads.map { PendingEvent(payload: $0, author: author, at: nil) })
    }

    /// Records changes with given times (merge, demo data, an import).
    /// - Parameter fromALog: the changes are a log read in (an import): a refusal names the
    ///   event and says what is wrong at that point of the log, not what to do on a screen.
    @discardableResult
    func append(timed items: [(payload: EventPayload, author: String, at: Date)], fromALog: Bool = false) throws -> [Event] {
        try write(items.map { PendingEvent(payload: $0.payload, author: $0.author, at: $0.at) }, fromALog: fromALog)
    }

    /// Undoes the latest change by `author` still in effect (never an undo, never the
    /// creation). Changes by other authors (another terminal) are left alone, so one person's
    /// `u` cannot take back what someone else just saved. nil if there is none.
    @discardableResult
    public func undoLast(author: String) throws -> Event? {
        _ = try refreshIfChanged()
        guard let target = undoTarget(author: author) else { return nil }
        return try append(.undone(seq: target), author: author)
    }

    /// Redoes `author`'s latest undo still in effect, if `author` made no new change after
    /// it (other authors' changes do not end it). nil otherwise.
    @discardableResult
    public func redo(author: String) throws -> Event? {
        _ = try refreshIfChanged()
        guard let target = redoTarget(author: author) else { return nil }
        return try append(.undone(seq: target), author: author)
    }

    /// Whether `undoLast(author:)` would do something.
    public func canUndo(author: String) -> Bool { undoTarget(author: author) != nil }
    /// Whether `redo(author:)` would do something.
    public func canRedo(author: String) -> Bool { redoTarget(author: author) != nil }

    /// The event that `undoLast(author:)` would undo.
    public func undoTarget(author: String) -> Int64? {
        for e in events.reversed() where e.author == author && state.isInEffect(e.seq) {
            switch e.payload {
            case .undone, .sessionCreated: continue
            default: return e.seq
            }
        }
        return nil
    }

    /// The undo event that `redo(author:)` would cancel.
    public func redoTarget(author: String) -> Int64? {
        for e in events.reversed() where e.author == author {
            switch e.payload {
            case .undone(let target):
                guard state.isInEffect(e.seq), let t = event(seq: target) else { continue }
                if t.payload.isUndo { continue } // a redo; look further back
                return e.seq
            default:
                return nil // a regular change came after every remaining undo
            }
        }
        return nil
    }

    /// The event with that sequence number.
    public func event(seq: Int64) -> Event? {
        let i = Int(seq) - 1
        if i >= 0, i < events.count, events[i].seq == seq { return events[i] }
        var lo = 0, hi = events.count - 1
        while lo <= hi {
            let mid = (lo + hi) / 2
            if events[mid].seq == seq { return events[mid] }
            if events[mid].seq < seq { lo = mid + 1 } else { hi = mid - 1 }
        }
        return nil
    }

    /// A fresh id for a note, action or group: prefix + 8 hex digits.
    public func newID(_ prefix: String) -> String {
        var id: String
        repeat {
            id = prefix + String(format: "%08x", UInt32.random(in: 0...UInt32.max))
        } while state.note(id: id) != nil || state.action(id: id) != nil || state.group(id: id) != nil
        return id
    }

    /// Sets how long changes wait for another process's lock before failing as busy: the
    /// screens wait briefly, so a change that cannot be saved says so at once.
    public func setBusyWait(_ seconds: TimeInterval) throws {
        guard db != nil else { throw SessionError.closed }
        lockWait.seconds = seconds
    }

    /// Runs `body` waiting for another process's lock as usual, or (`wait: false`) not at all.
    private func waiting<T>(_ wait: Bool, _ body: () throws -> T) rethrows -> T {
        if wait { return try body() }
        let usual = lockWait.seconds
        lockWait.seconds = 0
        defer { lockWait.seconds = usual }
        return try body()
    }

    /// Loads events another process wrote since the last look. Cheap when nothing changed
    /// (one `PRAGMA data_version`): call it on every input timeout. True if the state changed.
    /// With `wait: false` it never waits for another process's lock: it throws
    /// `SessionFileError.busy` at once, and the next look tries again.
    @discardableResult
    public func refreshIfChanged(wait: Bool = true) throws -> Bool {
        try refreshChanges(wait: wait).contains(.events)
    }

    /// Loads what other processes wrote since the last look: new events and the focus.
    /// One `PRAGMA data_version` when nothing changed. With `wait: false` it never waits
    /// for another process's lock (see `refreshIfChanged(wait:)`).
    public func refreshChanges(wait: Bool = true) throws -> SessionChanges {
        guard let db else { throw SessionError.closed }
        do {
            let changed = try waiting(wait) {
                try db.inDatabase { db -> Bool in
                    let v = try Int64.fetchOne(db, sql: "PRAGMA data_version") ?? 0
                    return v != dataVersion
                }
            }
            guard changed else { return [] }
            let before = lastSeq, focusBefore = focusRevision, presenceBefore = presence
            try waiting(wait) { try loadNew() }
            var changes: SessionChanges = []
            if lastSeq != before { changes.insert(.events) }
            if focusRevision != focusBefore { changes.insert(.focus) }
            if presence != presenceBefore { changes.insert(.presence) }
            return changes
        } catch {
            throw Self.mapOpenError(error, path: path)
        }
    }

    /// Throws `replacedWhileOpen` unless the file still holds the log this store read, its
    /// first and latest events as they were. Another program may have put another file in
    /// its place (a backup copied over it, a sync): reading on after `lastSeq` would fold a
    /// second session into this one, and appending would leave a gap that makes the file
    /// unopenable. Two rows by their key, on every write (the focus and presence rows too)
    /// and every look that finds a change.
    private func ensureSameLog(_ db: Database) throws {
        guard let first = events.first, let last = events.last else { return }
        let rows = try Row.fetchAll(db, sql: "SELECT seq, at, kind FROM events WHERE seq IN (?, ?)", arguments: [first.seq, last.seq])
        let held = Dictionary(rows.map { (($0["seq"] as Int64?) ?? -1, $0) }, uniquingKeysWith: { a, _ in a })
        for event in [first, last] {
            guard let row = held[event.seq], (row["at"] as Int64?) == millis(event.at),
                  (row["kind"] as String?) == event.payload.kind else {
                throw SessionFileError.replacedWhileOpen(path: path, detail: "another file was put in its place while pit had it open (a backup or a copy of another session?): it no longer holds event \(event.seq) as pit read it")
            }
        }
    }

    /// Commits one change to the file: in an immediate transaction, only while the file
    /// still holds the log this store read (`ensureSameLog`), and with quit signals held
    /// until it is on disk (`QuitHold`: closing the window now must not take the change
    /// with it). Every write of the session, its focus and its presence comes here.
    private func commit(_ queue: DatabaseQueue, _ change: (Database) throws -> Database.TransactionCompletion) throws {
        try queue.writeWithoutTransaction { db in
            try QuitHold.whileCommitting {
                try db.inTransaction(.immediate) {
                    try ensureSameLog(db)
                    return try change(db)
                }
            }
        }
    }

    /// Reads events after `lastSeq` and folds them in; reads the focus.
    private func loadNew() throws {
        guard let db else { throw SessionError.closed }
        let path = self.path, scales = self.scales
        let after = lastSeq
        let (fresh, version, room, presence) = try db.inDatabase { db -> ([Event], Int64, (focus: RoomFocus, rev: Int64)?, RoomPresence?) in
            try ensureSameLog(db)
            let v = try Int64.fetchOne(db, sql: "PRAGMA data_version") ?? 0
            return (try Self.fetchEvents(db, after: after, path: path, scales: scales), v, try RoomTable.read(db), try PresenceTable.read(db))
        }
        dataVersion = version
        ingest(fresh)
        adoptFocus(room)
        self.presence = presence
    }

    private func adoptFocus(_ room: (focus: RoomFocus, rev: Int64)?) {
        guard let room, room.rev != focusRevision else { return }
        focus = room.focus
        focusRevision = room.rev
    }

    // MARK: The facilitator's focus

    /// Reads the focus from the file now (nil if none was ever written).
    public func readFocus() throws -> RoomFocus? {
        guard let db else { throw SessionError.closed }
        do {
            let room = try db.inDatabase { db in try RoomTable.read(db) }
            adoptFocus(room)
            return room?.focus
        } catch {
            throw Self.mapOpenError(error, path: path)
        }
    }

    /// Rewrites the focus row, only when it differs from what the file holds, so a key that
    /// does not move the facilitator writes nothing. True if it wrote. With `wait: false` it
    /// never waits for another process's lock: it throws `SessionFileError.busy` at once.
    @discardableResult
    public func writeFocus(_ newFocus: RoomFocus, author: String, wait: Bool = true) throws -> Bool {
        guard let db else { throw SessionError.closed }
        // The row's time is when the room last moved, not part of the record: it does not
        // take a reading of the session's clock (which stamps events).
        let now = Date()
        do {
            var seen: (focus: RoomFocus, rev: Int64)?
            var wrote = false
            try waiting(wait) { try commit(db) { db in
                if let stored = try RoomTable.read(db), stored.focus == newFocus {
                    seen = stored
                    return .rollback
                }
                seen = (newFocus, try RoomTable.write(newFocus, author: author, at: now, db))
                wrote = true
                return .commit
            } }
            adoptFocus(seen)
            return wrote
        } catch {
            throw writeFailure(error)
        }
    }

    // MARK: Who is in the live room

    /// Publishes who is in the live room this process serves, for the facilitator's other
    /// processes. Never waits for another process's lock: it throws
    /// `SessionFileError.busy` at once, and the room tries again on its next tick.
    public func writePresence(_ newPresence: RoomPresence) throws {
        try writeRoomPresence(wait: false) { try PresenceTable.write(newPresence, $0) }
    }

    /// Removes the published presence (the room closed), waiting for the lock as changes do.
    public func clearPresence() throws {
        try writeRoomPresence(wait: true) { try PresenceTable.clear($0) }
    }

    private func writeRoomPresence(wait: Bool, _ change: (Database) throws -> Void) throws {
        guard let db else { throw SessionError.closed }
        do {
            try waiting(wait) {
                try commit(db) { db in
                    try change(db)
                    return .commit
                }
            }
        } catch {
            throw writeFailure(error)
        }
    }

    private func ingest(_ fresh: [Event]) {
        guard !fresh.isEmpty else { return }
        // On open the log arrives whole: take the array as it is rather than copying it,
        // which would hold two copies of every event at once (13 MB more at the peak of
        // a 100,000-event session).
        if events.isEmpty { events = fresh } else { events.append(contentsOf: fresh) }
        if events.count == fresh.count || fresh.contains(where: { $0.payload.isUndo }) {
            state = Fold.state(from: events)
        } else {
            for e in fresh { state.apply(e) }
        }
    }

    @discardableResult
    private func write(_ items: [PendingEvent], allowCreation: Bool = false, fromALog: Bool = false) throws -> [Event] {
        guard let db else { throw SessionError.closed }
        if items.isEmpty { return [] }
        let savedEvents = events, savedState = state, savedVersion = dataVersion
        let path = self.path
        do {
            var written: [Event] = []
            try commit(db) { db in
                // Another process may have written since we last looked.
                let v = try Int64.fetchOne(db, sql: "PRAGMA data_version") ?? 0
                if v != dataVersion {
                    ingest(try Self.fetchEvents(db, after: lastSeq, path: path, scales: scales))
                    adoptFocus(try RoomTable.read(db))
                    presence = try PresenceTable.read(db)
                    dataVersion = v
                }
                let insert = try db.cachedStatement(sql: Self.insertSQL)
                for item in items {
                    let seq = lastSeq + 1
                    do {
                        try validate(item.payload, allowCreation: allowCreation)
                    } catch let refusal as Refusal {
                        throw SessionError.invalidEvent(fromALog ? "event \(seq) (\(item.payload.kind)) breaks a rule: \(refusal.inALog)"
                                                                 : refusal.live)
                    }
                    let at = storedDate(item.at ?? clock())
                    let event = Event(seq: seq, at: at, author: item.author, payload: item.payload)
                    if let why = RecordRules.violation(in: event, scales: scales) ?? RecordRules.newRecordViolation(in: event) {
                        throw SessionError.invalidEvent("event \(seq) (\(event.payload.kind)) breaks a rule: \(why)")
                    }
                    try insert.execute(arguments: Self.arguments(for: event))
                    ingest([event])
                    written.append(event)
                }
                return .commit
            }
            return written
        } catch {
            events = savedEvents
            state = savedState
            dataVersion = savedVersion
            if error is SessionError { throw error }
            throw writeFailure(error)
        }
    }

    /// Why `validate` refuses a change, said two ways: to whoever is making it now, with
    /// what they can do about it ("unlock it first"), and of an event in a log read in
    /// (an import), where that advice means nothing and the event's number does.
    struct Refusal: Error {
        let live: String
        let inALog: String

        init(_ reason: String, remedy: String? = nil) {
            live = remedy.map { "\(reason); \($0)" } ?? reason
            inALog = reason
        }

        init(live: String, inALog: String) {
            self.live = live
            self.inALog = inALog
        }
    }

    /// Refuses changes that would make the record inconsistent.
    private func validate(_ p: EventPayload, allowCreation: Bool) throws {
        func needGroup(_ id: String) throws {
            guard state.group(id: id) != nil else { throw Refusal("there is no group \"\(id)\"") }
        }
        func needOpen(_ e: ElementRef) throws {
            if state.locked.contains(e) { throw Refusal("voting on \(e) is locked", remedy: "unlock it first") }
        }
        switch p {
        case .sessionCreated:
            if !allowCreation || !events.isEmpty { throw Refusal("the session already exists") }
        case .groupAdded(let g):
            if g.id.isEmpty { throw Refusal("a group needs an id") }
            if state.group(id: g.id) != nil { throw Refusal("there is already a group \"\(g.id)\"") }
        case .groupRenamed(let id, _, _), .groupRemoved(let id):
            try needGroup(id)
        case .scoreRecorded(let g, let e, _, _):
            try needGroup(g); try needOpen(e)
        case .scoreCleared(let g, let e):
            try needGroup(g); try needOpen(e)
        case .noteAdded(let id, _, _):
            if state.note(id: id) != nil { throw Refusal("there is already a note \"\(id)\"") }
        case .actionAdded(let id, _, _, _, _):
            if state.action(id: id) != nil { throw Refusal("there is already an action \"\(id)\"") }
        case .actionDone(let id), .actionEdited(let id, _, _, _), .actionDeleted(let id):
            if state.action(id: id) == nil {
                throw Refusal(live: "that action (\(id)) is no longer in the session; another terminal may have deleted it",
                              inALog: "there is no action \"\(id)\" at that point (never added, or deleted before it)")
            }
        case .noteEdited(let id, _), .noteDeleted(let id):
            if state.note(id: id) == nil {
                throw Refusal(live: "that note (\(id)) is no longer in the session; another terminal may have deleted it",
                              inALog: "there is no note \"\(id)\" at that point (never added, or deleted before it)")
            }
        case .undone(let target):
            guard let t = event(seq: target) else { throw Refusal("there is no event \(target) to undo") }
            if case .sessionCreated = t.payload { throw Refusal("the session's creation cannot be undone") }
            if !state.isInEffect(target) { throw Refusal("event \(target) is already undone") }
        case .instrumentAdded(let id):
            if id.isEmpty { throw Refusal("an instrument needs an id") }
            if state.info.instruments.contains(id) { throw Refusal("the session already uses \(id)") }
        case .instrumentRemoved(let id):
            if !state.info.instruments.contains(id) { throw Refusal("the session does not use \(id)") }
        case .roundStarted(let e):
            if (state.scores[e] ?? [:]).isEmpty { throw Refusal("no group has scored \(e) yet", remedy: "a new round follows a first one") }
        case .revealed, .hidden, .votingLocked, .votingUnlocked, .agreedScoreRecorded, .agreedScoreCleared, .planSet:
            break
        }
        if events.isEmpty {
            guard case .sessionCreated = p else { throw Refusal("the session has no creation event") }
        }
    }

    // MARK: Storage

    static let migrator: DatabaseMigrator = {
        var m = DatabaseMigrator()
        m.registerMigration("v1") { db in
            try db.execute(sql: """
                CREATE TABLE meta (key TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL);
                CREATE TABLE events (
                    seq INTEGER PRIMARY KEY,
                    at INTEGER NOT NULL,
                    author TEXT NOT NULL,
                    kind TEXT NOT NULL,
                    subject TEXT,
                    instrument TEXT,
                    element TEXT,
                    level INTEGER,
                    na INTEGER NOT NULL DEFAULT 0,
                    target INTEGER,
                    text TEXT,
                    text2 TEXT,
                    text3 TEXT
                );
                CREATE TRIGGER events_append_only_update BEFORE UPDATE ON events
                    BEGIN SELECT RAISE(ABORT, 'pit events are append-only'); END;
                CREATE TRIGGER events_append_only_delete BEFORE DELETE ON events
                    BEGIN SELECT RAISE(ABORT, 'pit events are append-only'); END;
                PRAGMA application_id = \(applicationID);
                PRAGMA user_version = 1;
                """)
        }
        m.registerMigration("v2-room") { db in
            try db.execute(sql: RoomTable.createSQL)
        }
        m.registerMigration("v3-presence") { db in
            try db.execute(sql: PresenceTable.createSQL)
        }
        return m
    }()

    static func configuration(readonly: Bool, lockWait: LockWait = LockWait(limit: busyTimeout)) -> Configuration {
        var config = Configuration()
        config.readonly = readonly
        config.busyMode = lockWait.busyMode
        config.label = "pit-session"
        if !readonly {
            config.prepareDatabase { db in
                try db.execute(sql: "PRAGMA synchronous = FULL")
                try db.execute(sql: "PRAGMA journal_mode = DELETE")
            }
        }
        return config
    }

    /// Checks pit's mark, the version and the pages on a connection that cannot write.
    /// Returns the queue it looked with, closed.
    private static func validateReadOnly(path: String) throws -> DatabaseQueue {
        do {
            let queue = try DatabaseQueue(path: path, configuration: configuration(readonly: true))
            defer { try? queue.close() }
            try queue.inDatabase { db in try checkInside(db, path: path) }
            return queue
        } catch {
            throw mapOpenError(error, path: path)
        }
    }

    private static func checkInside(_ db: Database, path: String) throws {
        let app = try Int32.fetchOne(db, sql: "PRAGMA application_id") ?? 0
        guard app == applicationID else {
            throw SessionFileError.notAPitSession(path: path, reason: "it is an SQLite database made by another program")
        }
        let version = try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0
        if version > schemaVersion { throw SessionFileError.newerSchema(path: path, found: version, supported: schemaVersion) }
        let check = try String.fetchAll(db, sql: "PRAGMA quick_check")
        if check != ["ok"] {
            throw SessionFileError.damaged(path: path, detail: "SQLite's check says: " + check.prefix(3).joined(separator: "; "))
        }
        let tables = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name IN ('meta', 'events')")
        if Set(tables) != ["meta", "events"] {
            throw SessionFileError.damaged(path: path, detail: "its meta or events table is missing")
        }
    }

    /// What a failed change tells the user: another process holds the file (try again), or
    /// the file cannot be written.
    private func writeFailure(_ error: Error) -> SessionFileError {
        if let e = error as? SessionFileError { return e }
        if let e = error as? DatabaseError, e.resultCode == .SQLITE_BUSY || e.resultCode == .SQLITE_LOCKED {
            return .busy(path: path)
        }
        if Self.isDiskFull(error) { return .noSpace(path: path) }
        // SQLITE_READONLY_DBMOVED: no retry can work, whatever the disk or the permissions.
        if let e = error as? DatabaseError, e.extendedResultCode.rawValue == 1032 {
            return .replacedWhileOpen(path: path, detail: "it was moved or deleted while pit had it open (if it was moved, open it from where it is now)")
        }
        return .notWritable(path: path, detail: Self.describe(error))
    }

    static func mapOpenError(_ error: Error, path: String) -> Error {
        if error is SessionFileError || error is SessionError { return error }
        if let e = error as? DatabaseError {
            switch e.resultCode {
            case .SQLITE_NOTADB:
                return SessionFileError.notAPitSession(path: path, reason: "it is not an SQLite database")
            case .SQLITE_CORRUPT:
                return SessionFileError.damaged(path: path, detail: e.message ?? "corrupt database")
            case .SQLITE_BUSY, .SQLITE_LOCKED:
                return SessionFileError.busy(path: path)
            case .SQLITE_READONLY where e.extendedResultCode.rawValue == 776: // SQLITE_READONLY_ROLLBACK
                return SessionFileError.unreadable(path: path, detail: "it was left in the middle of a save; open it once with `pit open` to finish recovering it")
            default:
                return SessionFileError.unreadable(path: path, detail: describe(error))
            }
        }
        return SessionFileError.unreadable(path: path, detail: describe(error))
    }

    static func isDiskFull(_ error: Error) -> Bool {
        (error as? DatabaseError)?.resultCode == .SQLITE_FULL
    }

    static func describe(_ error: Error) -> String {
        if let e = error as? DatabaseError { return e.message ?? "\(e.resultCode)" }
        return "\(error)"
    }

    static func syncDirectory(_ dir: String) {
        let fd = Glibc.open(dir, O_RDONLY)
        if fd >= 0 { _ = fsync(fd); _ = Glibc.close(fd) }
    }

    /// The `na` column holds 1 for "not applicable" and this for "don't know" (an
    /// older pit reads it as not applicable, which still keeps it out of medians).
    static let dontKnowMarker = 2

    static let insertSQL = """
        INSERT INTO events (seq, at, author, kind, subject, instrument, element, level, na, target, text, text2, text3)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """

    static let selectSQL = """
        SELECT seq, at, author, kind, subject, instrument, element, level, na, target, text, text2, text3
        FROM events WHERE seq > ? ORDER BY seq
        """

    /// Where the text fields of `EventFields` lie in a row (indexes in `insertSQL` and
    /// `selectSQL`): ids in `subject`; the note, rationale, name or what in `text`; sector
    /// or owner in `text2`; initials or due date in `text3`. The element is `instrument` and
    /// `element`, the answer `level` and `na`, an undo's target `target`, and
    /// `sessionCreated` keeps its `SessionInfo` as JSON in `text`, and `planSet` its plan; an
    /// instrument joining or leaving is named in `instrument`.
    /// (A switch rather than a dictionary: it is asked for every field of every row read.)
    static func textColumn(of field: EventField) -> Int? {
        switch field {
        case .group, .id: 4
        case .instrument: 5
        case .note, .rationale, .text, .name, .what: 10
        case .sector, .owner: 11
        case .initials, .due: 12
        case .session, .element, .answer, .target, .plan: nil
        }
    }

    /// The row for an event, written from its `EventFields`: explicit columns, so reading
    /// needs no JSON (bar the one sessionCreated).
    static func arguments(for e: Event) throws -> StatementArguments {
        let fields = EventFields(e.payload)
        var row: [(any DatabaseValueConvertible)?] = [e.seq, millis(e.at), e.author, fields.kind, nil, nil, nil, nil, 0, nil,
                                                      nil, nil, nil]
        for field in EventFields.layout(of: fields.kind) ?? [] {
            switch field {
            case .session:
                guard let info = fields.session else { continue }
                let enc = JSONEncoder()
                enc.outputFormatting = [.sortedKeys]
                row[10] = String(decoding: try enc.encode(info), as: UTF8.self)
            case .plan:
                guard let plan = fields.plan else { continue }
                let enc = JSONEncoder()
                enc.outputFormatting = [.sortedKeys]
                row[10] = String(decoding: try enc.encode(plan), as: UTF8.self)
            case .element:
                row[5] = fields.element?.instrument
                row[6] = fields.element?.element
            case .answer:
                switch fields.answer {
                case .level(let l)?: row[7] = l
                case .notApplicable?: row[8] = 1
                case .dontKnow?: row[8] = SessionStore.dontKnowMarker
                case nil: break
                }
            case .target:
                row[9] = fields.target
            default:
                if let column = textColumn(of: field) { row[column] = fields[text: field] }
            }
        }
        return StatementArguments(row)
    }

    static func fetchEvents(_ db: Database, after: Int64, path: String, scales: InstrumentScales) throws -> [Event] {
        var out: [Event] = []
        if after == 0 {
            let n = try Int.fetchOne(db, sql: "SELECT count(*) FROM events") ?? 0
            out.reserveCapacity(n)
        }
        if after == 0, let lowest = try Int64.fetchOne(db, sql: "SELECT min(seq) FROM events"), lowest < 1 {
            throw SessionFileError.damaged(path: path, detail: "event \(lowest) breaks a rule: events are numbered from 1")
        }
        // The log is numbered 1, 2, 3 … with the session's creation first and only there:
        // a gap or a second creation means the file was edited by something other than pit.
        var expected = after + 1
        let statement = try db.makeStatement(sql: selectSQL)
        let rows = try Row.fetchCursor(statement, arguments: [after])
        // Each row is read from the statement SQLite stands on (see `EventRow`); the rules'
        // scales are looked up once for the whole read, not once per score.
        var reader = EventReader(row: EventRow(statement.sqliteStatement), path: path, scales: scales)
        while try rows.next() != nil {
            let event = try reader.decode()
            if event.seq != expected {
                throw SessionFileError.damaged(path: path, detail: "event \(event.seq) (\(event.payload.kind)) breaks a rule: the events are numbered without gaps, and event \(expected) should come next")
            }
            let isCreation: Bool = { if case .sessionCreated = event.payload { return true } else { return false } }()
            if isCreation != (event.seq == 1) {
                throw SessionFileError.damaged(path: path, detail: "event \(event.seq) (\(event.payload.kind)) breaks a rule: the session's creation is event 1, and only event 1")
            }
            out.append(event)
            expected += 1
        }
        return out
    }

    /// The columns of `selectSQL`, by index, for messages about a bad row.
    static let columnNames = ["seq", "at", "author", "kind", "subject", "instrument", "element", "level", "na", "target",
                              "text", "text2", "text3"]
}

/// Turns the rows of `SessionStore.selectSQL` into events, checking each against the
/// rules on the way in (a file from a partner is untrusted).
struct EventReader {
    var row: EventRow
    let path: String
    let scales: InstrumentScales
    /// The last kind read and its layout: runs of one kind need no lookup.
    private var lastKind = ""
    private var lastLayout: [EventField]?

    init(row: EventRow, path: String, scales: InstrumentScales) {
        self.row = row
        self.path = path
        self.scales = scales
    }

    /// A message naming the row ("event 12 (scoreRecorded)"), made only when one is needed.
    func bad(_ what: String) -> SessionFileError {
        let name = "event \(row.intIfAny(0).map(String.init) ?? "?")" + (row.textIfAny(3).map { " (\($0))" } ?? "")
        return SessionFileError.damaged(path: path, detail: "\(name) \(what)")
    }

    // Every column is read by its stored type: a crafted file may hold NULL, text or a
    // blob anywhere.
    func int(_ i: Int) throws -> Int64? {
        do { return try row.int(Int32(i)) } catch { throw bad("holds a non-integer in its \(SessionStore.columnNames[i]) column") }
    }

    mutating func string(_ i: Int, shared: Bool = false) throws -> String? {
        do { return try row.text(Int32(i), shared: shared) } catch {
            throw bad("holds a non-text value in its \(SessionStore.columnNames[i]) column")
        }
    }

    func required<T>(_ v: T?, _ i: Int) throws -> T {
        guard let v else { throw bad("has no \(SessionStore.columnNames[i])") }
        return v
    }

    /// The columns that hold ids and short names, which repeat from event to event.
    static func isShared(_ column: Int) -> Bool { column == 4 || column == 5 || column == 11 || column == 12 }

    /// The element an event is about, if it names one (instrument and element ids).
    mutating func elementRef() throws -> ElementRef? {
        guard let i = try string(5, shared: true), let e = try string(6, shared: true) else { return nil }
        return ElementRef(instrument: i, element: e)
    }

    func answer() throws -> Answer {
        guard let na = try int(8) else { throw bad("has no not-applicable flag (na)") }
        if na == Int64(SessionStore.dontKnowMarker) { return .dontKnow }
        if na != 0 { return .notApplicable }
        guard let l = try int(7) else { throw bad("has no score") }
        guard let level = Int(exactly: l), RecordRules.levels.contains(level) else {
            throw bad("has level \(l); a level must be on the scale, \(RecordRules.levels.lowerBound)–\(RecordRules.levels.upperBound)")
        }
        return .level(level)
    }

    mutating func decode() throws -> Event {
        let seq = try required(try int(0), 0)
        let atMillis = try required(try int(1), 1)
        guard RecordRules.millisecondTimes.contains(atMillis) else { throw bad("has a time outside 1970–9999 (\(atMillis) ms)") }
        let at = dateFromMillis(atMillis)
        let author = try required(try string(2, shared: true), 2)
        let kind = try required(try string(3, shared: true), 3)
        // The kind's fields, each read by its column's type; then the one description of
        // an event (`EventFields`) puts the payload together.
        if kind != lastKind {
            lastLayout = EventFields.layout(of: kind)
            lastKind = kind
        }
        guard let layout = lastLayout else { throw bad("is of a kind this version does not know") }
        var fields = EventFields(kind: kind)
        for field in layout {
            switch field {
            case .session:
                guard let json = try string(10),
                      let info = try? JSONDecoder().decode(SessionInfo.self, from: Data(json.utf8)) else {
                    throw bad("has unreadable session details")
                }
                fields.session = info
            case .plan:
                guard let json = try string(10),
                      let plan = try? JSONDecoder().decode(SessionPlan.self, from: Data(json.utf8)) else {
                    throw bad("has an unreadable plan")
                }
                fields.plan = plan
            case .element: fields.element = try elementRef()
            case .answer: fields.answer = try answer()
            case .target: fields.target = try int(9)
            // A group's name and sector are kept however an older or newer pit wrote them.
            case .name: fields.name = try string(10) ?? ""
            case .sector: fields.sector = try string(11).flatMap { Sector(rawValue: $0)?.rawValue } ?? Sector.other.rawValue
            default:
                if let column = SessionStore.textColumn(of: field) {
                    fields[text: field] = try string(column, shared: Self.isShared(column))
                }
            }
        }
        let payload: EventPayload
        do {
            payload = try fields.payload()
        } catch EventFieldsError.missing(let field) {
            switch field {
            case .group, .id: throw bad("has no subject")
            case .element: throw bad("has no element")
            default: throw bad("has no \(field.rawValue)")
            }
        } catch {
            throw bad("is unusable (\(error))")
        }
        let event = Event(seq: seq, at: at, author: author, payload: payload)
        if let off = RecordRules.offScale(in: payload, scales: scales) {
            throw SessionFileError.offScale(path: path, instrument: off.instrument, level: off.level, detail: "event \(seq) (\(payload.kind)): \(off.why)")
        }
        if let why = RecordRules.violation(in: event, scales: scales) { throw bad("breaks a rule: \(why)") }
        return event
    }
}
