import Foundation
import Reports
import SessionEngine
import TerminalKit

/// The end of the day (`S`): what was agreed, the weakest elements, the widest
/// divergences, actions by owner with due dates, and what was not covered. The same
/// words as the reports' closing section.
public struct ClosingSummaryScreen: Screen {
    public var scroll = 0

    public init() {}

    public func title(context: WorkshopContext) -> String { "Closing summary" }

    public func keys(context: WorkshopContext) -> [KeyHelp] {
        [KeyHelp("↑↓ PgUp PgDn", "scroll", hint: true, short: "scroll")]
    }

    func document(_ context: WorkshopContext) -> TextDocument {
        var doc = TextDocument()
        guard let session = context.session else { return doc }
        let report = SessionReport.make(state: session.state, events: session.store.events, catalogue: context.catalogue)
        let summary = ClosingSummary.make(report)
        doc.heading(session.info.title.isEmpty ? "Closing summary" : "\(session.info.title): closing summary")
        for (heading, items) in summary.lines(report) {
            doc.heading(heading, role: heading == "Widest divergences" && !summary.widest.isEmpty ? .warning : .accent)
            for item in items {
                if item.hasPrefix("  ") {
                    doc.bullet(String(item.dropFirst(2)), role: item.contains("done:") ? .muted : .text, marker: "-")
                } else if item.hasSuffix(":") {
                    doc.paragraph(item, role: .title)
                } else {
                    doc.bullet(item)
                }
            }
        }
        return doc
    }

    public mutating func handle(_ key: Key, context: WorkshopContext) -> Navigation {
        let body = ClosingSummaryScreen.body(in: context.screenArea)
        if let next = Scrolling.offset(after: key, current: scroll, page: body.height) {
            scroll = Scrolling.clamp(next, total: document(context).lineCount(inWidth: body.width), visible: body.height)
            return .stay
        }
        return .unhandled
    }

    /// Where the text draws in the screen's area (the same for keys and frames).
    static func body(in area: Rect) -> Rect { area.inset(dx: 1, dy: 0) }

    public func render(into canvas: inout Canvas, area: Rect, context: WorkshopContext) {
        document(context).draw(in: ClosingSummaryScreen.body(in: area), on: &canvas, scroll: scroll)
    }
}

extension ClosingSummaryScreen: FocusReporting {
    func roomFocus(context: WorkshopContext) -> RoomFocus? { RoomFocus(screen: .summary) }
}
