import Instruments
import TerminalKit

/// The Population Intervention Triangle filling the screen; the arrow keys move between
/// its seven parts and Enter opens the selected one.
public struct TriangleScreen: Screen {
    public var selected: ComponentID

    public init(selected: ComponentID = .centre) { self.selected = selected }

    public func title(context: WorkshopContext) -> String { "Triangle" }

    public func keys(context: WorkshopContext) -> [KeyHelp] {
        [
            KeyHelp("↑↓←→", "move between the parts", hint: true),
            KeyHelp("Enter", "open the selected part", hint: true),
            KeyHelp("Tab", "next part in order"),
            KeyHelp("p", "Tool A: the 10 planning steps"),
            KeyHelp("w", "why it matters: the case for acting, and a glossary"),
        ]
    }

    public mutating func handle(_ key: Key, context: WorkshopContext) -> Navigation {
        let order = Triangle.order
        switch key {
        case .up: move(dx: 0, dy: -1)
        case .down: move(dx: 0, dy: 1)
        case .left: move(dx: -1, dy: 0)
        case .right: move(dx: 1, dy: 0)
        case .tab:
            selected = order[((order.firstIndex(of: selected) ?? 0) + 1) % order.count]
        case .backTab:
            selected = order[((order.firstIndex(of: selected) ?? 0) + order.count - 1) % order.count]
        case .enter:
            return .push(ComponentScreen(component: selected))
        case .char("p"):
            return ElementListScreen.open("tool-a", context: context)
        case .char("w"):
            return .push(WhyScreen())
        default:
            return .unhandled
        }
        return .stay
    }

    private mutating func move(dx: Double, dy: Double) {
        if let next = FrameworkStyle.neighbour(of: selected, dx: dx, dy: dy) { selected = next }
    }

    public func render(into canvas: inout Canvas, area: Rect, context: WorkshopContext) {
        let infoHeight = area.height >= 20 ? 2 : 1
        let (drawing, info) = area.splitBottom(infoHeight)
        let view = TriangleView(labels: FrameworkStyle.triangleLabels(context.catalogue),
                                highlighted: FrameworkStyle.part(for: selected))
        let anchors = view.draw(in: drawing.inset(dx: 1, dy: 0), on: &canvas)
        guard let component = context.triangle[selected] else { return }
        let role = FrameworkStyle.role(for: component)
        let name = component.name
        var x = info.x + 1
        x += canvas.text(name, x: x, y: info.y, role: role, emphasis: .bold, maxWidth: info.width - 2)
        let extra = context.progressNote(for: component)
        if !extra.isEmpty {
            canvas.text("  " + extra, x: x, y: info.y, role: .muted, maxWidth: info.maxX - x - 1)
        }
        if infoHeight > 1 {
            let firstSentence = component.summary.split(separator: ".").first.map { String($0) + "." } ?? ""
            canvas.text(DisplayWidth.truncate(firstSentence, to: info.width - 2, ellipsis: canvas.glyphs.ellipsis),
                        x: info.x + 1, y: info.y + 1, role: .muted)
        }
        if let anchor = anchors[FrameworkStyle.part(for: selected)] { canvas.cursor = anchor }
    }
}

extension WorkshopContext {
    /// A short progress note for a component, filled in once a session is open.
    func progressNote(for component: Component) -> String {
        let tools = component.instruments.compactMap { catalogue.instrument($0) }
        guard !tools.isEmpty else { return "" }
        if let session {
            return tools.map { session.progressText($0) }.joined(separator: "  ")
        }
        return tools.map { "\($0.short): \($0.elements.count) elements" }.joined(separator: "  ")
    }
}
