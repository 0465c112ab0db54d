import Escaping
import Foundation
import Instruments
import SessionEngine

/// The transcript as plain text and as Markdown.
public enum TranscriptRender {
    /// Plain text: a line per event, "10:42  #12  NHS Trust scored ...", a heading per day.
    public static func plain(_ t: Transcript, timeZone: TimeZone = .current) -> String {
        let time = TimeFormat(timeZone: timeZone)
        var out = "Transcript: \(clean(t.info.title))\n"
        var facts: [String] = []
        if !t.info.place.isEmpty { facts.append(clean(t.info.place)) }
        if !t.info.date.isEmpty { facts.append(clean(t.info.date)) }
        if !facts.isEmpty { out += facts.joined(separator: ", ") + "\n" }
        let zone = zoneClock(t, timeZone)
        out += "\(t.entries.count) events. Times in \(zone.statement(marked: false)). #N is the event's number; [undone] marks a change that was later undone.\n"
        var day = ""
        var offset = zone.baseOffset
        let width = String(t.entries.last?.seq ?? 0).count + 1
        for e in t.entries {
            let (d, clock) = time.dayAndTime(e.at)
            if d != day { out += "\n\(d)\n"; day = d }
            if let now = zone.changed(since: offset, at: e.at) {
                out += ReportClock.changeLine(now) + "\n"
                offset = now
            }
            let number = "#\(e.seq)"
            let num = number + String(repeating: " ", count: max(0, width - number.utf8.count))
            let prefix = "\(clock)  \(num)  "
            let body = (e.inEffect ? "" : "[undone] ") + clean(e.text)
            if body.utf8.contains(UInt8(ascii: "\n")) {
                let indent = String(repeating: " ", count: prefix.count)
                out += prefix + body.split(separator: "\n", omittingEmptySubsequences: false).joined(separator: "\n" + indent) + "\n"
            } else {
                out += prefix + body + "\n"
            }
        }
        return out
    }

    /// Markdown: a table per day (time, number, who, what).
    public static func markdown(_ t: Transcript, timeZone: TimeZone = .current) -> String {
        let time = TimeFormat(timeZone: timeZone)
        var out = "# Transcript: \(Escape.markdownHeading(t.info.title))\n\n"
        var facts: [String] = []
        if !t.info.place.isEmpty { facts.append(Escape.markdownText(t.info.place)) }
        if !t.info.date.isEmpty { facts.append(Escape.markdownText(t.info.date)) }
        if !facts.isEmpty { out += facts.joined(separator: ", ") + "\n\n" }
        let zone = zoneClock(t, timeZone)
        out += "\(t.entries.count) events. Times in \(Escape.markdownText(zone.statement(marked: false))). \"Undone\" marks a change that was later undone.\n\n"
        var day = ""
        var offset = zone.baseOffset
        var table: MarkdownTable? = nil
        // Runs of events share an author: escape each name once per run.
        var author = (name: "", cell: "")
        for e in t.entries {
            let (d, clock) = time.dayAndTime(e.at)
            if d != day {
                if let table { out += table.text + "\n" }
                out += "## \(d)\n\n"
                table = MarkdownTable(["Time", "#", "Who", "What"], align: "lrll")
                day = d
            }
            if let now = zone.changed(since: offset, at: e.at) {
                // The table ends where the clocks changed, and the next one says so first.
                if let table, !table.rows.isEmpty { out += table.text + "\n" }
                out += ReportClock.changeLine(now) + "\n\n"
                table = MarkdownTable(["Time", "#", "Who", "What"], align: "lrll")
                offset = now
            }
            let what = (e.inEffect ? "" : "*Undone:* ") + Escape.markdownCell(e.text)
            if e.author != author.name || author.cell.isEmpty { author = (e.author, Escape.markdownCell(e.author)) }
            table?.add([clock, String(e.seq), author.cell, what])
        }
        if let table { out += table.text }
        return out
    }

    /// The transcript's zone, over its first and last entries' times.
    public static func zoneClock(_ t: Transcript, _ timeZone: TimeZone) -> ReportClock {
        var first = t.entries.first?.at, last = first
        for e in t.entries {
            if e.at < first! { first = e.at }
            if e.at > last! { last = e.at }
        }
        return ReportClock(timeZone: timeZone, first: first, last: last)
    }

    /// Control characters and bidirectional overrides made visible (`Escape.visible`), so a
    /// transcript printed to a terminal cannot carry escape sequences.
    static func clean(_ s: String) -> String { Escape.visible(s) }
}
