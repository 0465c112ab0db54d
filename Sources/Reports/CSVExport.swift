import Escaping
import Foundation
import Instruments
import SessionEngine

/// Tidy CSV for spreadsheets and statistics packages: UTF-8 with a header row, one
/// observation per row, every text cell neutralised against formula injection.
public enum CSVExport {
    public enum Table: String, CaseIterable, Sendable {
        /// One row per group score (the default).
        case scores
        /// One row per agreed score.
        case agreed
        /// One row per action.
        case actions
        /// One row per note (the notes taken on an element or the whole session; a group's
        /// note on its own score is in `scores`).
        case notes
    }

    public static let scoreColumns = ["session", "place", "date", "instrument", "element", "element_number", "element_title",
                                      "group_id", "group", "sector", "level", "label", "not_applicable", "dont_know", "note",
                                      "recorded_at", "recorded_by"]
    public static let agreedColumns = ["session", "place", "date", "instrument", "element", "element_number", "element_title",
                                       "level", "label", "not_applicable", "dont_know", "rationale", "groups_median", "groups_min",
                                       "groups_max", "groups_scored", "divergent", "recorded_at", "recorded_by"]
    public static let actionColumns = ["session", "place", "date", "action_id", "instrument", "element", "element_number",
                                       "element_title", "action", "owner", "due", "status", "done_at", "recorded_at",
                                       "recorded_by"]

    public static let noteColumns = ["session", "place", "date", "note_id", "instrument", "element", "element_number",
                                     "element_title", "note", "recorded_at", "recorded_by"]

    /// - Parameter byteOrderMark: start with a UTF-8 byte order mark, which older Excel
    ///   versions need to read UTF-8 (off by default; other tools do not want it).
    public static func render(state: SessionState, catalogue: Catalogue, table: Table = .scores,
                              options: ReportOptions = ReportOptions(), byteOrderMark: Bool = false) throws -> Data {
        let scope = ReportScope.make(state: state, catalogue: catalogue, instruments: options.instruments)
        let time = TimeFormat(timeZone: options.timeZone)
        let info = state.info
        let head = [info.title, info.place, info.date]
        var rows: [[String]] = []
        func elementCells(_ e: ReportElement) -> [String] {
            [e.ref.instrument, e.ref.element, e.number.map(String.init) ?? "", e.title]
        }
        func answerCells(_ a: Answer, _ scale: Scale) -> [String] {
            switch a {
            case .level(let l): return [String(l), scale.label(for: l), "FALSE", "FALSE"]
            case .notApplicable: return ["", Words.notApplicableLong, "TRUE", "FALSE"]
            case .dontKnow: return ["", Words.dontKnowLong, "FALSE", "TRUE"]
            }
        }
        switch table {
        case .scores:
            rows.append(scoreColumns)
            for inst in scope.instruments {
                for e in inst.elements {
                    let byGroup = state.scores[e.ref] ?? [:]
                    for g in state.groups {
                        guard let s = byGroup[g.id] else { continue }
                        rows.append(head + elementCells(e) + [g.id, g.name, g.sector.displayName]
                                    + answerCells(s.answer, inst.scale) + [s.note ?? "", time.iso(s.at), s.author])
                    }
                }
            }
        case .agreed:
            rows.append(agreedColumns)
            for inst in scope.instruments {
                for e in inst.elements {
                    guard let a = state.agreed[e.ref] else { continue }
                    let s = state.summary(for: e.ref, threshold: options.divergenceThreshold)
                    rows.append(head + elementCells(e) + answerCells(a.answer, inst.scale)
                                + [a.rationale, s.median.map { Words.number($0) } ?? "", s.min.map(String.init) ?? "",
                                   s.max.map(String.init) ?? "", String(s.count), s.divergent ? "TRUE" : "FALSE",
                                   time.iso(a.at), a.author])
                }
            }
        case .actions:
            rows.append(actionColumns)
            for act in state.actions {
                let e = act.element.flatMap { scope.element($0) }
                let el: [String] = e.map(elementCells) ?? [act.element?.instrument ?? "", act.element?.element ?? "", "", ""]
                rows.append(head + [act.id] + el
                            + [act.what, act.owner, act.due ?? "", act.done ? "done" : "open",
                               act.doneAt.map { time.iso($0) } ?? "", time.iso(act.at), act.author])
            }
        case .notes:
            rows.append(noteColumns)
            for note in state.notes {
                let e = note.element.flatMap { scope.element($0) }
                let el: [String] = e.map(elementCells) ?? [note.element?.instrument ?? "", note.element?.element ?? "", "", ""]
                rows.append(head + [note.id] + el + [note.text, time.iso(note.at), note.author])
            }
        }
        return try write(rows, byteOrderMark: byteOrderMark)
    }

    /// Columns that hold numbers the program computed (levels, medians, counts, changes).
    static let numericColumns: Set<String> = [
        "element_number", "level", "groups_median", "groups_min", "groups_max", "groups_scored",
        "baseline_score", "baseline_min", "baseline_max", "followup_score", "followup_min", "followup_max", "change",
        "baseline_median", "baseline_scored", "followup_median", "followup_scored", "elements",
        "scored_in_both", "baseline_median_in_both", "baseline_min_in_both", "baseline_max_in_both",
        "followup_median_in_both", "followup_min_in_both", "followup_max_in_both",
    ]

    /// A plain decimal number, which a spreadsheet reads as a number, never as a formula.
    static func isPlainNumber(_ s: String) -> Bool {
        var u = Substring(s)
        if u.first == "-" { u = u.dropFirst() }
        let parts = u.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count) else { return false }
        return parts.allSatisfy { !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } }
    }

    /// Writes rows as CSV (`CSVText` does the quoting). The first row is the header.
    /// Every text cell is quoted and neutralised against formula injection; a cell of a
    /// numeric column that holds a plain number is written bare (so "-1" stays a number).
    /// Control characters in text show as `Escape.visible` stand-ins.
    static func write(_ rows: [[String]], byteOrderMark: Bool) throws -> Data {
        var text = CSVText(reservingCapacity: rows.count * 160, prefix: byteOrderMark ? [0xEF, 0xBB, 0xBF] : [])
        let numeric = (rows.first ?? []).map { numericColumns.contains($0) }
        var quoted: [Bool] = []
        for (r, row) in rows.enumerated() {
            // Text is always quoted and numbers never (like Python's QUOTE_NONNUMERIC): the
            // type is visible in the file.
            quoted.removeAll(keepingCapacity: true)
            let cells = row.enumerated().map { i, cell -> String in
                if r == 0 || (i < numeric.count && numeric[i] && (cell.isEmpty || isPlainNumber(cell))) { quoted.append(false); return cell }
                quoted.append(true)
                return Escape.spreadsheetCell(Escape.visible(cell))
            }
            text.append(row: cells, quoted: { quoted[$0] })
        }
        text.endFile()
        return Data(text.bytes)
    }
}

