import Escaping
import Foundation
import Instruments
import SessionEngine

/// A pipe table; cells are given already escaped.
///
/// Columns are padded so the source reads as a table too, and each column's dashes are
/// as many as its width (up to `widest`): pandoc takes a wide table's column widths from
/// those dashes, so a Word file gets a wide Element or Rationale column and narrow number
/// columns rather than equal columns that break words.
struct MarkdownTable {
    var header: [String]
    /// "l", "r" or "c" per column.
    var align: [Character]
    var rows: [[String]] = []
    /// The widest a column is padded to; longer cells run on (and wrap in a viewer).
    static let widest = 40

    init(_ header: [String], align: String? = nil) {
        self.header = header
        let given = align.map(Array.init) ?? []
        self.align = header.indices.map { given.indices.contains($0) ? given[$0] : "l" }
    }

    mutating func add(_ row: [String]) { rows.append(row) }

    /// The characters in `s` and in its longest space-separated word (0 for none): counted
    /// as bytes when every character is one byte (ASCII without CR, as CR LF is one
    /// character), else as grapheme clusters.
    static func measure(_ s: String) -> (characters: Int, longestWord: Int) {
        let bytewise = s.utf8.withContiguousStorageIfAvailable { bytes -> (Int, Int)? in
            var longest = 0, run = 0
            for b in bytes {
                if b >= 0x80 || b == 0x0D { return nil }
                run = b == 0x20 ? 0 : run + 1
                longest = max(longest, run)
            }
            return (bytes.count, longest)
        }
        if let counted = bytewise ?? nil { return counted }
        return (s.count, s.split(separator: " ").map(\.count).max() ?? 0)
    }

    static func characters(_ s: String) -> Int { measure(s).characters }
    static func longestWord(_ s: String) -> Int { measure(s).longestWord }

    var text: String {
        // Wide enough for the cells (up to `widest`) and for the longest word plus a margin,
        // so Word never has to break a word in a narrow column.
        var widest = [Int](repeating: 0, count: header.count), longestWord = widest
        for cells in [header] + rows {
            for i in header.indices where cells.indices.contains(i) {
                let m = Self.measure(cells[i])
                widest[i] = max(widest[i], m.characters)
                longestWord[i] = max(longestWord[i], m.longestWord)
            }
        }
        let widths = header.indices.map { min(Self.widest, max(3, widest[$0], longestWord[$0] + 2)) }
        var out = ""
        out.reserveCapacity(widths.reduce(4 * header.count) { $0 + $1 } * (rows.count + 2))
        // "| cell   | cell |": each cell padded to its column's width.
        func line(_ cells: [String]) {
            out += "| "
            for i in header.indices {
                if i > 0 { out += " | " }
                let cell = cells.indices.contains(i) ? cells[i] : ""
                out += cell
                let pad = widths[i] - Self.characters(cell)
                if pad > 0 { out += String(repeating: " ", count: pad) }
            }
            out += " |\n"
        }
        line(header)
        out += "|" + header.indices.map { i -> String in
            let dashes = String(repeating: "-", count: widths[i])
            switch align[i] {
            case "r": return "-" + dashes + ":"
            case "c": return ":" + dashes + ":"
            default: return ":" + dashes + "-"
            }
        }.joined(separator: "|") + "|\n"
        for r in rows { line(r) }
        return out
    }
}

/// The report to circulate, as Markdown (CommonMark/GitHub/pandoc pipe tables).
public enum MarkdownReport {
    typealias E = Escape

    public static func render(state: SessionState, events: [Event], catalogue: Catalogue,
                              options: ReportOptions = ReportOptions()) -> String {
        render(SessionReport.make(state: state, events: events, catalogue: catalogue, options: options))
    }

    public static func render(_ r: SessionReport) -> String {
        var out = ""
        func para(_ s: String) { out += s + "\n\n" }
        let info = r.info
        para("# " + (info.title.isEmpty ? "Untitled session" : E.markdownHeading(info.title)))
        para("\(r.modeName) record made with pit, for the Population Intervention Triangle.")
        var facts: [(String, String)] = []
        if !info.place.isEmpty { facts.append(("Place", E.markdownText(info.place, indent: 2))) }
        if !info.date.isEmpty { facts.append(("Date", E.markdownText(info.date, indent: 2))) }
        if !info.facilitator.isEmpty { facts.append((info.mode == .selfAssessment ? "Partner" : "Facilitator", E.markdownText(info.facilitator, indent: 2))) }
        facts.append(("Groups", r.groups.isEmpty ? "none" : E.markdownText(r.groupList(), indent: 2)))
        facts.append(("Instruments", r.scope.instruments.isEmpty ? "none" : E.markdownText(r.instrumentList(), indent: 2)))
        var record = "\(r.eventCount) events"
        if r.undoneCount > 0 { record += ", \(r.undoneCount) of them undone" }
        if let first = r.firstEvent, let last = r.lastEvent {
            record += "; from \(r.clock.stamp(first, withDay: true)) to \(r.clock.stamp(last, withDay: true))"
        }
        facts.append(("Record", record))
        facts.append(("Times", "shown in \(r.zoneLabel)"))
        if let g = r.options.generatedAt { facts.append(("Generated", r.clock.stamp(g, withDay: true))) }
        out += facts.map { "- **\($0.0):** \($0.1)" }.joined(separator: "\n") + "\n\n"
        para(r.method)

        // Roll-up
        para("## Triangle roll-up")
        var t = MarkdownTable(["Part of the triangle", "Kind", "Score (median)", "Range", "Elements scored", "Of which agreed"],
                              align: "llrrrr")
        for c in r.rollup.components {
            t.add([E.markdownCell(c.name), SessionReport.kindName(c.kind), Words.number(c.score.median),
                   Words.range(c.score.min, c.score.max),
                   c.score.total == 0 ? "not assessed" : "\(c.score.scored) of \(c.score.total)", String(c.score.agreed)])
        }
        out += t.text + "\n"

        // Priorities
        para("## Priorities, weakest first")
        if r.priorities.items.isEmpty {
            para("No element has a score yet.")
        } else {
            var p = MarkdownTable(["#", "Element", "Score", "Basis", "Groups: median (range)", "Divergent", "Actions"],
                                  align: "rlrlrcl")
            for (i, item) in r.priorities.items.enumerated() {
                let actions = item.actions.map { E.markdownCell($0.what) + ($0.done ? " (done)" : "") }.joined(separator: "; ")
                p.add([String(i + 1), E.markdownCell(r.scope.displayName(item.element)), Words.number(item.score.value),
                       r.basis(item.score), medianRange(item.summary), item.summary.divergent ? "yes" : "no", actions])
            }
            out += p.text + "\n"
        }
        for line in r.unscoredLines({ E.markdownText(r.scope.displayName($0)) }) { para(line) }
        if !r.priorities.evidenceGaps.isEmpty {
            para("Evidence gaps (\"don't know\", left out of medians):")
            out += r.priorities.evidenceGaps.map {
                "- " + E.markdownText(r.scope.displayName($0.element)) + ": " + E.markdownText(Priorities.gapText($0))
            }.joined(separator: "\n") + "\n\n"
        }

        // Group matrix
        para("## Group matrix")
        if !r.groups.isEmpty {
            para("Each group's level; N/A = not applicable; DK = don't know; – = not scored. Groups: "
                 + r.groups.map { "\(E.markdownText($0.initials)) = \(E.markdownText($0.name))" }.joined(separator: ", ") + ".")
        }
        for section in r.groupMatrix.sections where !section.rows.isEmpty {
            para("### " + E.markdownHeading("\(section.instrument.short): \(section.instrument.title)"))
            var g = MarkdownTable(["Element"] + r.groups.map { E.markdownCell($0.initials) } + ["Median", "Range", "Agreed", "Divergent"],
                                  align: "l" + String(repeating: "c", count: r.groups.count) + "rrcc")
            for row in section.rows {
                g.add([E.markdownCell(row.element.name)] + row.cells.map { Words.answerNumber($0.answer) }
                      + [Words.number(row.median), Words.range(row.min, row.max), Words.answerNumber(row.agreed?.answer),
                         row.divergent ? "yes" : ""])
            }
            out += g.text + "\n"
        }

        // Level matrix
        para("## Level matrix")
        para("Which groups chose each level (by initials).")
        for section in r.levelMatrix.sections where !section.rows.isEmpty {
            para("### " + E.markdownHeading("\(section.instrument.short): \(section.instrument.title)"))
            let heads = section.columns.map { c in c.level.map { "\($0) " + E.markdownCell(c.label) } ?? c.heading }
            var l = MarkdownTable(["Element"] + heads + ["Not scored", "Agreed"],
                                  align: "l" + String(repeating: "l", count: section.columns.count + 1) + "c")
            for row in section.rows {
                l.add([E.markdownCell(row.element.name)]
                      + row.cells.map { $0.map { E.markdownCell($0.initials) }.joined(separator: ", ") }
                      + [row.notScored.map { E.markdownCell($0.initials) }.joined(separator: ", "), Words.answerNumber(row.agreed)])
            }
            out += l.text + "\n"
        }

        // Agreed scores
        para("## Agreed scores and rationale")
        let agreed = r.agreedRows
        if agreed.isEmpty {
            para("No agreed scores recorded.")
        } else {
            var a = MarkdownTable(["Element", "Agreed", "Groups: median (range)", "Rationale", "Recorded"], align: "llrll")
            for row in agreed {
                a.add([E.markdownCell(r.scope.displayName(row.element)), E.markdownCell(Words.answer(row.agreed.answer, scale: row.scale)),
                       medianRange(row.summary), E.markdownCell(row.agreed.rationale),
                       E.markdownCell("\(r.clock.stamp(row.agreed.at)), \(row.agreed.author)")])
            }
            out += a.text + "\n"
        }

        // Actions
        para("## Actions")
        if r.state.actions.isEmpty {
            para("No actions recorded.")
        } else {
            var a = MarkdownTable(["#", "Action", "Element", "Owner", "Due", "Status"], align: "rlllll")
            for (i, act) in r.state.actions.enumerated() {
                a.add([String(i + 1), E.markdownCell(act.what), E.markdownCell(r.elementName(act.element)),
                       E.markdownCell(act.owner), E.markdownCell(act.due ?? ""),
                       act.done ? "done" + (act.doneAt.map { " " + r.time.day($0) } ?? "") : "open"])
            }
            out += a.text + "\n"
        }

        // Notes
        para("## Notes")
        let noteLines = notes(r)
        if noteLines.isEmpty { para("No notes recorded.") } else { out += noteLines.joined(separator: "\n") + "\n\n" }
        out += ClosingSummary.make(r).markdown(r)

        let sources = r.sourceList()
        if !sources.isEmpty {
            para("## Sources")
            out += sources.map { "- " + E.markdownText($0.citation) + " (used by " + E.markdownText($0.usedBy) + ")" }.joined(separator: "\n") + "\n\n"
            para(SessionReport.sourcesNote)
        }
        while out.hasSuffix("\n\n") { out.removeLast() }
        return out
    }

    static func medianRange(_ s: ElementSummary) -> String {
        guard s.median != nil else {
            if s.dontKnowCount > 0 { return s.notApplicableCount > 0 ? "N/A and DK only" : "DK only" }
            return s.notApplicableCount > 0 ? "N/A only" : "–"
        }
        return "\(Words.number(s.median)) (\(Words.range(s.min, s.max)))"
    }

    /// The room's notes (by element, then general) and the groups' notes on their scores.
    static func notes(_ r: SessionReport) -> [String] {
        var out: [String] = []
        for e in r.scope.elements {
            for n in r.state.notes(for: e.ref) {
                out.append("- **\(E.markdownText(r.scope.displayName(e)))** (\(r.clock.stamp(n.at)), \(E.markdownText(n.author))): "
                           + E.markdownText(n.text, indent: 2))
            }
            for a in r.state.summary(for: e.ref).scores {
                guard let note = a.score.note, !note.isEmpty else { continue }
                out.append("- **\(E.markdownText(r.scope.displayName(e)))**, \(E.markdownText(a.group.name))'s note on its score: "
                           + E.markdownText(note, indent: 2))
            }
        }
        let covered = Set(r.scope.elements.map(\.ref))
        for n in r.state.notes where n.element == nil || !covered.contains(n.element!) {
            let label = n.element.map { "**\(E.markdownText(r.elementName($0)))**" } ?? "**General**"
            out.append("- \(label) (\(r.clock.stamp(n.at)), \(E.markdownText(n.author))): " + E.markdownText(n.text, indent: 2))
        }
        return out
    }
}
