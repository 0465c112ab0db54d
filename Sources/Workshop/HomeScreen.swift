import Foundation
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
        case .open(let path): ("Open " + HomeScreen.fileName(path), "in " + HomeScreen.folder(path))
        case .why: ("Why it matters", "health inequalities, the case for acting, a glossary")
        case .guide: ("How pit works", "the workshop flow and the keys")
        case .quit: ("Quit", "")
        }
    }

    /// A recent session by its file name; its folder goes in the detail, which is shown
    /// whole or not at all, so a long path never cuts the name.
    static func fileName(_ path: String) -> String {
        path.split(separator: "/").last.map(String.init) ?? path
    }

    /// The folder part of `path` without its trailing slashes, "/" for the root and "."
    /// for a bare name. Cut at the last slash: a generic join of the parts was a tenth of
    /// the home screen's first render.
    static func folder(_ path: String) -> String {
        var trimmed = Substring(path)
        while trimmed.utf8.count > 1, trimmed.hasSuffix("/") { trimmed = trimmed.dropLast() }
        let full: String
        if let slash = trimmed.lastIndex(of: "/") {
            var folder = trimmed[..<slash]
            while folder.hasSuffix("/") { folder = folder.dropLast() }
            full = folder.isEmpty ? "/" : String(folder)
        } else {
            full = "."
        }
        // Within the home folder only: /home/anabel is not under /home/ana.
        if let home = HomePath.home, full == home || full.hasPrefix(home + "/") {
            // Made a String first: String + Substring takes the generic append, whose
            // run-time type lookups were a third of the home screen's first render.
            return "~" + String(full.dropFirst(home.count))
        }
        return full
    }

    public func keys(context: WorkshopContext) -> [KeyHelp] {
        [KeyHelp("↑↓", "choose", hint: true), KeyHelp("Home End", "first or last item"), KeyHelp("Enter", "open", hint: true),
         KeyHelp("w", "why it matters")]
    }

    public mutating func handle(_ key: Key, context: WorkshopContext) -> Navigation {
        let items = items(context)
        switch key {
        case .char("w"): return .push(WhyScreen())
        // The list stops at its ends: ↑ on the first item must not land on Quit.
        case .down, .char("j"), .tab: selected = min(items.count - 1, selected + 1)
        case .up, .char("k"), .backTab: selected = max(0, min(selected, items.count - 1) - 1)
        case .home, .pageUp: selected = 0
        case .end, .pageDown: selected = items.count - 1
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
        let listWidth = min(inner.width, 76)
        let list = items(context).map { item -> ListItem in
            let (label, detail) = HomeScreen.label(item)
            // A detail is shown whole or not at all (a long path leaves no room for it).
            let fits = DisplayWidth.of(label) + DisplayWidth.of(detail) + 6 <= listWidth
            return ListItem(label, detail: inner.width >= 60 && fits ? detail : "")
        }
        ListView.draw(list, selected: min(selected, list.count - 1), in: Rect(x: inner.x, y: y, width: listWidth, height: inner.maxY - y), on: &canvas)
    }
}
