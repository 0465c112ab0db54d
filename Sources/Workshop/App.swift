import TerminalKit

/// The running program's state: a stack of screens, the help overlay and global keys.
/// Pure: `handle` changes state, `render` draws it, and the backend does the I/O.
public struct App {
    public static let minimumSize = Size(width: 40, height: 12)

    public private(set) var stack: [any Screen]
    public private(set) var showHelp = false
    public private(set) var shouldQuit = false
    public let context: WorkshopContext

    public init(root: any Screen, context: WorkshopContext) {
        stack = [root]
        self.context = context
    }

    public var top: any Screen { stack[stack.count - 1] }

    public static let globalKeys: [KeyHelp] = [
        KeyHelp("?", "show or hide this help", hint: true, short: "help"),
        KeyHelp("q  Esc", "back; on the first screen, quit", hint: true, short: "back"),
        KeyHelp("t", "next colour theme"),
        KeyHelp("Ctrl-L", "redraw the screen"),
    ]

    /// Keys that work anywhere once a session is open.
    public static let sessionKeys: [KeyHelp] = [
        KeyHelp("m", "the matrices: levels, heat map, roll-up, priorities, actions, transcript", hint: true, short: "matrices"),
        KeyHelp("g", "the groups in the room"),
    ]

    /// Global keys that apply now.
    func activeGlobalKeys() -> [KeyHelp] {
        if top.isModal { return [] }
        return App.globalKeys + (context.session == nil ? [] : App.sessionKeys) + (context.liveRoom == nil ? [] : [JoinScreen.globalKey])
    }

    public mutating func handle(_ key: Key) {
        // A resize is not a key press: it keeps the message and the help on screen.
        if key == .resize { return }
        context.message = nil
        if showHelp {
            // Any key closes help; q/Esc/? only close it rather than also going back.
            showHelp = false
            return
        }
        var screen = top
        let navigation = screen.handle(key, context: context)
        stack[stack.count - 1] = screen
        switch navigation {
        case .stay: break
        case .push(let next): stack.append(next)
        case .replace(let next): stack[stack.count - 1] = next
        case .pop: back()
        case .quit: shouldQuit = true
        case .unhandled: handleGlobal(key)
        }
        publishFocus()
    }

    private mutating func handleGlobal(_ key: Key) {
        switch key {
        case .char("?"), .function(1): showHelp = true
        case .char("q"), .escape: back()
        case .ctrl("l"):
            context.needsFullRedraw = true
        case .char("m") where context.session != nil:
            if !(top is MatrixScreen) { stack.append(MatrixScreen()) }
        case .char("g") where context.session != nil:
            if !(top is GroupsScreen) { stack.append(GroupsScreen()) }
        case .char("J") where context.liveRoom != nil && context.session != nil:
            openLiveRoom()
        case .char("t"):
            context.themeIndex = (context.themeIndex + 1) % context.themes.count
            context.say("Theme: \(context.theme.name)")
        default: break
        }
    }

    /// `J`: opens the live room if it is not open, then shows how to join.
    private mutating func openLiveRoom() {
        guard let link = context.liveRoom else { return }
        if !link.isOpen {
            do { try link.open() } catch {
                context.say("The room did not open: \(error)", error: true)
                return
            }
        }
        if !(top is JoinScreen) { stack.append(JoinScreen()) }
    }

    private mutating func back() {
        if stack.count > 1 { stack.removeLast() } else { shouldQuit = true }
    }

    // MARK: Drawing

    public func render(size: Size, glyphs: Glyphs = .unicode) -> Canvas {
        var canvas = Canvas(width: size.width, height: size.height, glyphs: glyphs)
        guard size.width >= App.minimumSize.width, size.height >= App.minimumSize.height else {
            drawTooSmall(&canvas)
            return canvas
        }
        let (header, rest) = canvas.bounds.splitTop(1)
        let (body, status) = rest.splitBottom(1)
        drawHeader(&canvas, in: header)
        canvas.clipped(to: body) { canvas in
            top.render(into: &canvas, area: body, context: context)
        }
        drawStatus(&canvas, in: status)
        if showHelp { drawHelp(&canvas, in: body) }
        return canvas
    }

    private func drawTooSmall(_ canvas: inout Canvas) {
        let lines = [
            "Enlarge the terminal",
            "to at least \(App.minimumSize.width) x \(App.minimumSize.height)",
            "(now \(canvas.width) x \(canvas.height))",
        ]
        let top = max(0, (canvas.height - lines.count) / 2)
        for (i, line) in lines.enumerated() {
            let text = DisplayWidth.truncate(line, to: canvas.width)
            canvas.text(text, x: max(0, (canvas.width - DisplayWidth.of(text)) / 2), y: top + i, role: i == 0 ? .warning : .text)
        }
    }

    private func drawHeader(_ canvas: inout Canvas, in rect: Rect) {
        canvas.fill(rect, role: .status)
        let crumbs = ["pit"] + stack.map { $0.title(context: context) }
        let separator = canvas.glyphs.isUnicode ? " › " : " > "
        var text = crumbs.joined(separator: separator)
        // Keep the end of the trail (where you are) when it is too long.
        while DisplayWidth.of(text) > rect.width - 2, crumbs.count > 1, text.count > 4 {
            text = String(canvas.glyphs.ellipsis) + String(text.dropFirst(min(text.count - 1, 6)))
        }
        canvas.text(" " + text, x: rect.x, y: rect.y, role: .status, emphasis: .bold, maxWidth: rect.width)
        let right = context.headerNote
        if !right.isEmpty {
            let room = rect.width - DisplayWidth.of(text) - 4
            if room > 6 {
                let note = DisplayWidth.truncate(right, to: room, ellipsis: canvas.glyphs.ellipsis)
                canvas.text(note + " ", x: rect.maxX - DisplayWidth.of(note) - 1, y: rect.y, role: .status)
            }
        }
    }

    private func drawStatus(_ canvas: inout Canvas, in rect: Rect) {
        canvas.fill(rect, role: .status)
        if let message = context.message {
            canvas.text(" " + message, x: rect.x, y: rect.y, role: context.messageIsError ? .warning : .status, maxWidth: rect.width)
            return
        }
        var x = rect.x + 1
        let hints = top.keys(context: context).filter(\.isHint) + activeGlobalKeys().filter(\.isHint)
        let right = context.statusNote
        let limit = rect.maxX - DisplayWidth.of(right) - 2
        for hint in hints {
            let needed = DisplayWidth.of(hint.keys) + DisplayWidth.of(hint.short) + 3
            if x + needed > limit { break }
            x += canvas.text(hint.keys, x: x, y: rect.y, role: .statusKey)
            x += canvas.text(" " + hint.short + "  ", x: x, y: rect.y, role: .status)
        }
        if !right.isEmpty, DisplayWidth.of(right) < rect.width - 2 {
            canvas.text(right, x: rect.maxX - DisplayWidth.of(right) - 1, y: rect.y, role: .status, emphasis: .bold)
        }
    }

    private func drawHelp(_ canvas: inout Canvas, in body: Rect) {
        let keys = top.keys(context: context) + activeGlobalKeys()
        let keyWidth = min(16, keys.map { DisplayWidth.of($0.keys) }.max() ?? 4)
        let width = min(body.width - 2, max(40, keyWidth + 6 + (keys.map { DisplayWidth.of($0.action) }.max() ?? 20)))
        let height = min(body.height, keys.count + 4)
        let rect = Rect(x: body.x + (body.width - width) / 2, y: body.y + (body.height - height) / 2, width: width, height: height)
        canvas.fill(rect, role: .text)
        canvas.box(rect, title: "Keys on this screen", role: .accent)
        let inner = rect.inset(dx: 2, dy: 1)
        for (i, help) in keys.prefix(inner.height - 1).enumerated() {
            canvas.text(help.keys, x: inner.x, y: inner.y + i, role: .accent, emphasis: .bold, maxWidth: keyWidth)
            canvas.text(help.action, x: inner.x + keyWidth + 2, y: inner.y + i, role: .text, maxWidth: inner.width - keyWidth - 2)
        }
        canvas.text("any key closes this help", x: inner.x, y: inner.maxY - 1, role: .muted, maxWidth: inner.width)
        canvas.cursor = Point(x: inner.x, y: inner.y)
    }
}

extension WorkshopContext {
    /// Right side of the header: the session's title and place, if one is open.
    var headerNote: String {
        guard let info = session?.info else { return "" }
        return [info.title, info.place].filter { !$0.isEmpty }.joined(separator: " · ")
    }

    /// Right side of the status bar: whether everything shown is saved.
    var statusNote: String {
        guard let session else { return "" }
        if session.lastFailure != nil { return "NOT SAVED" }
        guard let saved = session.lastSaved else { return "" }
        return "saved \(Clock.time(saved, in: timeZone))"
    }
}
