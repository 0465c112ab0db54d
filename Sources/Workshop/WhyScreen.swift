import Instruments
import TerminalKit

/// Why it matters: the case for acting on health inequalities, and a glossary, read from
/// the shipped `context/why-it-matters.yaml`. Tab switches between the two.
public struct WhyScreen: Screen {
    public var glossary: Bool
    public var scroll = 0

    public init(glossary: Bool = false) { self.glossary = glossary }

    public func title(context: WorkshopContext) -> String { glossary ? "Glossary" : "Why it matters" }

    public func keys(context: WorkshopContext) -> [KeyHelp] {
        [KeyHelp("↑↓ PgUp PgDn", "scroll", hint: true),
         KeyHelp("Tab", glossary ? "why it matters" : "the glossary", hint: true, short: glossary ? "why" : "glossary")]
    }

    static func document(_ briefing: Briefing?, glossary: Bool) -> TextDocument {
        var doc = TextDocument()
        guard let briefing else {
            doc.paragraph("The why-it-matters file did not load; run `pit instruments list` to see the problem.", role: .muted)
            return doc
        }
        func cite(_ ids: [String]) -> String {
            ids.compactMap { briefing.source($0).map { "\($0.by), \($0.year)" } }.joined(separator: "; ")
        }
        if glossary {
            doc.paragraph("Terms a facilitator may meet, in pit's words. Source in brackets.", role: .muted)
            for term in briefing.glossary {
                doc.heading(term.term, role: .accent)
                doc.paragraph(term.meaning + " (\(cite([term.source])))")
            }
        } else {
            doc.paragraph("Press Tab for the glossary. Sources in brackets; the wording is pit's own.", role: .muted)
            for section in briefing.sections {
                doc.heading(section.title)
                for paragraph in section.paragraphs { doc.paragraph(paragraph) }
                for point in section.points { doc.bullet(point) }
                doc.paragraph("Source: \(cite(section.sources))", role: .muted)
            }
        }
        doc.heading("Sources")
        for source in briefing.sources { doc.bullet(source.citation, role: .muted) }
        return doc
    }

    public mutating func handle(_ key: Key, context: WorkshopContext) -> Navigation {
        if key == .tab || key == .backTab {
            glossary.toggle(); scroll = 0
            return .stay
        }
        let body = WhyScreen.body(in: context.screenArea)
        guard let next = Scrolling.offset(after: key, current: scroll, page: body.height) else { return .unhandled }
        let total = WhyScreen.document(context.catalogue.briefing, glossary: glossary).lineCount(inWidth: body.width)
        scroll = Scrolling.clamp(next, total: total, visible: body.height)
        return .stay
    }

    /// Where the text goes: the same for drawing and for scrolling.
    static func body(in area: Rect) -> Rect { area.inset(dx: 2, dy: 0) }

    public func render(into canvas: inout Canvas, area: Rect, context: WorkshopContext) {
        let body = WhyScreen.body(in: area)
        WhyScreen.document(context.catalogue.briefing, glossary: glossary).draw(in: body, on: &canvas, scroll: scroll)
    }
}
