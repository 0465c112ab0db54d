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
        let zone = time.label(at: t.entries.first?.at ?? Date(timeIntervalSince1970: 0))
        out += "\(t.entries.count) events. Times in \(zone). #N is the event's number; [undone] marks a change that was later undone.\n"
        var day = ""
        let width = String(t.entries.last?.seq ?? 0).count + 1
        for e in t.entries {
            let (d, clock) = time.dayAndTime(e.at)
            if d != day { out += "\n\(d)\n"; day = d }
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
        let zone = time.label(at: t.entries.first?.at ?? Date(timeIntervalSince1970: 0))
        out += "\(t.entries.count) events. Times in \(zone). \"Undone\" marks a change that was later undone.\n\n"
        var day = ""
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
            let what = (e.inEffect ? "" : "*Undone:* ") + Escape.markdownCell(e.text)
            if e.author != author.name || author.cell.isEmpty { author = (e.author, Escape.markdownCell(e.author)) }
            table?.add([clock, String(e.seq), author.cell, what])
        }
        if let table { out += table.text }
        return out
    }

    /// Control characters and bidirectional overrides made visible (`Escape.visible`), so a
    /// transcript printed to a terminal cannot carry escape sequences.
    static func clean(_ s: String) -> String { Escape.visible(s) }
}
