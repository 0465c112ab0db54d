import Instruments
import TerminalKit

/// An instrument's summary, who should be in the room and its sources.
public struct InstrumentAboutScreen: Screen {
    public var instrumentID: String
    public var scroll = 0

    public init(instrument: String) { instrumentID = instrument }

    public func title(context: WorkshopContext) -> String {
        (context.catalogue.instrument(instrumentID)?.short ?? instrumentID) + ": about"
    }

    public func keys(context: WorkshopContext) -> [KeyHelp] { [KeyHelp("↑↓ PgUp PgDn", "scroll", hint: true)] }

    public mutating func handle(_ key: Key, context: WorkshopContext) -> Navigation {
        let body = InstrumentAboutScreen.body(in: context.screenArea)
        guard let instrument = context.catalogue.instrument(instrumentID),
              let next = Scrolling.offset(after: key, current: scroll, page: body.height) else { return .unhandled }
        let total = InstrumentAbout.document(instrument).lineCount(inWidth: body.width)
        scroll = Scrolling.clamp(next, total: total, visible: body.height)
        return .stay
    }

    /// Where the text goes, below the heading: the same for drawing and for scrolling.
    static func body(in area: Rect) -> Rect {
        let inner = area.inset(dx: 1, dy: 0)
        return Rect(x: inner.x, y: inner.y + 2, width: inner.width, height: inner.height - 2)
    }

    public func render(into canvas: inout Canvas, area: Rect, context: WorkshopContext) {
        guard let instrument = context.catalogue.instrument(instrumentID) else { return }
        let inner = area.inset(dx: 1, dy: 0)
        let role = context.triangle[instrument.placement].map(FrameworkStyle.role(for:)) ?? .accent
        canvas.text("\(instrument.short): \(instrument.title)", x: inner.x, y: inner.y, role: role, emphasis: .bold, maxWidth: inner.width)
        let body = InstrumentAboutScreen.body(in: area)
        InstrumentAbout.document(instrument).draw(in: body, on: &canvas, scroll: scroll)
    }
}
