import Foundation
import GRDB

/// Who is in the live room, as the room's process publishes it for the facilitator's other
/// processes: per group, devices joined and devices with the live page open; the last few
/// joins and leaves. Never the room code, device tokens or anything a device scored.
///
/// The room rewrites it on every change and at least every `interval` seconds; a reader
/// takes it as gone once `freshUntil` has passed (a room process that was killed stops
/// refreshing it), and a room that closes cleanly deletes it.
public struct RoomPresence: Equatable, Sendable {
    public struct GroupPresence: Equatable, Sendable, Codable {
        public var groupID: String
        public var devices: Int
        public var connected: Int
        public init(groupID: String, devices: Int, connected: Int) {
            self.groupID = groupID; self.devices = devices; self.connected = connected
        }

        enum CodingKeys: String, CodingKey {
            case groupID = "group", devices, connected
        }
    }

    /// How often a live room refreshes its row when nothing else changes (seconds).
    public static let defaultInterval: TimeInterval = 10
    /// A row not refreshed for this many intervals is stale: its room is gone.
    public static let staleIntervals: Double = 3

    /// When the row was written (ms precision).
    public var at: Date
    /// After this the row is ignored: `at` plus `staleIntervals` times the room's interval.
    public var freshUntil: Date
    public var groups: [GroupPresence]
    /// Joins and leaves, newest last (a few only).
    public var recent: [String]

    public init(at: Date, interval: TimeInterval = RoomPresence.defaultInterval, groups: [GroupPresence], recent: [String]) {
        self.at = storedDate(at)
        self.freshUntil = storedDate(at.addingTimeInterval(interval * Self.staleIntervals))
        self.groups = groups
        self.recent = recent
    }

    init(at: Date, freshUntil: Date, groups: [GroupPresence], recent: [String]) {
        self.at = at; self.freshUntil = freshUntil; self.groups = groups; self.recent = recent
    }

    /// Whether the room that wrote it still counts as running at `now`.
    public func isFresh(at now: Date) -> Bool { now < freshUntil }

    public func group(_ id: String) -> GroupPresence? { groups.first { $0.groupID == id } }
}

/// The `room_presence` table: one row (id 1) holding `RoomPresence`, rewritten in place.
///
/// Columns: `id` (always 1), `at` and `fresh_until` (ms since 1970 UTC), `groups` (JSON:
/// `[{"group": "g1", "devices": 2, "connected": 1}]`), `recent` (JSON array of lines).
/// Added by the migration `v3-presence` without changing `user_version`, as the `room`
/// table was: older pits never read it. Not part of the record: exports, reports and
/// transcripts read only `events`.
enum PresenceTable {
    static let createSQL = """
        CREATE TABLE IF NOT EXISTS room_presence (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            at INTEGER NOT NULL,
            fresh_until INTEGER NOT NULL,
            groups TEXT NOT NULL,
            recent TEXT NOT NULL
        )
        """

    static func exists(_ db: Database) throws -> Bool {
        try Bool.fetchOne(db, sql: "SELECT count(*) > 0 FROM sqlite_master WHERE type = 'table' AND name = 'room_presence'") ?? false
    }

    /// The stored presence, fresh or not; nil when there is no table, no row, or a row this
    /// version cannot read (which counts as no room).
    static func read(_ db: Database) throws -> RoomPresence? {
        guard try exists(db) else { return nil }
        guard let row = try Row.fetchOne(db, sql: "SELECT at, fresh_until, groups, recent FROM room_presence WHERE id = 1") else {
            return nil
        }
        // Converted without trapping: a crafted file may hold anything in these columns.
        let decoder = JSONDecoder()
        guard let at = Int64.fromDatabaseValue(row["at"] as DatabaseValue),
              let until = Int64.fromDatabaseValue(row["fresh_until"] as DatabaseValue),
              let groupsText = String.fromDatabaseValue(row["groups"] as DatabaseValue),
              let recentText = String.fromDatabaseValue(row["recent"] as DatabaseValue),
              let groups = try? decoder.decode([RoomPresence.GroupPresence].self, from: Data(groupsText.utf8)),
              let recent = try? decoder.decode([String].self, from: Data(recentText.utf8)) else { return nil }
        return RoomPresence(at: dateFromMillis(at), freshUntil: dateFromMillis(until), groups: groups, recent: recent)
    }

    static func write(_ presence: RoomPresence, _ db: Database) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let groups = String(decoding: try encoder.encode(presence.groups), as: UTF8.self)
        let recent = String(decoding: try encoder.encode(presence.recent), as: UTF8.self)
        try db.execute(sql: """
            INSERT OR REPLACE INTO room_presence (id, at, fresh_until, groups, recent) VALUES (1, ?, ?, ?, ?)
            """, arguments: [millis(presence.at), millis(presence.freshUntil), groups, recent])
    }

    static func clear(_ db: Database) throws {
        guard try exists(db) else { return }
        try db.execute(sql: "DELETE FROM room_presence WHERE id = 1")
    }
}
