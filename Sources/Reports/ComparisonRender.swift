import Escaping
import Foundation
import Instruments
import SessionEngine

/// The comparison of a baseline and a follow-up session as Markdown, CSV and HTML.
public enum ComparisonRender {
    typealias E = Escape

    public enum CSVTable: String, CaseIterable, Sendable {
        /// One row per element (the default).
        case elements
        /// One row per segment, seam and the centre.
        case components
    }

    static let method = "Each element's score is the level the room agreed, or, where nothing was agreed, the median of the groups' levels. A part of the triangle scores the median of its elements' scores, shown for each session over the elements that session scored, with their range and number. A part's change is like for like: the median over only the elements scored in both sessions, follow-up minus baseline, so an element scored in one session alone moves that session's own score but not the change. Change = follow-up minus baseline, taken from the values as shown (one decimal); an element needs a score in both sessions to show a change. \"Not applicable\" and \"don't know\" answers are left out of medians and named in the basis. " + ScaleOwnership.note

    /// How an element's score came about; with no score, what the groups answered instead
    /// ("N/A", "don't know"), so an answered element never reads as "not scored".
    static func basis(_ s: ElementScore, _ summary: ElementSummary) -> String {
        switch s.source {
        case .agreed: return "agreed"
        case .median: return "median"
        case .agreedNotApplicable: return "agreed N/A"
        case .agreedDontKnow: return "agreed don't know"
        case .none:
            switch (summary.notApplicableCount > 0, summary.dontKnowCount > 0) {
            case (true, true): return "N/A and don't know"
            case (true, false): return "N/A"
            case (false, true): return "don't know"
            case (false, false): return "not scored"
            }
        }
    }

    /// A session's own score of a part: "3.5 (2–5)", "–".
    static func medianRange(_ r: RollupScore) -> String {
        r.median == nil ? "–" : "\(Words.number(r.median)) (\(Words.range(r.min, r.max)))"
    }

    /// "5 of 10", "not assessed".
    static func scored(_ r: RollupScore, of total: Int) -> String {
        total == 0 ? "not assessed" : "\(r.scored) of \(total)"
    }

    /// The like-for-like scores the change is taken from: "2 (2) → 2.5 (2–3), 5 elements".
    static func likeForLike(_ p: Comparison.ComponentChange) -> String {
        if p.before.total == 0 && p.after.total == 0 { return "–" }
        if p.paired == 0 { return "none scored in both" }
        return "\(medianRange(p.pairedBefore)) → \(medianRange(p.pairedAfter)), \(p.paired) element\(p.paired == 1 ? "" : "s")"
    }

    /// Elements a part has in either session.
    static func total(_ p: Comparison.ComponentChange) -> Int { max(p.before.total, p.after.total) }

    /// "▲ +1", "▼ −0.5", "= 0", "–": direction as a symbol and a number, never colour alone.
    static func arrow(_ d: Double?) -> String {
        guard let d else { return "–" }
        if d > 0 { return "▲ " + Words.change(d) }
        if d < 0 { return "▼ " + Words.change(d) }
        return "= 0"
    }

    struct Tally { var better = 0, worse = 0, same = 0, notComparable = 0 }

    static func tally(_ c: Comparison) -> Tally {
        var t = Tally()
        for e in c.elements {
            switch e.change {
            case nil: t.notComparable += 1
            case let d? where d > 0: t.better += 1
            case let d? where d < 0: t.worse += 1
            default: t.same += 1
            }
        }
        return t
    }

    static func sessionLine(_ i: SessionInfo) -> String {
        var parts = [i.title.isEmpty ? "Untitled session" : i.title]
        if !i.place.isEmpty { parts.append(i.place) }
        if !i.date.isEmpty { parts.append(i.date) }
        return parts.joined(separator: ", ")
    }

    static func placeWarning(_ c: Comparison) -> String? {
        c.samePlace ? nil : "The two sessions name different places (\(placeWords(c.baseline.place)) and \(placeWords(c.followUp.place))); check that they belong together."
    }

    /// A session's place for a message: quoted, or "no place" when it names none.
    public static func placeWords(_ place: String) -> String { place.isEmpty ? "no place" : "\"\(place)\"" }

    static let componentHeader = ["Part of the triangle", "Kind", "Baseline: median (range)", "Baseline scored",
                                  "Follow-up: median (range)", "Follow-up scored", "Scored in both: baseline → follow-up", "Change"]

    /// A part's row: each session's own score, then the like-for-like scores and their change.
    static func componentCells(_ p: Comparison.ComponentChange, name: String) -> [String] {
        [name, SessionReport.kindName(p.kind), medianRange(p.before), scored(p.before, of: total(p)),
         medianRange(p.after), scored(p.after, of: total(p)), likeForLike(p), arrow(p.change)]
    }

    // MARK: Markdown

    public static func markdown(_ c: Comparison) -> String {
        var out = "# Comparison: \(E.markdownHeading(c.followUp.place.isEmpty ? c.followUp.title : c.followUp.place))\n\n"
        out += "- **Baseline:** \(E.markdownText(sessionLine(c.baseline), indent: 2))\n"
        out += "- **Follow-up:** \(E.markdownText(sessionLine(c.followUp), indent: 2))\n\n"
        if let w = placeWarning(c) { out += "> **Check:** \(E.markdownText(w, indent: 2))\n\n" }
        out += method + "\n\n"
        let t = tally(c)
        out += "Of \(c.elements.count) elements: \(t.better) higher, \(t.worse) lower, \(t.same) unchanged, \(t.notComparable) without a score in both sessions.\n\n"
        out += "## By part of the triangle\n\n"
        var tab = MarkdownTable(componentHeader, align: "llrrrrrr")
        for p in c.components { tab.add(componentCells(p, name: E.markdownCell(p.name))) }
        out += tab.text + "\n## By element\n\n"
        for inst in c.instruments where !inst.elements.isEmpty {
            out += "### \(E.markdownHeading("\(inst.instrument.short): \(inst.instrument.title)"))\n\n"
            var et = MarkdownTable(["Element", "Baseline", "Basis", "Follow-up", "Basis", "Change", "Groups now: median (range)"],
                                   align: "lrlrlrr")
            for e in inst.elements {
                et.add([E.markdownCell(e.element.name), Words.number(e.before.value), basis(e.before, e.beforeSummary),
                        Words.number(e.after.value), basis(e.after, e.afterSummary), arrow(e.change),
                        MarkdownReport.medianRange(e.afterSummary)])
            }
            out += et.text + "\n"
        }
        while out.hasSuffix("\n\n") { out.removeLast() }
        return out
    }

    // MARK: CSV

    public static let elementColumns = ["place", "baseline_session", "baseline_date", "followup_session", "followup_date",
                                        "instrument", "element", "element_number", "element_title",
                                        "baseline_score", "baseline_basis", "baseline_min", "baseline_max",
                                        "followup_score", "followup_basis", "followup_min", "followup_max", "change"]
    public static let componentColumns = ["place", "baseline_session", "baseline_date", "followup_session", "followup_date",
                                          "component", "kind", "name", "baseline_median", "baseline_min", "baseline_max",
                                          "baseline_scored", "followup_median", "followup_min", "followup_max",
                                          "followup_scored", "elements", "scored_in_both",
                                          "baseline_median_in_both", "baseline_min_in_both", "baseline_max_in_both",
                                          "followup_median_in_both", "followup_min_in_both", "followup_max_in_both", "change"]

    public static func csv(_ c: Comparison, table: CSVTable = .elements, byteOrderMark: Bool = false) throws -> Data {
        func n(_ d: Double?) -> String { d.map { Words.number($0) } ?? "" }
        func i(_ d: Int?) -> String { d.map(String.init) ?? "" }
        func signed(_ d: Double?) -> String { d.map { ($0 < 0 ? "-" : "") + Words.number(abs($0)) } ?? "" }
        let head = [c.followUp.place, c.baseline.title, c.baseline.date, c.followUp.title, c.followUp.date]
        var rows: [[String]] = []
        switch table {
        case .elements:
            rows.append(elementColumns)
            for e in c.elements {
                rows.append(head + [e.element.ref.instrument, e.element.ref.element, e.element.number.map(String.init) ?? "",
                                    e.element.title, n(e.before.value), basis(e.before, e.beforeSummary), i(e.beforeSummary.min),
                                    i(e.beforeSummary.max), n(e.after.value), basis(e.after, e.afterSummary), i(e.afterSummary.min),
                                    i(e.afterSummary.max), signed(e.change)])
            }
        case .components:
            rows.append(componentColumns)
            for p in c.components {
                rows.append(head + [p.id.rawValue, p.kind.rawValue, p.name, n(p.before.median), n(p.before.min), n(p.before.max),
                                    String(p.before.scored), n(p.after.median), n(p.after.min), n(p.after.max),
                                    String(p.after.scored), String(total(p)), String(p.paired),
                                    n(p.pairedBefore.median), n(p.pairedBefore.min), n(p.pairedBefore.max),
                                    n(p.pairedAfter.median), n(p.pairedAfter.min), n(p.pairedAfter.max), signed(p.change)])
            }
        }
        return try CSVExport.write(rows, byteOrderMark: byteOrderMark)
    }

    // MARK: HTML

    public static func html(_ c: Comparison) -> String {
        let title = "Comparison: " + (c.followUp.place.isEmpty ? c.followUp.title : c.followUp.place)
        var b = "<header>\n<h1>\(E.html(title))</h1>\n<p class=\"sub\">Baseline against follow-up, made with pit, for the Population Intervention Triangle.</p>\n<dl class=\"facts\">\n"
        b += "<dt>Baseline</dt><dd>\(E.html(sessionLine(c.baseline)))</dd>\n<dt>Follow-up</dt><dd>\(E.html(sessionLine(c.followUp)))</dd>\n</dl>\n</header>\n"
        if let w = placeWarning(c) { b += "<p class=\"method\"><b>Check:</b> \(E.html(w))</p>\n" }
        b += "<p class=\"method\">\(E.html(method))</p>\n"
        let t = tally(c)
        b += "<p>Of \(c.elements.count) elements: <b>\(t.better)</b> higher (▲), <b>\(t.worse)</b> lower (▼), <b>\(t.same)</b> unchanged (=), \(t.notComparable) without a score in both sessions.</p>\n"

        var labels: [ComponentID: HTMLParts.TriangleLabel] = [:]
        for p in c.components {
            let title = p.kind == .seam ? "Seam: \(p.short)" : p.short
            if p.after.median == nil && p.before.median == nil {
                labels[p.id] = .init(title: title, big: "–", lines: [p.after.total == 0 ? "not assessed" : "no scores"])
            } else {
                // The big number is the follow-up's own score; the change is like for like, with
                // the two values it is taken from, so it never reads as the gap to the big number.
                let both = p.paired == 0 ? "none scored in both"
                    : "same \(p.paired): \(Words.number(p.pairedBefore.median)) → \(Words.number(p.pairedAfter.median)), \(arrow(p.change))"
                labels[p.id] = .init(title: title, big: Words.number(p.after.median),
                                     lines: ["\(p.after.scored) of \(total(p)) scored",
                                             "was \(Words.number(p.before.median)) (\(p.before.scored) scored)", both])
            }
        }
        b += "<section id=\"triangle\">\n<h2>By part of the triangle</h2>\n<figure class=\"tri\">\n"
        let desc = c.components.map { p in
            "\(p.name): \(Words.number(p.before.median)) to \(Words.number(p.after.median))"
                + (p.paired == 0 ? "" : ", over the \(p.paired) scored in both \(Words.number(p.pairedBefore.median)) to \(Words.number(p.pairedAfter.median))")
        }.joined(separator: "; ")
        b += HTMLParts.triangleSVG(labels, description: desc)
        b += "\n<figcaption>Follow-up median of each part and the elements behind it, then the baseline's; the change is taken over the elements scored in both sessions, from the two values shown beside it.</figcaption>\n</figure>\n"
        b += HTMLParts.table(componentHeader, c.components.map { p in
            componentCells(p, name: E.html(p.name)).enumerated().map { $0.offset == 7 ? "<b>\($0.element)</b>" : $0.element }
        }, classes: ["", "", "num", "num", "num", "num", "num", "num"])
        b += "</section>\n<section id=\"elements\">\n<h2>By element</h2>\n"
        for inst in c.instruments where !inst.elements.isEmpty {
            b += "<h3>\(E.html("\(inst.instrument.short): \(inst.instrument.title)"))</h3>\n"
            b += HTMLParts.table(["Element", "Baseline", "Basis", "Follow-up", "Basis", "Change", "Groups now: median (range)"],
                                 inst.elements.map { e in
                                     [E.html(e.element.name), Words.number(e.before.value), E.html(basis(e.before, e.beforeSummary)),
                                      Words.number(e.after.value), E.html(basis(e.after, e.afterSummary)), "<b>\(arrow(e.change))</b>",
                                      E.html(MarkdownReport.medianRange(e.afterSummary))]
                                 }, classes: ["", "num", "", "num", "", "num", "num"])
        }
        b += "</section>\n<footer>Made with pit. ▲ higher, ▼ lower, = unchanged, – not comparable.</footer>"
        return HTMLParts.page(title: title, body: b)
    }
}
