import TerminalKit

/// The first screen: start or open a session, explore the framework, get help.
public struct HomeScreen: Screen {
    public enum Item: Hashable, Sendable {
        case triangle, steps, newSession, demo, open(String), why, guide, quit
    }

    public var selected = 0

    public init() {}

    public func title(context: WorkshopContext) -> String { "Home" }

    func items(_ context: WorkshopContext) -> [Item] {
        var items: [Item] = [.triangle, .steps]
        if context.sessionActions != nil { items += [.newSession, .demo] }
        items += context.recentSessions.prefix(5).map { Item.open($0) }
        items += [.why, .guide, .quit]
        return items
    }

    static func label(_ item: Item) -> (String, String) {
        switch item {
        case .triangle: ("Explore the triangle", "segments, seams and the centre")
        case .steps: ("Tool A: the 10 planning steps", "read each step")
        case .newSession: ("New workshop session", "groups, scores, agreed levels")
        case .demo: ("Demo workshop", "a sample session to try things out")
        case .open(let path): ("Open " + path, "recent session")
        case .why: ("Why it matters", "health inequalities, the case for acting, a glossary")
        case .guide: ("How pit works", "the workshop flow and the keys")
        case .quit: ("Quit", "")
        }
    }

    public func keys(context: WorkshopContext) -> [KeyHelp] {
        [KeyHelp("↑↓", "choose", hint: true), KeyHelp("Enter", "open", hint: true), KeyHelp("w", "why it matters")]
    }

    public mutating func handle(_ key: Key, context: WorkshopContext) -> Navigation {
        let items = items(context)
        switch key {
        case .char("w"): return .push(WhyScreen())
        case .down, .char("j"), .tab: selected = (selected + 1) % items.count
        case .up, .char("k"), .backTab: selected = (selected + items.count - 1) % items.count
        case .enter:
            switch items[min(selected, items.count - 1)] {
            case .triangle: return .push(TriangleScreen())
            case .steps: return ElementListScreen.open("tool-a", context: context)
            case .why: return .push(WhyScreen())
            case .guide: return .push(GuideScreen())
            case .quit: return .quit
            case let item:
                return context.sessionActions?(item) ?? .stay
            }
        default: return .unhandled
        }
        return .stay
    }

    public func render(into canvas: inout Canvas, area: Rect, context: WorkshopContext) {
        let inner = area.inset(dx: 2, dy: area.height >= 20 ? 1 : 0)
        var y = inner.y
        canvas.text("pit", x: inner.x, y: y, role: .title, emphasis: .bold)
        canvas.text("  place-based planning workshops", x: inner.x + 3, y: y, role: .muted, maxWidth: inner.width - 3)
        y += 1
        if inner.height >= 16 {
            let intro = "Run and record workshops on reducing health inequalities with the Population Intervention Triangle and Tool A's planning steps."
            for line in Wrap.lines(intro, width: min(inner.width, 72)) {
                canvas.text(line, x: inner.x, y: y, role: .text); y += 1
            }
        }
        y += 1
        let list = items(context).map { item -> ListItem in
            let (label, detail) = HomeScreen.label(item)
            return ListItem(label, detail: inner.width >= 60 ? detail : "")
        }
        ListView.draw(list, selected: min(selected, list.count - 1), in: Rect(x: inner.x, y: y, width: min(inner.width, 76), height: inner.maxY - y), on: &canvas)
    }
}
