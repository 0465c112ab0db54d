import Foundation
import GRDB

/// The `room` table: one row (id 1) holding the facilitator's focus, rewritten in place.
///
/// Columns: `id` (always 1), `rev` (counts the writes, so a reader can tell a new focus from
/// the same one), `at` (ms since 1970 UTC), `author`, `screen` (`RoomFocus.ScreenKind`),
/// `instrument`, `element`, `component`, `view`, `revealed` (0/1), `timer_state` (`running`,
/// `paused` or NULL for no timer), `timer_ends_at` (ms, when running), `timer_remaining`
/// (seconds, when paused), `timer_duration` (seconds), `plan_position`.
///
/// Added by the migration `v2-room` without changing `user_version`: a file with the table
/// still opens in a pit that does not know it (it only reads `meta` and `events`), and a
/// file without it (made before) gets it the first time it is opened for writing. A reader
/// that finds no table sees no focus.
enum RoomTable {
    static let createSQL = """
        CREATE TABLE IF NOT EXISTS room (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            rev INTEGER NOT NULL,
            at INTEGER NOT NULL,
            author TEXT NOT NULL,
            screen TEXT NOT NULL,
            instrument TEXT,
            element TEXT,
            component TEXT,
            view TEXT,
            revealed INTEGER NOT NULL DEFAULT 0,
            timer_state TEXT,
            timer_ends_at INTEGER,
            timer_remaining INTEGER,
            timer_duration INTEGER,
            plan_position INTEGER
        )
        """

    static func exists(_ db: Database) throws -> Bool {
        try Bool.fetchOne(db, sql: "SELECT count(*) > 0 FROM sqlite_master WHERE type = 'table' AND name = 'room'") ?? false
    }

    /// The stored focus and its revision; nil when there is no table or no row yet.
    /// A row this version cannot read (an unknown screen kind) counts as no focus.
    static func read(_ db: Database) throws -> (focus: RoomFocus, rev: Int64)? {
        guard try exists(db) else { return nil }
        guard let row = try Row.fetchOne(db, sql: """
            SELECT rev, screen, instrument, element, component, view, revealed,
                   timer_state, timer_ends_at, timer_remaining, timer_duration, plan_position
            FROM room WHERE id = 1
            """) else { return nil }
        // Converted without trapping: a crafted file may hold anything in these columns, and
        // a row that does not read is no focus, as an unknown screen kind is.
        func value<T: DatabaseValueConvertible>(_ column: String, _: T.Type) -> T?? {
            let raw = row[column] as DatabaseValue
            if raw.isNull { return .some(nil) }
            return T.fromDatabaseValue(raw).map { .some($0) }
        }
        guard let rev = value("rev", Int64.self) ?? nil,
              let screenName = value("screen", String.self) ?? nil,
              let screen = RoomFocus.ScreenKind(rawValue: screenName),
              let instrument = value("instrument", String.self), let element = value("element", String.self),
              let component = value("component", String.self), let view = value("view", String.self),
              let revealed = value("revealed", Int64.self), let timerState = value("timer_state", String.self),
              let endsAt = value("timer_ends_at", Int64.self), let remaining = value("timer_remaining", Int.self),
              let duration = value("timer_duration", Int.self), let planPosition = value("plan_position", Int.self)
        else { return nil }
        var timer: RoomTimer?
        switch timerState {
        case "running":
            if let endsAt { timer = RoomTimer(duration: duration ?? 0, run: .running(endsAt: dateFromMillis(endsAt))) }
        case "paused":
            timer = RoomTimer(duration: duration ?? 0, run: .paused(remaining: remaining ?? 0))
        default:
            timer = nil
        }
        let focus = RoomFocus(screen: screen, instrument: instrument, element: element,
                              component: component, view: view, revealed: (revealed ?? 0) != 0,
                              timer: timer, planPosition: planPosition)
        return (focus, rev)
    }

    /// Replaces the row. Returns the new revision.
    static func write(_ focus: RoomFocus, author: String, at: Date, _ db: Database) throws -> Int64 {
        let rev = (try Int64.fetchOne(db, sql: "SELECT rev FROM room WHERE id = 1") ?? 0) + 1
        var state: String?, endsAt: Int64?, remaining: Int?, duration: Int?
        if let timer = focus.timer {
            duration = timer.duration
            switch timer.run {
            case .running(let end): state = "running"; endsAt = millis(storedDate(end))
            case .paused(let left): state = "paused"; remaining = left
            }
        }
        try db.execute(sql: """
            INSERT OR REPLACE INTO room (id, rev, at, author, screen, instrument, element, component, view, revealed,
                                         timer_state, timer_ends_at, timer_remaining, timer_duration, plan_position)
            VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [rev, millis(storedDate(at)), author, focus.screen.rawValue, focus.instrument, focus.element,
                             focus.component, focus.view, focus.revealed ? 1 : 0, state, endsAt, remaining, duration,
                             focus.planPosition])
        return rev
    }
}
