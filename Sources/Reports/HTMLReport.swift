import Escaping
import Foundation
import Instruments
import SessionEngine

/// Building blocks shared by the HTML report and the HTML comparison.
enum HTMLParts {
    typealias E = Escape

    /// The report's colours, after the figures of the main report.
    static let colours: [ComponentID: String] = [
        .civic: "#d9731f", .service: "#c8417b", .community: "#3d8f4a", .centre: "#2f66ad",
    ]

    /// Heat colours, weakest to strongest (one hue, light to dark, so they also read in grey),
    /// with the text colour that stays legible on each.
    static let heat: [(fill: String, text: String)] = [
        ("#f1f5fb", "#111111"), ("#c6dbef", "#111111"), ("#7fb0d8", "#111111"), ("#3a7dbf", "#ffffff"), ("#0d3f7a", "#ffffff"),
    ]

    static func heatIndex(_ value: Double, scale: Scale) -> Int {
        let lo = Double(scale.lowest), hi = Double(scale.highest)
        guard hi > lo else { return 2 }
        let t = min(1, max(0, (value - lo) / (hi - lo)))
        return Int((t * Double(heat.count - 1)).rounded())
    }

    static let css = """
    :root { --civic: #d9731f; --service: #c8417b; --community: #3d8f4a; --centre: #2f66ad; --ink: #1a1a1a; --muted: #555; --rule: #c9c9c9; }
    * { box-sizing: border-box; }
    body { font-family: "Segoe UI", "Helvetica Neue", Arial, "Noto Sans", sans-serif; color: var(--ink); background: #fff; margin: 0 auto; max-width: 1100px; padding: 24px; line-height: 1.45; font-size: 15px; }
    h1 { font-size: 1.8em; margin: 0 0 .2em; border-bottom: 4px solid var(--centre); padding-bottom: .2em; }
    h2 { font-size: 1.35em; margin: 1.6em 0 .5em; border-bottom: 1px solid var(--rule); padding-bottom: .15em; }
    h3 { font-size: 1.1em; margin: 1.2em 0 .4em; }
    p.sub { color: var(--muted); margin: 0 0 1em; }
    dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .2em 1em; margin: 0 0 1em; }
    dl.facts dt { font-weight: 600; }
    dl.facts dd { margin: 0; }
    .method { background: #f4f6f9; border-left: 4px solid var(--centre); padding: .6em .9em; }
    table { border-collapse: collapse; width: 100%; margin: .4em 0 1em; font-size: .93em; }
    th, td { border: 1px solid var(--rule); padding: .3em .5em; text-align: left; vertical-align: top; }
    th { background: #eef1f5; }
    td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
    td.c, th.c { text-align: center; }
    td.nw { white-space: nowrap; }
    .flag { font-weight: 700; }
    .done { color: var(--muted); }
    .legend { font-size: .9em; color: var(--muted); }
    .legend span.key { display: inline-block; min-width: 2.2em; text-align: center; border: 1px solid #888; margin: 0 .2em; padding: 0 .3em; }
    figure { margin: .5em 0 1em; }
    figure svg { max-width: 100%; height: auto; display: block; }
    figcaption { font-size: .9em; color: var(--muted); }
    .tri svg { width: 640px; max-width: 100%; margin: 0 auto; }
    ul.notes li { margin-bottom: .4em; }
    ul.sub { margin: .1em 0 .3em; padding-left: 1.6em; list-style-type: circle; }
    .rtl-safe { unicode-bidi: plaintext; }
    td, li, dd { unicode-bidi: plaintext; }
    /* A long unbroken word or URL wraps rather than widening the page: otherwise Chromium
       shrinks the whole printout to fit it and still cuts columns off the right. Free-text
       columns (class "text") may break anywhere, which also lets the table narrow them;
       short columns break only a word that cannot fit, so they keep whole words. */
    td, th, li, dd, p, h1, h2, h3, figcaption { overflow-wrap: break-word; }
    td.text, li, dd { overflow-wrap: anywhere; }
    footer { margin-top: 2em; font-size: .85em; color: var(--muted); border-top: 1px solid var(--rule); padding-top: .5em; }
    @page { size: A4; margin: 14mm 12mm; }
    @media print {
      body { max-width: none; padding: 0; font-size: 10pt; }
      * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
      h2, h3 { break-after: avoid; page-break-after: avoid; }
      figure, tr, .method { break-inside: avoid; page-break-inside: avoid; }
      /* Small enough that the heading, the facts and the triangle share page 1. */
      .tri svg { width: 118mm; }
      thead { display: table-header-group; }
      a { color: inherit; text-decoration: none; }
    }
    """

    static func page(title: String, body: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(E.html(title))</title>
        <style>
        \(css)
        </style>
        </head>
        <body>
        \(body)
        </body>
        </html>

        """
    }

    static func table(_ header: [String], _ rows: [[String]], classes: [String] = []) -> String {
        func cls(_ i: Int) -> String { i < classes.count && !classes[i].isEmpty ? " class=\"\(classes[i])\"" : "" }
        var out = "<table>\n<thead><tr>"
        for (i, h) in header.enumerated() { out += "<th\(cls(i)) scope=\"col\">\(h)</th>" }
        out += "</tr></thead>\n<tbody>\n"
        for r in rows {
            out += "<tr>"
            for (i, c) in r.enumerated() { out += "<td\(cls(i))>\(c)</td>" }
            out += "</tr>\n"
        }
        return out + "</tbody>\n</table>\n"
    }

    /// A coordinate to one decimal ("12", "12.5"), without `String(format:)`, which is slow.
    static func fmt(_ d: Double) -> String { Formatting.number(d) }

    /// What the triangle shows in one part.
    struct TriangleLabel {
        var title: String
        var big: String
        var lines: [String]
    }

    /// The triangle with a label per segment, seam and the centre. Segment regions carry a
    /// pattern as well as a colour, so the parts can be told apart without colour.
    static func triangleSVG(_ labels: [ComponentID: TriangleLabel], description: String) -> String {
        let A = (380.0, 30.0), B = (680.0, 550.0), C = (80.0, 550.0)
        let ab = ((A.0 + B.0) / 2, (A.1 + B.1) / 2), bc = ((B.0 + C.0) / 2, (B.1 + C.1) / 2), ca = ((C.0 + A.0) / 2, (C.1 + A.1) / 2)
        func pts(_ p: [(Double, Double)]) -> String { p.map { "\(fmt($0.0)),\(fmt($0.1))" }.joined(separator: " ") }
        var s = """
        <svg xmlns="http://www.w3.org/2000/svg" width="760" height="660" viewBox="0 0 760 660" role="img" aria-labelledby="tri-title tri-desc" font-family="Segoe UI, Helvetica Neue, Arial, Noto Sans, sans-serif">
        <title id="tri-title">The Population Intervention Triangle with roll-up scores</title>
        <desc id="tri-desc">\(E.html(description))</desc>
        <defs>
        <pattern id="p-civic" width="10" height="10" patternUnits="userSpaceOnUse"><rect width="10" height="10" fill="#d9731f"/><path d="M0 5 H10" stroke="#ffffff" stroke-opacity=".35" stroke-width="2"/></pattern>
        <pattern id="p-service" width="10" height="10" patternUnits="userSpaceOnUse"><rect width="10" height="10" fill="#c8417b"/><path d="M0 10 L10 0" stroke="#ffffff" stroke-opacity=".35" stroke-width="2"/></pattern>
        <pattern id="p-community" width="10" height="10" patternUnits="userSpaceOnUse"><rect width="10" height="10" fill="#3d8f4a"/><circle cx="5" cy="5" r="1.8" fill="#ffffff" fill-opacity=".4"/></pattern>
        <pattern id="p-centre" width="10" height="10" patternUnits="userSpaceOnUse"><rect width="10" height="10" fill="#2f66ad"/></pattern>
        </defs>
        <polygon points="\(pts([A, ab, ca]))" fill="url(#p-civic)" stroke="#ffffff" stroke-width="3"/>
        <polygon points="\(pts([B, bc, ab]))" fill="url(#p-service)" stroke="#ffffff" stroke-width="3"/>
        <polygon points="\(pts([C, ca, bc]))" fill="url(#p-community)" stroke="#ffffff" stroke-width="3"/>
        <polygon points="\(pts([ab, bc, ca]))" fill="url(#p-centre)" stroke="#ffffff" stroke-width="3"/>
        <polygon points="\(pts([A, B, C]))" fill="none" stroke="#333333" stroke-width="2"/>

        """
        func box(_ id: ComponentID, cx: Double, top: Double, width: Double, seam: Bool) {
            guard let l = labels[id] else { return }
            let lineH = 15.0
            let h = 22 + 26 + Double(l.lines.count) * lineH + 6
            let x = cx - width / 2
            let stroke = seam ? "#333333" : (colours[id] ?? "#333333")
            s += "<g>\n<rect x=\"\(fmt(x))\" y=\"\(fmt(top))\" width=\"\(fmt(width))\" height=\"\(fmt(h))\" rx=\"8\" fill=\"#ffffff\" fill-opacity=\".94\" stroke=\"\(stroke)\" stroke-width=\"\(seam ? 1.5 : 2.5)\"\(seam ? " stroke-dasharray=\"5 3\"" : "")/>\n"
            s += "<text x=\"\(fmt(cx))\" y=\"\(fmt(top + 17))\" text-anchor=\"middle\" font-size=\"13\" font-weight=\"700\" fill=\"#1a1a1a\">\(E.html(l.title))</text>\n"
            s += "<text x=\"\(fmt(cx))\" y=\"\(fmt(top + 43))\" text-anchor=\"middle\" font-size=\"24\" font-weight=\"700\" fill=\"#1a1a1a\">\(E.html(l.big))</text>\n"
            for (i, line) in l.lines.enumerated() {
                s += "<text x=\"\(fmt(cx))\" y=\"\(fmt(top + 48 + Double(i + 1) * lineH - 2))\" text-anchor=\"middle\" font-size=\"11.5\" fill=\"#333333\">\(E.html(line))</text>\n"
            }
            s += "</g>\n"
        }
        box(.civic, cx: A.0, top: 170, width: 160, seam: false)
        box(.centre, cx: A.0, top: 312, width: 170, seam: false)
        box(.community, cx: 205, top: 440, width: 150, seam: false)
        box(.service, cx: 555, top: 440, width: 150, seam: false)
        box(.civicCommunity, cx: 125, top: 215, width: 190, seam: true)
        box(.civicService, cx: 635, top: 215, width: 190, seam: true)
        box(.serviceCommunity, cx: bc.0, top: 560, width: 230, seam: true)
        s += "</svg>"
        return s
    }

    static func triangleLabels(_ rollup: TriangleRollup) -> [ComponentID: TriangleLabel] {
        var out: [ComponentID: TriangleLabel] = [:]
        for c in rollup.components {
            let sc = c.score
            let title = c.kind == .seam ? "Seam: \(c.short)" : c.short
            if sc.total == 0 {
                out[c.id] = TriangleLabel(title: title, big: "–", lines: ["not assessed"])
            } else if sc.median == nil {
                out[c.id] = TriangleLabel(title: title, big: "–", lines: ["no scores yet", "0 of \(sc.total) elements"])
            } else {
                out[c.id] = TriangleLabel(title: title, big: Words.number(sc.median),
                                          lines: ["range \(Words.range(sc.min, sc.max))", "\(sc.scored) of \(sc.total) elements"])
            }
        }
        return out
    }

    /// The group matrix of one instrument as a heat map: a cell per group and element with the
    /// level written in it, N/A hatched, unscored cells dashed, then median, range, agreed and
    /// a divergence mark.
    static func heatmapSVG(_ section: GroupMatrix.Section, groups: [Group], id: String) -> String {
        let labelW = 390.0, cellW = 46.0, cellH = 30.0, headH = 44.0, statW = 76.0
        let stats = ["Median", "Range", "Agreed", "Divergent"]  // whole words: wide enough for "Divergent"
        let width = labelW + Double(groups.count) * cellW + Double(stats.count) * statW + 4
        let height = headH + Double(section.rows.count) * cellH + 4
        let scale = section.instrument.scale
        var s = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(fmt(width))\" height=\"\(fmt(height))\" viewBox=\"0 0 \(fmt(width)) \(fmt(height))\" role=\"img\" aria-labelledby=\"\(id)-t\" font-family=\"Segoe UI, Helvetica Neue, Arial, Noto Sans, sans-serif\" font-size=\"13\">\n"
        s += "<title id=\"\(id)-t\">\(E.html("Heat map of the groups' levels for \(section.instrument.short): \(section.instrument.title)"))</title>\n"
        s += "<defs><pattern id=\"\(id)-na\" width=\"8\" height=\"8\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\"><rect width=\"8\" height=\"8\" fill=\"#ffffff\"/><path d=\"M0 0 V8\" stroke=\"#9a9a9a\" stroke-width=\"3\"/></pattern></defs>\n"
        // Header
        for (i, g) in groups.enumerated() {
            let x = labelW + Double(i) * cellW + cellW / 2
            s += "<text x=\"\(fmt(x))\" y=\"\(fmt(headH - 10))\" text-anchor=\"middle\" font-weight=\"700\"><title>\(E.html(g.name))</title>\(E.html(g.initials))</text>\n"
        }
        for (i, h) in stats.enumerated() {
            let x = labelW + Double(groups.count) * cellW + Double(i) * statW + statW / 2
            s += "<text x=\"\(fmt(x))\" y=\"\(fmt(headH - 10))\" text-anchor=\"middle\" font-weight=\"700\" fill=\"#333333\">\(h)</text>\n"
        }
        s += "<text x=\"4\" y=\"\(fmt(headH - 10))\" font-weight=\"700\">Element</text>\n"
        // Every cell's coordinates are its column's and its row's: written once each, not per cell.
        let columns = (0..<(section.rows.map(\.cells.count).max() ?? 0)).map { i in
            let x = labelW + Double(i) * cellW
            return (rect: fmt(x + 1), text: fmt(x + cellW / 2))
        }
        let cellSize = "width=\"\(fmt(cellW - 2))\" height=\"\(fmt(cellH - 2))\""
        var answerTips: [Answer?: String] = [:]
        func answerTip(_ a: Answer?) -> String {
            if let known = answerTips[a] { return known }
            let tip = E.html(Words.answer(a, scale: scale, long: true))
            answerTips[a] = tip
            return tip
        }
        var textY = ""
        func appendText(_ column: Int) {
            s += "x=\""
            s += columns[column].text
            s += "\" y=\""
            s += textY
            s += "\" text-anchor=\"middle\""
        }
        for (r, row) in section.rows.enumerated() {
            let y = headH + Double(r) * cellH
            let rectY = fmt(y + 1)
            textY = fmt(y + cellH / 2 + 4.5)
            let name = row.element.name
            // A long name ends at a whole word (the full name is its tooltip and in the tables).
            let short = name.count > 58 ? String(name.prefix(57)).split(separator: " ").dropLast().joined(separator: " ") + " …" : name
            s += "<text x=\"4\" y=\"\(textY)\"><title>\(E.html(name))</title>\(E.html(short))</text>\n"
            // Each cell is appended piece by piece (no interpolated intermediates; a heat
            // map of 1,000 groups has 10,000 cells), its answer's words escaped once per answer.
            for (i, cell) in row.cells.enumerated() {
                s += "<g><title>"
                s += E.html(cell.group.name)
                s += ": "
                s += answerTip(cell.answer)
                s += "</title><rect x=\""
                s += columns[i].rect
                s += "\" y=\""
                s += rectY
                s += "\" "
                s += cellSize
                switch cell.answer {
                case .level(let l)?:
                    let h = heat[heatIndex(Double(l), scale: scale)]
                    s += " fill=\"\(h.fill)\" stroke=\"#777777\" stroke-width=\"0.5\"/><text "
                    appendText(i)
                    s += " font-weight=\"700\" fill=\"\(h.text)\">\(l)</text></g>\n"
                case .dontKnow?:
                    s += " fill=\"url(#\(id)-na)\" stroke=\"#777777\" stroke-width=\"0.5\"/><text "
                    appendText(i)
                    s += " font-size=\"11\" font-weight=\"700\" fill=\"#111111\" stroke=\"#ffffff\" stroke-width=\"3\" paint-order=\"stroke\">DK</text></g>\n"
                case .notApplicable?:
                    s += " fill=\"url(#\(id)-na)\" stroke=\"#777777\" stroke-width=\"0.5\"/><text "
                    appendText(i)
                    s += " font-size=\"11\" font-weight=\"700\" fill=\"#111111\" stroke=\"#ffffff\" stroke-width=\"3\" paint-order=\"stroke\">N/A</text></g>\n"
                case nil:
                    s += " fill=\"#ffffff\" stroke=\"#999999\" stroke-dasharray=\"3 2\"/><text "
                    appendText(i)
                    s += " fill=\"#666666\">–</text></g>\n"
                }
            }
            let sx = labelW + Double(groups.count) * cellW
            let vals = [Words.number(row.median), Words.range(row.min, row.max), Words.answerNumber(row.agreed?.answer),
                        row.divergent ? "◆ yes" : ""]
            for (i, v) in vals.enumerated() {
                let x = sx + Double(i) * statW
                let weight = i == 2 || (i == 3 && row.divergent) ? " font-weight=\"700\"" : ""
                s += "<text x=\"\(fmt(x + statW / 2))\" y=\"\(fmt(y + cellH / 2 + 4.5))\" text-anchor=\"middle\"\(weight)>\(E.html(v))</text>\n"
            }
            s += "<line x1=\"0\" y1=\"\(fmt(y + cellH))\" x2=\"\(fmt(width))\" y2=\"\(fmt(y + cellH))\" stroke=\"#e2e2e2\"/>\n"
        }
        s += "</svg>"
        return s
    }

    static func heatLegend(_ scale: Scale) -> String {
        var out = "<p class=\"legend\">Levels: "
        out += scale.levels.map { lv in
            let h = heat[heatIndex(Double(lv.value), scale: scale)]
            return "<span class=\"key\" style=\"background:\(h.fill);color:\(h.text)\">\(lv.value)</span>\(E.html(lv.label))"
        }.joined(separator: " ")
        out += " · <span class=\"key\" style=\"background:repeating-linear-gradient(45deg,#fff 0 3px,#bbb 3px 6px)\">N/A</span>not applicable; DK = don't know"
        out += " · <span class=\"key\" style=\"border-style:dashed\">–</span>not scored · ◆ divergent (groups two or more levels apart)</p>\n"
        return out
    }
}

/// The report as one self-contained HTML page: inline CSS and SVG, no scripts, no external
/// resources, printable on A4, every number written out so it reads without colour.
public enum HTMLReport {
    typealias E = Escape

    public static func render(state: SessionState, events: [Event], catalogue: Catalogue,
                              options: ReportOptions = ReportOptions()) -> String {
        render(SessionReport.make(state: state, events: events, catalogue: catalogue, options: options))
    }

    public static func render(_ r: SessionReport) -> String {
        let info = r.info
        let title = info.title.isEmpty ? "Untitled session" : info.title
        var b = "<header>\n<h1>\(E.html(title))</h1>\n<p class=\"sub\">\(r.modeName) record made with pit, for the Population Intervention Triangle.</p>\n<dl class=\"facts\">\n"
        func fact(_ k: String, _ v: String) { b += "<dt>\(k)</dt><dd>\(v)</dd>\n" }
        if !info.place.isEmpty { fact("Place", E.html(info.place)) }
        if !info.date.isEmpty { fact("Date", E.html(info.date)) }
        if !info.facilitator.isEmpty { fact(info.mode == .selfAssessment ? "Partner" : "Facilitator", E.html(info.facilitator)) }
        fact("Groups", r.groups.isEmpty ? "none" : E.html(r.groupList()))
        fact("Instruments", r.scope.instruments.isEmpty ? "none" : E.html(r.instrumentList()))
        var record = "\(r.eventCount) events"
        if r.undoneCount > 0 { record += ", \(r.undoneCount) of them undone" }
        if let first = r.firstEvent, let last = r.lastEvent { record += "; from \(r.clock.stamp(first, withDay: true)) to \(r.clock.stamp(last, withDay: true))" }
        fact("Record", E.html(record))
        fact("Times", "shown in \(E.html(r.zoneLabel))")
        if let g = r.options.generatedAt { fact("Generated", E.html(r.clock.stamp(g, withDay: true))) }
        b += "</dl>\n</header>\n<p class=\"method\">\(E.html(r.method))</p>\n"

        // Triangle
        b += "<section id=\"triangle\">\n<h2>Triangle roll-up</h2>\n<figure class=\"tri\">\n"
        let desc = r.rollup.components.map { "\($0.name): \($0.score.text)" }.joined(separator: "; ")
        b += HTMLParts.triangleSVG(HTMLParts.triangleLabels(r.rollup), description: desc)
        b += "\n<figcaption>Median score of each part (agreed levels, else the groups' median), with the range and the number of elements behind it.</figcaption>\n</figure>\n"
        b += HTMLParts.table(["Part of the triangle", "Kind", "Score (median)", "Range", "Elements scored", "Of which agreed"],
                             r.rollup.components.map { c in
                                 [E.html(c.name), SessionReport.kindName(c.kind), Words.number(c.score.median),
                                  Words.range(c.score.min, c.score.max),
                                  c.score.total == 0 ? "not assessed" : "\(c.score.scored) of \(c.score.total)", String(c.score.agreed)]
                             }, classes: ["", "", "num", "num", "num", "num"])
        b += "</section>\n"

        // Heat maps
        b += "<section id=\"group-matrix\">\n<h2>Group matrix</h2>\n"
        if !r.groups.isEmpty {
            b += "<p class=\"legend\">Groups: " + r.groups.map { "<b>\(E.html($0.initials))</b> \(E.html($0.name))" }.joined(separator: ", ") + "</p>\n"
        }
        for (i, section) in r.groupMatrix.sections.enumerated() where !section.rows.isEmpty {
            b += "<h3>\(E.html("\(section.instrument.short): \(section.instrument.title)"))</h3>\n<figure>\n"
            b += HTMLParts.heatmapSVG(section, groups: r.groups, id: "hm\(i + 1)")
            b += "\n</figure>\n" + HTMLParts.heatLegend(section.instrument.scale)
        }
        b += "</section>\n"

        // Priorities
        b += "<section id=\"priorities\">\n<h2>Priorities, weakest first</h2>\n"
        if r.priorities.items.isEmpty {
            b += "<p>No element has a score yet.</p>\n"
        } else {
            b += HTMLParts.table(["#", "Element", "Score", "Basis", "Groups: median (range)", "Divergent", "Actions"],
                                 r.priorities.items.enumerated().map { i, item in
                                     [String(i + 1), E.html(r.scope.displayName(item.element)), Words.number(item.score.value),
                                      r.basis(item.score), E.html(MarkdownReport.medianRange(item.summary)),
                                      item.summary.divergent ? "<span class=\"flag\">◆ yes</span>" : "no",
                                      item.actions.map { E.html($0.what) + ($0.done ? " <span class=\"done\">(done)</span>" : "") }.joined(separator: "<br>")]
                                 }, classes: ["num", "", "num", "", "num", "c", "text"])
        }
        for line in r.unscoredLines({ E.html(r.scope.displayName($0)) }) { b += "<p>\(line)</p>\n" }
        if !r.priorities.evidenceGaps.isEmpty {
            b += "<p>Evidence gaps (&ldquo;don&rsquo;t know&rdquo;, left out of medians):</p>\n<ul>\n"
            b += r.priorities.evidenceGaps.map {
                "<li>" + E.html(r.scope.displayName($0.element)) + ": " + E.html(Priorities.gapText($0)) + "</li>\n"
            }.joined()
            b += "</ul>\n"
        }
        b += "</section>\n"

        // Level matrix
        b += "<section id=\"level-matrix\">\n<h2>Level matrix</h2>\n<p>Which groups chose each level (by initials).</p>\n"
        for section in r.levelMatrix.sections where !section.rows.isEmpty {
            b += "<h3>\(E.html("\(section.instrument.short): \(section.instrument.title)"))</h3>\n"
            let heads = section.columns.map { c in c.level.map { "\($0) \(E.html(c.label))" } ?? c.heading }
            b += HTMLParts.table(["Element"] + heads + ["Not scored", "Agreed"], section.rows.map { row in
                [E.html(row.element.name)] + row.cells.map { $0.map { E.html($0.initials) }.joined(separator: ", ") }
                    + [row.notScored.map { E.html($0.initials) }.joined(separator: ", "), Words.answerNumber(row.agreed)]
            }, classes: [""] + Array(repeating: "c", count: section.columns.count + 2))
        }
        b += "</section>\n"

        // Agreed
        b += "<section id=\"agreed\">\n<h2>Agreed scores and rationale</h2>\n"
        let agreed = r.agreedRows
        if agreed.isEmpty {
            b += "<p>No agreed scores recorded.</p>\n"
        } else {
            b += HTMLParts.table(["Element", "Agreed", "Groups: median (range)", "Rationale", "Recorded"], agreed.map { row in
                [E.html(r.scope.displayName(row.element)), E.html(Words.answer(row.agreed.answer, scale: row.scale)),
                 E.html(MarkdownReport.medianRange(row.summary)), E.htmlLines(row.agreed.rationale),
                 E.html("\(r.clock.stamp(row.agreed.at)), \(row.agreed.author)")]
            }, classes: ["", "", "num", "text", ""])
        }
        b += "</section>\n"

        // Actions
        b += "<section id=\"actions\">\n<h2>Actions</h2>\n"
        if r.state.actions.isEmpty {
            b += "<p>No actions recorded.</p>\n"
        } else {
            b += HTMLParts.table(["#", "Action", "Element", "Owner", "Due", "Status"], r.state.actions.enumerated().map { i, a in
                [String(i + 1), E.htmlLines(a.what), E.html(r.elementName(a.element)), E.html(a.owner), E.html(a.due ?? ""),
                 a.done ? "✓ done" + (a.doneAt.map { " " + r.time.day($0) } ?? "") : "open"]
            }, classes: ["num", "text", "", "", "nw", "nw"])
        }
        b += "</section>\n"

        // Notes
        b += "<section id=\"notes\">\n<h2>Notes</h2>\n"
        var notes: [String] = []
        for e in r.scope.elements {
            for n in r.state.notes(for: e.ref) {
                notes.append("<li><b>\(E.html(r.scope.displayName(e)))</b> (\(r.clock.stamp(n.at)), \(E.html(n.author))): \(E.htmlLines(n.text))</li>")
            }
            for a in r.state.summary(for: e.ref).scores {
                guard let note = a.score.note, !note.isEmpty else { continue }
                notes.append("<li><b>\(E.html(r.scope.displayName(e)))</b>, \(E.html(a.group.name))’s note on its score: \(E.htmlLines(note))</li>")
            }
        }
        let covered = Set(r.scope.elements.map(\.ref))
        for n in r.state.notes where n.element == nil || !covered.contains(n.element!) {
            let label = n.element.map { r.elementName($0) } ?? "General"
            notes.append("<li><b>\(E.html(label))</b> (\(r.clock.stamp(n.at)), \(E.html(n.author))): \(E.htmlLines(n.text))</li>")
        }
        b += notes.isEmpty ? "<p>No notes recorded.</p>\n" : "<ul class=\"notes\">\n" + notes.joined(separator: "\n") + "\n</ul>\n"
        // The day's closing summary, then the sources the instruments draw on (the appendix).
        b += "</section>\n" + ClosingSummary.make(r).html(r)
        let sources = r.sourceList()
        if !sources.isEmpty {
            b += "<section id=\"sources\">\n<h2>Sources</h2>\n<ul>\n"
            b += sources.map { "<li>\(E.html($0.citation)) (used by \(E.html($0.usedBy)))</li>\n" }.joined()
            b += "</ul>\n<p>\(E.html(SessionReport.sourcesNote))</p>\n</section>\n"
        }
        b += "<footer>Made with pit. Times in \(E.html(r.zoneLabel)). Scores are levels on each instrument's scale; N/A = not applicable; DK = don't know.</footer>"
        return HTMLParts.page(title: title, body: b)
    }
}
