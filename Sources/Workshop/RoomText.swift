import Instruments
import SessionEngine
import TerminalKit

/// Words shared by the views for the room (the big view and the audience view).
enum RoomText {
    struct Line {
        var text: String
        var role: Role
    }

    /// Who has scored, as "● City Council  ○ NHS Trust …" lines no wider than `width`:
    /// full names when they fit in two lines, else initials. Never a level.
    static func whoHasScored(groups: [Group], summary: ElementSummary, width: Int, glyphs: Glyphs, maxLines: Int = 2) -> [String] {
        let scored = Set(summary.scores.map(\.group.id))
        func marks(_ name: (Group) -> String) -> [String] {
            groups.map { "\(scored.contains($0.id) ? glyphs.filledDot : glyphs.emptyDot) \(name($0))" }
        }
        let full = pack(marks { $0.name }, width: width)
        return full.count <= maxLines ? full : pack(marks { $0.initials }, width: width)
    }

    /// Items joined by two spaces, wrapped into lines no wider than `width`.
    static func pack(_ items: [String], width: Int) -> [String] {
        var lines: [String] = []
        var current = ""
        for item in items {
            let candidate = current.isEmpty ? item : current + "  " + item
            if DisplayWidth.of(candidate) <= width || current.isEmpty {
                current = candidate
            } else {
                lines.append(current)
                current = item
            }
        }
        if !current.isEmpty { lines.append(current) }
        return lines
    }

    /// After the reveal: the spread, the divergence warning and the agreed level.
    static func outcome(_ summary: ElementSummary, scale: Scale, glyphs: Glyphs) -> [Line] {
        let dash = glyphs.isUnicode ? "–" : "-"
        var spread = ScoringText.spread(summary, dash: dash)
        if summary.notApplicableCount > 0 { spread += ", \(summary.notApplicableCount) n/a" }
        if summary.dontKnowCount > 0 { spread += ", \(summary.dontKnowCount) don't know" }
        var lines = [Line(text: Formatting.sentence(spread), role: .text)]
        if summary.divergent, let range = summary.range {
            lines.append(Line(text: "\(glyphs.warning) \(range) levels apart: discuss", role: .warning))
        }
        if let agreed = summary.agreed {
            lines.append(Line(text: "Agreed: " + ScoringText.answer(agreed.answer, scale: scale), role: .accent))
        }
        return lines
    }

    /// Draws `text` centred on row `y` of `rect`, bold; cut only when the row is narrower.
    static func centre(_ text: String, y: Int, in rect: Rect, role: Role, emphasis: Emphasis = .bold, on canvas: inout Canvas) {
        guard y >= rect.y, y < rect.maxY else { return }
        let shown = DisplayWidth.truncate(text, to: rect.width, ellipsis: canvas.glyphs.ellipsis)
        canvas.text(shown, x: rect.x + max(0, (rect.width - DisplayWidth.of(shown)) / 2), y: y, role: role, emphasis: emphasis)
    }
}
