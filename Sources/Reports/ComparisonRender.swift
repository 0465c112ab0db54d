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

    static let method = "Each element's score is the level the room agreed, or, where nothing was agreed, the median of the groups' levels. A part of the triangle scores the median of its elements' scores. Change = follow-up minus baseline; an element needs a score in both sessions to show a change. " + ScaleOwnership.note

    static func basis(_ s: ElementScore) -> String {
        switch s.source {
        case .agreed: return "agreed"
        case .median: return "median"
        case .agreedNotApplicable: return "agreed N/A"
        case .agreedDontKnow: return "agreed don't know"
        case .none: return "not scored"
        }
    }

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
        var tab = MarkdownTable(["Part of the triangle", "Kind", "Baseline", "Follow-up", "Change", "Baseline range", "Follow-up range",
                                 "Elements scored (baseline / follow-up)"], align: "llrrrrrr")
        for p in c.components {
            tab.add([E.markdownCell(p.name), SessionReport.kindName(p.kind), Words.number(p.before.median), Words.number(p.after.median),
                     arrow(p.change), Words.range(p.before.min, p.before.max), Words.range(p.after.min, p.after.max),
                     p.before.total == 0 && p.after.total == 0 ? "not assessed" : "\(p.before.scored) / \(p.after.scored) of \(p.after.total)"])
        }
        out += tab.text + "\n## By element\n\n"
        for inst in c.instruments where !inst.elements.isEmpty {
            out += "### \(E.markdownHeading("\(inst.instrument.short): \(inst.instrument.title)"))\n\n"
            var et = MarkdownTable(["Element", "Baseline", "Basis", "Follow-up", "Basis", "Change", "Groups now: median (range)"],
                                   align: "lrlrlrr")
            for e in inst.elements {
                et.add([E.markdownCell(e.element.name), Words.number(e.before.value), basis(e.before), Words.number(e.after.value),
                        basis(e.after), arrow(e.change), MarkdownReport.medianRange(e.afterSummary)])
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
                                          "followup_scored", "elements", "change"]

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
                                    e.element.title, n(e.before.value), basis(e.before), i(e.beforeSummary.min), i(e.beforeSummary.max),
                                    n(e.after.value), basis(e.after), i(e.afterSummary.min), i(e.afterSummary.max), signed(e.change)])
            }
        case .components:
            rows.append(componentColumns)
            for p in c.components {
                rows.append(head + [p.id.rawValue, p.kind.rawValue, p.name, n(p.before.median), n(p.before.min), n(p.before.max),
                                    String(p.before.scored), n(p.after.median), n(p.after.min), n(p.after.max),
                                    String(p.after.scored), String(max(p.before.total, p.after.total)), signed(p.change)])
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
                labels[p.id] = .init(title: title, big: Words.number(p.after.median),
                                     lines: ["was \(Words.number(p.before.median)), \(arrow(p.change))",
                                             "\(p.after.scored) of \(p.after.total) elements"])
            }
        }
        b += "<section id=\"triangle\">\n<h2>By part of the triangle</h2>\n<figure class=\"tri\">\n"
        let desc = c.components.map { "\($0.name): \(Words.number($0.before.median)) to \(Words.number($0.after.median))" }.joined(separator: "; ")
        b += HTMLParts.triangleSVG(labels, description: desc)
        b += "\n<figcaption>Follow-up median of each part, with the baseline and the change.</figcaption>\n</figure>\n"
        b += HTMLParts.table(["Part of the triangle", "Kind", "Baseline", "Follow-up", "Change", "Baseline range", "Follow-up range", "Elements scored"],
                             c.components.map { p in
                                 [E.html(p.name), SessionReport.kindName(p.kind), Words.number(p.before.median), Words.number(p.after.median),
                                  arrow(p.change), Words.range(p.before.min, p.before.max), Words.range(p.after.min, p.after.max),
                                  p.before.total == 0 && p.after.total == 0 ? "not assessed" : "\(p.before.scored) / \(p.after.scored) of \(p.after.total)"]
                             }, classes: ["", "", "num", "num", "num", "num", "num", "num"])
        b += "</section>\n<section id=\"elements\">\n<h2>By element</h2>\n"
        for inst in c.instruments where !inst.elements.isEmpty {
            b += "<h3>\(E.html("\(inst.instrument.short): \(inst.instrument.title)"))</h3>\n"
            b += HTMLParts.table(["Element", "Baseline", "Basis", "Follow-up", "Basis", "Change", "Groups now: median (range)"],
                                 inst.elements.map { e in
                                     [E.html(e.element.name), Words.number(e.before.value), basis(e.before), Words.number(e.after.value),
                                      basis(e.after), "<b>\(arrow(e.change))</b>", E.html(MarkdownReport.medianRange(e.afterSummary))]
                                 }, classes: ["", "num", "", "num", "", "num", "num"])
        }
        b += "</section>\n<footer>Made with pit. ▲ higher, ▼ lower, = unchanged, – not comparable.</footer>"
        return HTMLParts.page(title: title, body: b)
    }
}
