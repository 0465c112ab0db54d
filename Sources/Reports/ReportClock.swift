import Foundation
import SessionEngine

/// How the reports write the times of a record, truthfully for the zone they are shown in:
/// - the zone's offset is stated as it was at the first record, and every clock change the
///   record crosses is stated too; a time at another offset than the first carries its own
///   ("14:40 UTC+12:00"), so no time is read at the wrong offset;
/// - when the record spans more than one day in the zone, a time carries its date
///   ("2026-04-04 09:10"), so times of different days never read as one day's.
public struct ReportClock: Sendable {
    public struct Change: Hashable, Sendable {
        /// The moment the clocks changed.
        public var at: Date
        /// Seconds east of UTC from then on.
        public var offset: Int
    }

    public var format: TimeFormat
    /// The offset at the first record: the one stated first, and the one times carry unmarked.
    public var baseOffset: Int
    /// The clock changes between the first and the last record, in time order.
    public var changes: [Change]
    /// The first and last records fall on different days in the zone.
    public var multiDay: Bool
    var first: Date, last: Date

    /// - Parameters: first, last: the record's earliest and latest times (nil: no record).
    public init(timeZone: TimeZone, first: Date?, last: Date?) {
        format = TimeFormat(timeZone: timeZone)
        let start = first ?? Date(timeIntervalSince1970: 0), end = last ?? start
        self.first = start
        self.last = end
        baseOffset = timeZone.secondsFromGMT(for: start)
        multiDay = format.day(start) != format.day(end)
        var changes: [Change] = []
        var offset = baseOffset, t = start
        // A zone's own list of changes; bounded, as a record may span years.
        while changes.count < 400, let next = timeZone.nextDaylightSavingTimeTransition(after: t), next <= end, next > t {
            let now = timeZone.secondsFromGMT(for: next)
            if now != offset { changes.append(Change(at: next, offset: now)) }
            offset = now
            t = next
        }
        // A change the zone's list does not call daylight saving (a zone that moved its
        // standard offset) still shows between the two ends: found to the second.
        if changes.isEmpty, timeZone.secondsFromGMT(for: end) != baseOffset {
            var lo = start.timeIntervalSince1970, hi = end.timeIntervalSince1970
            while hi - lo > 1 {
                let mid = (lo + hi) / 2
                if timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: mid)) == baseOffset { lo = mid } else { hi = mid }
            }
            changes.append(Change(at: Date(timeIntervalSince1970: hi), offset: timeZone.secondsFromGMT(for: end)))
        }
        self.changes = changes
    }

    /// The offset at `d`, seconds east of UTC.
    public func offset(at d: Date) -> Int {
        changes.isEmpty && d >= first && d <= last ? baseOffset : format.timeZone.secondsFromGMT(for: d)
    }

    /// "UTC+12:00".
    static func utc(_ seconds: Int) -> String {
        let a = abs(seconds)
        let hh = a / 3600, mm = (a % 3600) / 60
        return "UTC" + (seconds < 0 ? "-" : "+") + (hh < 10 ? "0" : "") + "\(hh):" + (mm < 10 ? "0" : "") + "\(mm)"
    }

    /// " UTC+12:00" when `d` is at another offset than the first record's, else "".
    func marker(_ d: Date) -> String {
        let o = offset(at: d)
        return o == baseOffset ? "" : " " + Self.utc(o)
    }

    /// A time in running text or a table: "09:10", "2026-04-04 09:10" when the record spans
    /// days (or `withDay`), and its offset when it is not the first record's.
    public func stamp(_ d: Date, withDay: Bool = false) -> String {
        (withDay || multiDay ? format.dayTime(d) : format.time(d)) + marker(d)
    }

    /// The zone statement: "Europe/London (UTC+00:00)", and when the record crosses a clock
    /// change, each change and how the times after it are shown.
    /// - Parameter marked: true where each time carries its offset (reports); false where a
    ///   line marks the change in place (transcripts).
    public func statement(marked: Bool = true) -> String {
        let base = format.label(at: first)
        guard !changes.isEmpty else { return base }
        let list = changes.map { "to \(Self.utc($0.offset)) on \(format.day($0.at))" }.joined(separator: " and ")
        var others: [Int] = []
        for c in changes where c.offset != baseOffset && !others.contains(c.offset) { others.append(c.offset) }
        let how = marked
            ? ", so times at " + others.map(Self.utc).joined(separator: " or ") + " are marked with their offset"
            : ", marked where it happened"
        return base + "; the clocks changed " + list + how
    }

    /// The offset at `d` when the clocks changed since a time at `previous` (seconds east of
    /// UTC), for a list in time order that says where it happened; nil when they did not.
    public func changed(since previous: Int, at d: Date) -> Int? {
        guard !changes.isEmpty else { return nil }
        let now = offset(at: d)
        return now == previous ? nil : now
    }

    /// What a transcript says where the offset changes: "The clocks changed: times from here are UTC+12:00."
    public static func changeLine(_ offset: Int) -> String {
        "The clocks changed: times from here are \(utc(offset))."
    }
}
