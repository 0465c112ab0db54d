import Foundation
import Instruments
import SessionEngine
import TerminalKit

/// Words and marks for scores, shared by the lists and the scoring panel.
enum ScoringText {
    static func answer(_ answer: Answer, scale: Scale) -> String {
        switch answer {
        case .level(let value): "\(value) \(scale.label(for: value))"
        case .notApplicable: "n/a"
        case .dontKnow: "don't know"
        }
    }

    static func level(_ value: Double) -> String {
        Formatting.number(value)
    }

    /// The spread in words, never a centre without it: "median 3, range 2–4".
    static func spread(_ summary: ElementSummary, dash: String) -> String {
        guard let median = summary.median, let low = summary.min, let high = summary.max else {
            if summary.dontKnowCount > 0 { return summary.notApplicableCount > 0 ? "only n/a and don't know" : "all don't know" }
            return summary.notApplicableCount > 0 ? "all n/a" : "no levels yet"
        }
        let range = low == high ? "all at \(low)" : "range \(low)\(dash)\(high)"
        return "median \(level(median)), \(range)"
    }

    /// A short mark for an element in a list.
    static func mark(_ session: SessionController, _ instrument: Instrument, _ element: Element, glyphs: Glyphs) -> String {
        guard session.uses(instrument) else { return "" }
        let summary = session.summary(ElementRef(instrument: instrument.id, element: element.id))
        if session.isSelfAssessment {
            return summary.scores.first.map { answer($0.score.answer, scale: instrument.scale) } ?? "-"
        }
        if let agreed = summary.agreed {
            return "agreed " + answer(agreed.answer, scale: instrument.scale)
        }
        let total = summary.scores.count + summary.notScored.count
        if summary.revealed, summary.median != nil {
            return spread(summary, dash: glyphs.isUnicode ? "–" : "-") + (summary.divergent ? " \(glyphs.warning)" : "")
        }
        let dots = String(repeating: glyphs.filledDot, count: summary.scores.count) + String(repeating: glyphs.emptyDot, count: summary.notScored.count)
        return total == 0 ? "" : "\(dots) \(summary.scores.count)/\(total)"
    }
}
