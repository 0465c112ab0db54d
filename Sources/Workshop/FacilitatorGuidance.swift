import Instruments
import TerminalKit

/// The facilitator's guidance for one element, as a document of its own so that views
/// for the room (big digits, the audience view) simply never include it.
enum FacilitatorGuidance {
    /// A partner assessing alone reads it for themselves: no room, and no workshop's minutes.
    static func document(_ element: Element, in instrument: Instrument, catalogue: Catalogue, selfAssessment: Bool = false) -> TextDocument {
        var doc = TextDocument()
        guard let g = element.guidance else {
            doc.paragraph("This instrument gives no guidance for this element.", role: .muted)
            return doc
        }
        doc.paragraph(selfAssessment ? "Guidance for weighing this element: questions, evidence and pitfalls"
                          : "For the facilitator, not the room · about \(g.minutes) minutes in a full run", role: .muted)
        section("Probing questions", g.probes, into: &doc)
        section(selfAssessment ? "Evidence you could point to" : "Evidence a group could bring", g.evidence, into: &doc)
        section("Telling neighbouring levels apart", g.levelDifferences, into: &doc)
        section("Common pitfalls", g.pitfalls, into: &doc)
        if !g.overlaps.isEmpty {
            doc.heading("Overlaps: score once, cross-refer")
            for overlap in g.overlaps {
                doc.bullet("\(name(of: overlap, from: instrument, catalogue: catalogue)): \(overlap.note)")
            }
        }
        if !g.prompts.isEmpty {
            doc.heading("Prompts from the sources (for discussion, not scoring)")
            for prompt in g.prompts {
                let cite = instrument.source(prompt.source).map { " (\($0.by), \($0.year))" } ?? ""
                doc.bullet(prompt.text + cite)
            }
        }
        return doc
    }

    /// "Civic levers: Health and spatial planning" for an overlap's target.
    static func name(of overlap: Overlap, from instrument: Instrument, catalogue: Catalogue) -> String {
        let (other, id) = overlap.ref(in: instrument.id)
        guard let target = catalogue.instrument(other), let element = target.element(id) else { return overlap.see }
        return target.id == instrument.id ? "\(ElementScreen.noun(for: target)) \(element.number): \(element.title)"
            : "\(target.short) \(ElementScreen.noun(for: target).lowercased()) \(element.number): \(element.title)"
    }

    private static func section(_ title: String, _ items: [String], into doc: inout TextDocument) {
        guard !items.isEmpty else { return }
        doc.heading(title)
        for item in items { doc.bullet(item) }
    }
}

/// Who should be in the room for an instrument, and the documents it draws on.
enum InstrumentAbout {
    static func appendRoom(_ instrument: Instrument, to doc: inout TextDocument) {
        guard !instrument.room.isEmpty else { return }
        doc.heading("Who should be in the room")
        for person in instrument.room { doc.bullet(person) }
    }

    static func appendSources(_ instrument: Instrument, to doc: inout TextDocument) {
        doc.heading("Sources")
        for source in instrument.sources { doc.bullet(source.citation + (source.use.isEmpty ? "" : ": \(source.use)"), role: .muted) }
        doc.paragraph(ScaleOwnership.note, role: .muted)
    }

    static func document(_ instrument: Instrument) -> TextDocument {
        var doc = TextDocument()
        doc.paragraph(instrument.summary)
        appendRoom(instrument, to: &doc)
        appendSources(instrument, to: &doc)
        return doc
    }
}
