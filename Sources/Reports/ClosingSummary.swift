import Escaping
import Foundation
import Instruments
import SessionEngine

/// The end of the day on one page: what was agreed, the weakest elements, the widest
/// divergences, the actions grouped by owner with their due dates, and what was not
/// covered. Computed from a report; the screen and the HTML and Markdown reports show it.
public struct ClosingSummary: Sendable {
    public struct Agreement: Sendable {
        public var element: ReportElement
        public var answer: Answer
        public var rationale: String
        public var scale: Scale
    }

    public struct OwnerActions: Sendable {
        /// "" when nobody was named.
        public var owner: String
        /// Open ones first, then by due date (undated last).
        public var actions: [Action]
    }

    public var agreed: [Agreement]
    /// Up to `listLength` elements, weakest first.
    public var weakest: [Priorities.Item]
    /// Up to `listLength` divergent elements, the widest range first.
    public var widest: [Priorities.Item]
    public var actionsByOwner: [OwnerActions]
    /// Elements in the session's instruments (or its plan, when it has one) that nobody
    /// answered and the room did not agree on. An element answered only "not applicable" or
    /// "don't know", or agreed so, was covered: that is the room's answer.
    public var notCovered: [ReportElement]

    public static let listLength = 3

    public static func make(_ report: SessionReport) -> ClosingSummary {
        let agreed = report.agreedRows.map { Agreement(element: $0.element, answer: $0.agreed.answer, rationale: $0.agreed.rationale, scale: $0.scale) }
        let weakest = Array(report.priorities.items.prefix(listLength))
        let widest = Array(report.priorities.items.filter(\.summary.divergent)
            .sorted { ($0.summary.range ?? 0) > ($1.summary.range ?? 0) }.prefix(listLength))
        var owners: [String: [Action]] = [:]
        for action in report.state.actions { owners[action.owner.trimmingCharacters(in: .whitespaces), default: []].append(action) }
        let byOwner = owners.keys.sorted { a, b in
            if a.isEmpty != b.isEmpty { return b.isEmpty }   // unnamed last
            return a.localizedCaseInsensitiveCompare(b) == .orderedAscending
        }.map { owner in
            OwnerActions(owner: owner, actions: owners[owner]!.sorted { a, b in
                if a.done != b.done { return !a.done }
                switch (a.due, b.due) {
                case let (x?, y?) where x != y: return x < y
                case (_?, nil): return true
                case (nil, _?): return false
                default: return a.seq < b.seq
                }
            })
        }
        // Not `unscored`: that also holds elements answered N/A or don't know (by the room's
        // agreement or by the groups), which the room did cover.
        var notCovered = report.priorities.notAnswered.map(\.element)
        if let plan = report.state.plan {
            // With a plan, "not covered" is what the plan had and the room did not reach.
            let planned = Set(plan.items.filter { !$0.skipped }.flatMap { item -> [ElementRef] in
                guard let instrument = report.scope.instrument(item.instrument) else { return [] }
                let ids = item.elements ?? instrument.elements.map(\.ref.element)
                return ids.map { ElementRef(instrument: item.instrument, element: $0) }
            })
            notCovered = notCovered.filter { planned.contains($0.ref) }
        }
        return ClosingSummary(agreed: agreed, weakest: weakest, widest: widest, actionsByOwner: byOwner, notCovered: notCovered)
    }

    /// The summary as plain lines (the screen and the Markdown report share the words).
    public func lines(_ report: SessionReport, dash: String = "–", arrow: String = "→") -> [(heading: String, items: [String])] {
        func name(_ e: ReportElement) -> String { report.scope.displayName(e) }
        var out: [(String, [String])] = []
        out.append(("What was agreed", agreed.isEmpty ? ["Nothing was agreed yet."] : agreed.map { a in
            "\(name(a.element)): \(Words.answer(a.answer, scale: a.scale))" + (a.rationale.isEmpty ? "" : ", because \(a.rationale)")
        }))
        out.append(("Weakest elements", weakest.isEmpty ? ["No element has a score yet."] : weakest.map { item in
            "\(name(item.element)): \(Self.weakness(item))"
        }))
        out.append(("Widest divergences", widest.isEmpty ? ["No groups were two or more levels apart."] : widest.map { item in
            "\(name(item.element)): range \(Words.range(item.summary.min, item.summary.max)), \(item.summary.range ?? 0) levels apart"
        }))
        out.append(("Actions by owner", actionsByOwner.isEmpty ? ["No actions were recorded."] : actionsByOwner.flatMap { group in
            [(group.owner.isEmpty ? "No owner named" : group.owner) + ":"] + group.actions.map { a in
                "  \(a.done ? "done" : "open"): \(a.what)" + (a.due.map { " (due \($0))" } ?? "")
            }
        }))
        out.append(("Not covered", notCovered.isEmpty ? ["Everything planned was covered."] : notCovered.map(name)))
        return out
    }

    /// A weak element's score with the spread behind it, never a median alone:
    /// "1 (1–4), the groups' median (range)"; "2 agreed; groups 1 (1–3)" when the room agreed.
    static func weakness(_ item: Priorities.Item) -> String {
        let spread = MarkdownReport.medianRange(item.summary)
        guard item.score.source == .agreed else { return "\(spread), the groups' median (range)" }
        let level = Words.number(item.score.value)
        return item.summary.median == nil ? "\(level) agreed; no group gave a level" : "\(level) agreed; groups \(spread)"
    }
}

extension ClosingSummary {
    private typealias E = Escape

    /// The Markdown report's section.
    func markdown(_ report: SessionReport) -> String {
        var out = "## Closing summary\n\n"
        for (heading, items) in lines(report) {
            out += "### \(E.markdownHeading(heading))\n\n"
            for item in items {
                let indented = item.hasPrefix("  ")
                out += (indented ? "  - " : "- ") + E.markdownText(indented ? String(item.dropFirst(2)) : item, indent: indented ? 4 : 2) + "\n"
            }
            out += "\n"
        }
        return out
    }

    /// The HTML report's section.
    func html(_ report: SessionReport) -> String {
        var b = "<section id=\"closing\">\n<h2>Closing summary</h2>\n"
        for (heading, items) in lines(report) {
            b += "<h3>\(E.html(heading))</h3>\n<ul>\n"
            // An indented line (an owner's action) goes in a list nested in the item before it
            // (the owner), so browsers, print and screen readers show it one level down.
            var open = false
            for (i, item) in items.enumerated() {
                if item.hasPrefix("  ") {
                    if !open { b += "<ul class=\"sub\">\n"; open = true }
                    b += "<li>\(E.html(String(item.dropFirst(2))))</li>\n"
                } else {
                    if open { b += "</ul></li>\n"; open = false } else if i > 0 { b += "</li>\n" }
                    b += "<li>\(E.html(item))"
                }
                if i == items.count - 1 { b += open ? "</ul></li>\n" : "</li>\n" }
            }
            b += "</ul>\n"
        }
        return b + "</section>\n"
    }
}
