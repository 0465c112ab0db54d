import Foundation
import Instruments
import Reports
import SessionEngine
import TerminalKit

/// Draws each matrix as lines that scroll together: section titles, table headers, rows.
enum MatrixTables {
    /// One line of a scrolling table view.
    enum Line {
        case title(String, Role)
        case row([TableCell], columns: [TableColumn], widths: [Int], header: Bool)
        case text(String, Role)
        case blank
    }

    /// How far a drawn view reaches, so keys can stop scrolling at its end.
    struct Extent {
        var lines: Int
        /// The largest first group the heat map can start at and still fill its columns.
        var lastFirstGroup = 0
    }

    @discardableResult
    static func draw(_ given: [Line], in rect: Rect, scroll: Int, canvas: inout Canvas, context: WorkshopContext) -> Extent {
        // A sentence (a legend, a note) wraps to the view's width instead of being cut off.
        let lines = wrapped(given, width: max(1, rect.width - 1))
        let first = max(0, min(scroll, max(0, lines.count - rect.height)))
        for (i, line) in lines.dropFirst(first).prefix(rect.height).enumerated() {
            let y = rect.y + i
            switch line {
            case .title(let text, let role):
                canvas.text(text, x: rect.x, y: y, role: role, emphasis: .bold, maxWidth: rect.width - 1)
            case .row(let cells, let columns, let widths, let header):
                Table.drawRow(cells, columns: columns, widths: widths, x: rect.x, y: y, maxX: rect.maxX - 1, on: &canvas, header: header)
            case .text(let text, let role):
                canvas.text(text, x: rect.x, y: y, role: role, maxWidth: rect.width - 1)
            case .blank:
                break
            }
        }
        ScrollBar.draw(total: lines.count, visible: rect.height, offset: first, x: rect.maxX - 1, y: rect.y, on: &canvas)
        return Extent(lines: lines.count)
    }

    /// `lines` with each text line wrapped to `width`; lines that fit (most) are kept as they are.
    static func wrapped(_ lines: [Line], width: Int) -> [Line] {
        guard lines.contains(where: { if case .text(let text, _) = $0 { return DisplayWidth.of(text) > width } else { return false } }) else {
            return lines
        }
        return lines.flatMap { line -> [Line] in
            guard case .text(let text, let role) = line, DisplayWidth.of(text) > width else { return [line] }
            return Wrap.lines(text, width: width).map { .text($0, role) }
        }
    }

    static func elementLabel(_ element: ReportElement) -> String {
        element.number.map { "\($0). \(element.title)" } ?? element.title
    }

    /// `text` centred in `width` spaces, so a cell's colour fills its whole width.
    static func block(_ text: String, _ width: Int) -> String {
        let pad = max(0, width - DisplayWidth.of(text))
        return String(repeating: " ", count: pad / 2) + text + String(repeating: " ", count: pad - pad / 2)
    }

    // MARK: Level matrix

    /// The level matrix's lines for a view `width` wide (kept per session change: with many
    /// groups, measuring the cells is most of the frame).
    static func levelLines(_ matrix: LevelMatrix, width: Int) -> [Line] {
        var lines: [Line] = []
        for section in matrix.sections {
            lines.append(.title("\(section.instrument.short): \(section.instrument.title)", .accent))
            var columns = [TableColumn("Element", minWidth: 12, maxWidth: 34)]
            columns += section.columns.map { TableColumn($0.heading, minWidth: 3, maxWidth: 18, alignment: .left) }
            let rows = section.rows.map { row -> [TableCell] in
                var cells = [TableCell(elementLabel(row.element), role: row.summary.divergent ? .warning : .text)]
                for (i, groups) in row.cells.enumerated() {
                    let level = section.columns[i].level
                    // Commas keep the groups apart from each other and from the next column
                    // when colour is not there to tell the levels apart (mono, a projector).
                    let text = groups.map(\.initials).joined(separator: ",")
                    cells.append(TableCell(text, role: text.isEmpty ? .muted : (level.map(Role.heat) ?? .heatNA)))
                }
                return cells
            }
            let widths = Table.widths(columns, rows: rows, width: width - 1)
            lines.append(.row(columns.map { TableCell($0.title) }, columns: columns, widths: widths, header: true))
            lines += rows.map { .row(clipped($0, to: widths), columns: columns, widths: widths, header: false) }
            lines.append(.blank)
        }
        if lines.isEmpty { lines.append(.text("No instruments in this session yet.", .muted)) }
        lines.append(.text("Each cell lists the groups that chose that level. Elements in the warning colour are divergent.", .muted))
        return lines
    }

    /// Cells cut to a little more than their column holds: with a thousand groups a cell
    /// lists thousands of initials, and measuring them all on every frame was most of it.
    /// What shows is unchanged, since the drawn text (and its "…") needs only the first
    /// `width` columns and the cut text is still wider than that.
    static func clipped(_ cells: [TableCell], to widths: [Int]) -> [TableCell] {
        cells.enumerated().map { i, cell in
            guard i < widths.count, DisplayWidth.of(cell.text) > widths[i] + 2 else { return cell }
            return TableCell(DisplayWidth.prefix(cell.text, fitting: widths[i] + 2), role: cell.role)
        }
    }

    // MARK: Heat map

    @discardableResult
    static func heatmap(_ matrix: GroupMatrix, in rect: Rect, scroll: Int, firstGroup: Int, canvas: inout Canvas, context: WorkshopContext) -> Extent {
        let dash = canvas.glyphs.isUnicode ? "–" : "-"
        // Narrow screens get short headings, leaving room for more groups.
        let compact = rect.width < 70
        let stats = compact ? [("Med", 3), ("Rng", 3), ("Agr", 3)] : [("Median", 6), ("Range", 6), ("Agreed", 7)]
        let statsWidth = stats.map { $0.1 + 1 }.reduce(0, +) + 2
        // Cells are blocks of the level's colour with the number in them, wide enough to
        // read from the back of the room.
        let groupWidth = max(5, min(6, matrix.groups.map { DisplayWidth.of($0.initials) }.max() ?? 3))
        let minimumElement = compact ? 10 : 14
        let fit = max(1, (rect.width - 1 - minimumElement - 1 - statsWidth) / (groupWidth + 1))
        let start = max(0, min(firstGroup, max(0, matrix.groups.count - fit)))
        let shown = Array(matrix.groups.dropFirst(start).prefix(fit))
        // The element names take whatever the group columns leave, up to a readable width.
        let elementWidth = min(44, max(minimumElement, rect.width - 2 - statsWidth - shown.count * (groupWidth + 1) - 1))
        var columns = [TableColumn("Element", minWidth: elementWidth, maxWidth: elementWidth)]
        columns += shown.map { TableColumn($0.initials, minWidth: groupWidth, maxWidth: groupWidth, alignment: .centre) }
        columns += [TableColumn(stats[0].0, minWidth: stats[0].1, maxWidth: stats[0].1, alignment: .right),
                    TableColumn(stats[1].0, minWidth: stats[1].1, maxWidth: stats[1].1, alignment: .right),
                    TableColumn(stats[2].0, minWidth: stats[2].1, maxWidth: stats[2].1, alignment: .centre),
                    TableColumn(String(canvas.glyphs.warning), minWidth: 2, maxWidth: 2)]
        let widths = columns.map(\.minWidth)
        var lines: [Line] = []
        if shown.count < matrix.groups.count {
            lines.append(.text("Groups \(start + 1)\(dash)\(start + shown.count) of \(matrix.groups.count) (← → for more)", .muted))
        }
        for section in matrix.sections {
            lines.append(.title("\(section.instrument.short): \(section.instrument.title)", .accent))
            lines.append(.row(columns.map { TableCell($0.title) }, columns: columns, widths: widths, header: true))
            // Elements nobody has scored are folded into one line under the table.
            let unscored = section.rows.filter { row in row.cells.allSatisfy { $0.answer == nil } && row.agreed == nil }
            for row in section.rows where !unscored.contains(where: { $0.element.ref == row.element.ref }) {
                var cells = [TableCell(elementLabel(row.element))]
                for group in shown {
                    let answer = row.cells.first { $0.group.id == group.id }?.answer
                    switch answer {
                    case .level(let v)?: cells.append(TableCell(block("\(v)", groupWidth), role: Role.heat(v)))
                    case .notApplicable?: cells.append(TableCell(block("n/a", groupWidth), role: .heatNA))
                    case .dontKnow?: cells.append(TableCell(block("dk", groupWidth), role: .heatNA))
                    case nil: cells.append(TableCell(String(canvas.glyphs.emptyDot), role: .muted))
                    }
                }
                cells.append(TableCell(row.median.map(ScoringText.level) ?? dash))
                cells.append(TableCell(row.min.map { lo in row.max.map { hi in lo == hi ? "\(lo)" : "\(lo)\(dash)\(hi)" } ?? "" } ?? dash))
                switch row.agreed?.answer {
                case .level(let v)?: cells.append(TableCell(block("\(v)", stats[2].1), role: Role.heat(v)))
                case .notApplicable?: cells.append(TableCell(block("n/a", stats[2].1), role: .heatNA))
                case .dontKnow?: cells.append(TableCell(block("dk", stats[2].1), role: .heatNA))
                case nil: cells.append(TableCell(dash, role: .muted))
                }
                cells.append(TableCell(row.divergent ? String(canvas.glyphs.warning) : "", role: .warning))
                lines.append(.row(cells, columns: columns, widths: widths, header: false))
            }
            if !unscored.isEmpty {
                let numbers = unscored.map { $0.element.number.map(String.init) ?? $0.element.title }.joined(separator: ", ")
                lines.append(.text("Not scored yet (folded): \(unscored.count == 1 ? "element" : "elements") \(numbers)", .muted))
            }
            lines.append(.blank)
        }
        lines.append(.text("Cells show each group's level (colour and number); \(canvas.glyphs.emptyDot) not scored; \(canvas.glyphs.warning) groups \(matrix.divergenceThreshold)+ levels apart.", .muted))
        var extent = draw(lines, in: rect, scroll: scroll, canvas: &canvas, context: context)
        extent.lastFirstGroup = max(0, matrix.groups.count - fit)
        return extent
    }

    // MARK: Roll-up

    static func rollup(_ rollup: TriangleRollup, in rect: Rect, canvas: inout Canvas, context: WorkshopContext) {
        let dash = canvas.glyphs.isUnicode ? "–" : "-"
        func scoreText(_ score: RollupScore) -> String {
            guard let median = score.median else { return dash }
            return ScoringText.level(median)
        }
        func spread(_ score: RollupScore) -> String {
            guard let lo = score.min, let hi = score.max else { return score.total == 0 ? "not assessed" : "0/\(score.total) scored" }
            let range = lo == hi ? ScoringText.level(lo) : "\(ScoringText.level(lo))\(dash)\(ScoringText.level(hi))"
            return "range \(range), \(score.scored)/\(score.total)"
        }
        var labels = FrameworkStyle.triangleLabels(context.catalogue)
        for component in rollup.components {
            let part = FrameworkStyle.part(for: component.id)
            guard var label = labels[part] else { continue }
            let score = scoreText(component.score)
            switch component.kind {
            case .segment:
                label.long += " \(score)"
                label.short += " \(score)"
                label.letter += " \(score)"
                label.caption = spread(component.score)
            case .centre, .seam:
                label.long += ": \(score)"
                label.short += ": \(score)"
                label.letter += ":\(score)"
            }
            labels[part] = label
        }
        let tableHeight = rect.height >= 30 ? rollup.components.count + 2 : 0
        let (drawing, table) = rect.splitBottom(tableHeight)
        TriangleView(labels: labels).draw(in: drawing, on: &canvas)
        guard tableHeight > 0 else { return }
        let columns = [TableColumn("Part of the triangle", minWidth: 20, maxWidth: 40), TableColumn("Score", minWidth: 5, alignment: .right),
                       TableColumn("Spread and elements scored", minWidth: 10, maxWidth: 40)]
        let rows = rollup.components.map { c in
            [TableCell(c.name), TableCell(scoreText(c.score), role: c.score.median.map { Role.heat(Int($0.rounded())) } ?? .muted),
             TableCell(spread(c.score), role: .muted)]
        }
        Table.draw(columns, rows: rows, in: Rect(x: table.x, y: table.y + 1, width: min(table.width, 90), height: table.height - 1), on: &canvas)
    }

    // MARK: Priorities

    @discardableResult
    static func priorities(_ priorities: Priorities, in rect: Rect, scroll: Int, canvas: inout Canvas, context: WorkshopContext) -> Extent {
        let dash = canvas.glyphs.isUnicode ? "–" : "-"
        let columns = [TableColumn("#", minWidth: 2, maxWidth: 3, alignment: .right),
                       TableColumn("Element", minWidth: 14, maxWidth: 44),
                       TableColumn("Score", minWidth: 5, maxWidth: 5, alignment: .right),
                       TableColumn("Basis", minWidth: 6, maxWidth: 7),
                       TableColumn("Spread", minWidth: 6, maxWidth: 14),
                       TableColumn(String(canvas.glyphs.warning), minWidth: 1, maxWidth: 2),
                       TableColumn("Actions", minWidth: 7, maxWidth: 60)]
        let rows = priorities.items.enumerated().map { i, item -> [TableCell] in
            let value = item.score.value
            return [TableCell("\(i + 1)"),
                    TableCell("\(item.element.instrumentShort) \(elementLabel(item.element))"),
                    TableCell(value.map(ScoringText.level) ?? dash, role: value.map { Role.heat(Int($0.rounded())) } ?? .muted),
                    TableCell(item.score.source == .agreed ? "agreed" : "median", role: .muted),
                    TableCell(ScoringText.spread(item.summary, dash: dash).replacingOccurrences(of: "median ", with: "").replacingOccurrences(of: "range ", with: "")),
                    TableCell(item.summary.divergent ? String(canvas.glyphs.warning) : "", role: .warning),
                    TableCell(item.actions.map { $0.what + ($0.owner.isEmpty ? "" : " (\($0.owner))") }.joined(separator: "; "))]
        }
        let widths = Table.widths(columns, rows: rows, width: rect.width - 1)
        var lines: [Line] = [.row(columns.map { TableCell($0.title) }, columns: columns, widths: widths, header: true)]
        lines += rows.map { .row($0, columns: columns, widths: widths, header: false) }
        let na = priorities.notApplicable.count, gaps = priorities.notAnswered.count
        if na + gaps > 0 { lines.append(.blank) }
        if na > 0 { lines.append(.text("Not applicable: \(na) element\(na == 1 ? "" : "s")", .muted)) }
        if gaps > 0 { lines.append(.text("Not scored yet: \(gaps) element\(gaps == 1 ? "" : "s")", .muted)) }
        if !priorities.evidenceGaps.isEmpty {
            lines.append(.blank)
            lines.append(.text("Evidence gaps (don't know):", .warning))
            for gap in priorities.evidenceGaps {
                lines.append(.text("\(gap.element.instrumentShort) \(elementLabel(gap.element)): \(Priorities.gapText(gap))", .text))
            }
        }
        lines.append(.text("Weakest first: the agreed level, else the groups' median; ties put the wider spread first.", .muted))
        return draw(lines, in: rect, scroll: scroll, canvas: &canvas, context: context)
    }

    // MARK: Actions

    static func actions(_ actions: [Action], selected: Int, in rect: Rect, canvas: inout Canvas, context: WorkshopContext) {
        let ordered = MatrixScreen.orderedActions(actions)
        guard !ordered.isEmpty else {
            canvas.text("No actions yet: press A on a step to add one.", x: rect.x, y: rect.y, role: .muted)
            return
        }
        let catalogue = context.catalogue
        let columns = [TableColumn("", minWidth: 3, maxWidth: 3), TableColumn("Action", minWidth: 16, maxWidth: 60),
                       TableColumn("Owner", minWidth: 6, maxWidth: 24), TableColumn("Due", minWidth: 10, maxWidth: 10),
                       TableColumn("For", minWidth: 6, maxWidth: 36)]
        let rows = ordered.map { action -> [TableCell] in
            let element = action.element.flatMap { ref in catalogue.instrument(ref.instrument).flatMap { tool in
                tool.element(ref.element).map { "\(tool.short) \($0.number). \($0.title)" } } } ?? "the whole session"
            return [TableCell(action.done ? "[\(canvas.glyphs.tick)]" : "[ ]", role: action.done ? .success : .text),
                    TableCell(action.what, role: action.done ? .muted : .text), TableCell(action.owner),
                    TableCell(action.due ?? ""), TableCell(element, role: .muted)]
        }
        let visible = rect.height - 1
        let skip = ListView.scrollOffset(selected: selected, count: rows.count, height: visible)
        Table.draw(columns, rows: rows, in: Rect(x: rect.x, y: rect.y, width: rect.width - 1, height: rect.height),
                   on: &canvas, skip: skip, selectedRow: min(selected, rows.count - 1))
    }

    // MARK: Transcript

    /// The most of one entry the transcript view wraps, in UTF-8 bytes: more than a screen
    /// holds, and above what records from files may carry (`RecordRules.longTextBytes`), so
    /// only text that skipped those checks is cut, and no frame wraps megabytes.
    static let transcriptEntryBytes = 20_000

    @discardableResult
    static func transcript(_ transcript: Transcript, in rect: Rect, scroll: Int, canvas: inout Canvas, context: WorkshopContext) -> Extent {
        draw(transcriptLines(transcript, width: rect.width, timeZone: context.timeZone), in: rect, scroll: scroll, canvas: &canvas, context: context)
    }

    /// The transcript's lines, wrapped for a view `width` wide (kept per session change:
    /// wrapping every entry again was most of each frame on a long session).
    static func transcriptLines(_ transcript: Transcript, width: Int, timeZone: TimeZone) -> [Line] {
        let format = TimeFormat(timeZone: timeZone)
        // As the exported transcript: each day headed when the record spans days, and a line
        // where the clocks changed (times alone read out of order across either).
        let zone = TranscriptRender.zoneClock(transcript, timeZone)
        var day = "", offset = zone.baseOffset
        var lines: [Line] = []
        for entry in transcript.entries {
            if zone.multiDay, case let d = format.day(entry.at), d != day {
                lines.append(.text(d, .accent))
                day = d
            }
            if let now = zone.changed(since: offset, at: entry.at) {
                lines.append(.text(ReportClock.changeLine(now), .accent))
                offset = now
            }
            let undone = entry.inEffect ? "" : " (undone)"
            var said = entry.text
            if said.utf8.count > transcriptEntryBytes {
                var cut = String(decoding: said.utf8.prefix(transcriptEntryBytes), as: UTF8.self)
                if cut.last == "\u{FFFD}" { cut.removeLast() } // a character cut in two
                said = cut + " …"
            }
            let text = "\(format.time(entry.at))  \(said)\(undone)"
            for (i, part) in Wrap.lines(text, width: width - 8).enumerated() {
                lines.append(.text((i == 0 ? "" : "       ") + part, entry.inEffect ? .text : .muted))
            }
        }
        if lines.isEmpty { lines.append(.text("Nothing recorded yet.", .muted)) }
        return lines
    }
}
