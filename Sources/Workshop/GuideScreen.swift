import TerminalKit

/// A plain-words guide to the workshop flow and the keyboard.
public struct GuideScreen: Screen {
    public var scroll = 0
    public init() {}
    public func title(context: WorkshopContext) -> String { "Guide" }

    public func keys(context: WorkshopContext) -> [KeyHelp] {
        [KeyHelp("↑↓ PgUp PgDn", "scroll", hint: true)]
    }

    static var document: TextDocument {
        var doc = TextDocument()
        doc.heading("What pit is for")
        doc.paragraph("pit helps a facilitator run a place-based planning workshop on reducing health inequalities. Partners (the council, the NHS, the voluntary, community and social enterprise sector, residents) sit in groups, look at each part of the Population Intervention Triangle and score how well their place does on each element: Tool A's ten planning steps and the other tools' questions. pit records every score, shows where groups agree and differ, and keeps the agreed level, the reasons and the actions.")
        doc.heading("The triangle")
        doc.paragraph("Three segments: civic-level interventions at the top, service-based at the bottom right and community-centred at the bottom left. Place-based planning and leadership sits at the centre. The report says the seams between segments are where working together is often inefficient or under-used, so attention there can add most; each seam has its own tool (B, C and D).")
        doc.heading("Moving around")
        doc.labelled("↑↓←→", "move; on the triangle, between its parts")
        doc.labelled("Enter", "open the selected item")
        doc.labelled("q  Esc", "go back; on the first screen, quit")
        doc.labelled("?", "the keys of the current screen")
        doc.labelled("t", "next colour theme (default, light, projector, colourblind, mono)")
        doc.labelled("p", "from the triangle: Tool A's planning steps")
        doc.labelled("w", "from home or the triangle: why it matters, and a glossary")
        doc.labelled("i", "on a step: the facilitator's guidance; on a list: who should be in the room")
        doc.labelled("0  d", "in a session: not applicable, or don't know (an evidence gap)")
        return doc
    }

    public mutating func handle(_ key: Key, context: WorkshopContext) -> Navigation {
        let body = GuideScreen.body(in: context.screenArea)
        guard let next = Scrolling.offset(after: key, current: scroll, page: body.height) else { return .unhandled }
        let total = GuideScreen.document.lineCount(inWidth: body.width)
        scroll = Scrolling.clamp(next, total: total, visible: body.height)
        return .stay
    }

    /// Where the text goes: the same for drawing and for scrolling.
    static func body(in area: Rect) -> Rect { area.inset(dx: 2, dy: 0) }

    public func render(into canvas: inout Canvas, area: Rect, context: WorkshopContext) {
        GuideScreen.document.draw(in: GuideScreen.body(in: area), on: &canvas, scroll: scroll)
    }
}
