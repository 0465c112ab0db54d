import Instruments
import TerminalKit

/// One part of the triangle: what it is, the report's content for it, and the
/// instruments that assess it.
public struct ComponentScreen: Screen {
    public var component: ComponentID
    public var scroll = 0

    public init(component: ComponentID) { self.component = component }

    public func title(context: WorkshopContext) -> String { context.triangle[component]?.short ?? component.rawValue }

    public func keys(context: WorkshopContext) -> [KeyHelp] {
        let tools = context.catalogue.instruments(for: component)
        var keys = [
            KeyHelp("↑↓ PgUp PgDn", "scroll", hint: true),
            KeyHelp("Enter", tools.first.map { "open \($0.short)" } ?? "(no instrument here)", hint: true),
            KeyHelp("← →", "previous / next part of the triangle", hint: true),
        ]
        if tools.count > 1 {
            keys.append(KeyHelp("1-\(tools.count)", "open one of this part's instruments"))
        }
        return keys
    }

    func document(_ context: WorkshopContext) -> TextDocument {
        var doc = TextDocument()
        guard let c = context.triangle[component] else { return doc }
        let role = FrameworkStyle.role(for: c)
        doc.heading(c.name, role: role)
        if c.kind == .seam, c.between.count == 2 {
            let names = c.between.compactMap { context.triangle[$0]?.short }.joined(separator: " and ")
            doc.paragraph("The seam between \(names).", role: .muted)
        }
        doc.paragraph(c.summary)
        for section in c.sections {
            doc.heading(section.title)
            if !section.intro.isEmpty { doc.paragraph(section.intro, role: .muted) }
            for item in section.items { doc.bullet(item) }
        }
        let tools = context.catalogue.instruments(for: component)
        if !tools.isEmpty {
            doc.heading("Assess it with")
            for (i, tool) in tools.enumerated() {
                let progress = context.session.map { " · " + $0.progressText(tool) } ?? ""
                doc.bullet("\(tool.short): \(tool.title) (\(tool.elements.count) elements)\(progress)",
                           marker: tools.count > 1 ? "\(i + 1)" : nil)
            }
            for tool in tools where !tool.room.isEmpty {
                doc.heading(tools.count > 1 ? "Who should be in the room for \(tool.short)" : "Who should be in the room")
                for person in tool.room { doc.bullet(person) }
            }
        }
        return doc
    }

    public mutating func handle(_ key: Key, context: WorkshopContext) -> Navigation {
        let body = textArea(in: context.screenArea, context: context)
        let page = body.height
        if let next = Scrolling.offset(after: key, current: scroll, page: page) {
            let total = document(context).lineCount(inWidth: body.width)
            scroll = Scrolling.clamp(next, total: total, visible: page)
            return .stay
        }
        let order = Triangle.order
        let tools = context.catalogue.instruments(for: component)
        switch key {
        case .left, .right:
            let i = order.firstIndex(of: component) ?? 0
            let step = key == .left ? order.count - 1 : 1
            return .replace(ComponentScreen(component: order[(i + step) % order.count]))
        case .enter:
            guard let tool = tools.first else { return .stay }
            return .push(ElementListScreen(instrument: tool.id))
        case .char(let c) where c.isNumber:
            guard let n = c.wholeNumberValue, n >= 1, n <= tools.count else { return .unhandled }
            return .push(ElementListScreen(instrument: tools[n - 1].id))
        default:
            return .unhandled
        }
    }

    /// Where the scrolling text goes: above the footer naming the instruments, when it shows.
    func textArea(in area: Rect, context: WorkshopContext) -> Rect {
        var body = area.inset(dx: 1, dy: 0)
        if !context.catalogue.instruments(for: component).isEmpty, body.height >= 8 { body.height -= 2 }
        return body
    }

    public func render(into canvas: inout Canvas, area: Rect, context: WorkshopContext) {
        let body = textArea(in: area, context: context)
        // The instruments stay in view at the bottom, whatever the scroll.
        let tools = context.catalogue.instruments(for: component)
        if body.height < area.height {
            let footer = "Assess it with: " + tools.enumerated().map { i, tool in
                (tools.count > 1 ? "\(i + 1) " : "") + tool.short
            }.joined(separator: " · ") + (tools.count > 1 ? "  (1-\(tools.count) to open)" : "  (Enter to open)")
            canvas.rule(x: body.x, y: body.maxY, width: body.width, role: .border)
            canvas.text(footer, x: body.x, y: body.maxY + 1, role: .accent, emphasis: .bold, maxWidth: body.width)
        }
        document(context).draw(in: body, on: &canvas, scroll: scroll)
    }
}
