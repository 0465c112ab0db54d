import TerminalKit

/// The help overlay: every key of the screen, in pages when they do not all fit (a step at
/// 80x24, anything at 40x12). ↓ and ↑ turn the pages; any other key closes the help.
extension App {
    /// Where the help goes: the whole screen for the audience view, else between the bars.
    func helpBody(size: Size) -> Rect {
        let bounds = Rect(x: 0, y: 0, width: size.width, height: size.height)
        if presenting, context.session != nil { return bounds }
        return bounds.splitTop(1).1.splitBottom(1).0
    }

    /// The keys in the order the help lists them. When they need more than one page, the
    /// two that close the help and go back come first, so the first page always has them.
    func helpKeys(body: Rect) -> [KeyHelp] {
        let keys = top.keys(context: context) + activeGlobalKeys()
        guard HelpLayout(keys: keys, body: body).hidden > 0 else { return keys }
        let essential = Set(App.globalKeys.prefix(2).map(\.keys))
        return keys.filter { essential.contains($0.keys) } + keys.filter { !essential.contains($0.keys) }
    }

    /// The page shown: its layout, where it starts in `keys`, and how many keys there are.
    func helpPage(body: Rect) -> (layout: HelpLayout, start: Int, total: Int) {
        let keys = helpKeys(body: body)
        let start = min(helpPages.last ?? 0, max(0, keys.count - 1))
        return (HelpLayout(keys: Array(keys[start...]), body: body), start, keys.count)
    }

    /// A key while the help is open: ↓ (PgDn, Space) and ↑ (PgUp) turn its pages when it
    /// has more than one, and stay at either end; any other key closes it.
    mutating func handleHelpKey(_ key: Key) {
        let (layout, start, total) = helpPage(body: helpBody(size: size))
        let paged = total > layout.entries.count || start > 0
        guard paged else { return showHelp = false }
        switch key {
        case .down, .pageDown, .char(" "):
            let next = start + layout.entries.count
            if next < total, !layout.entries.isEmpty { helpPages.append(next) }
        case .up, .pageUp:
            if helpPages.count > 1 { helpPages.removeLast() }
        default:
            showHelp = false
        }
    }

    /// The last line of the help, within `width`: how to see the rest, how to close it, and
    /// Ctrl-C, which quits from every screen, where it fits (a line of its own among each
    /// screen's keys pushed a step's onto a second page at 80x24).
    static func helpFooter(start: Int, shown: Int, total: Int, width: Int) -> String {
        let after = total - start - shown
        var parts: [String] = []
        if after > 0 { parts.append("↓ \(after) more") }
        if start > 0 { parts.append("↑ back") }
        let footer = parts.isEmpty ? "any key closes this help" : parts.joined(separator: " · ") + " · others close"
        let withQuit = footer + " · Ctrl-C quits"
        return withQuit.count <= width ? withQuit : footer
    }
}
