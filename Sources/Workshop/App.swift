import SessionEngine
import TerminalKit

/// The running program's state: a stack of screens, the help overlay and global keys.
/// Pure: `handle` changes state, `render` draws it, and the backend does the I/O.
public struct App {
    public static let minimumSize = Size(width: 40, height: 12)

    public private(set) var stack: [any Screen]
    public internal(set) var showHelp = false {
        didSet { if showHelp && !oldValue { helpPages = [0] } }
    }
    /// Where each help page visited starts in the list of keys; the last is shown.
    var helpPages = [0]
    public private(set) var shouldQuit = false
    /// A q was refused because the last change was not saved: the next q quits.
    private var unsavedQuitAsked = false
    /// Presentation mode: the whole screen shows what the audience sees (`P`, or `pit present`).
    public var presenting = false
    /// The last element (or element list) the user was on, kept when they go back from
    /// it, so the session can reopen there.
    public private(set) var lastPlace: SessionPlace?
    public let context: WorkshopContext
    /// The terminal's size, as the last resize reported it: keys are handled for the
    /// screen the user sees, whatever frames have or have not been drawn since.
    public private(set) var size = Size(width: 80, height: 24)

    public init(root: any Screen, context: WorkshopContext) {
        stack = [root]
        self.context = context
        context.screenArea = App.bodyArea(for: size)
    }

    /// The terminal changed size (or the run loop starts): the input every later key is handled with.
    public mutating func resize(to size: Size) {
        self.size = size
        context.screenArea = App.bodyArea(for: size)
    }

    /// Where the top screen draws: everything between the header line and the status line.
    static func bodyArea(for size: Size) -> Rect {
        Rect(x: 0, y: 1, width: max(0, size.width), height: max(0, size.height - 2))
    }

    static func isTooSmall(_ size: Size) -> Bool {
        size.width < minimumSize.width || size.height < minimumSize.height
    }

    /// Starts with several screens stacked, the last on top (a session reopened where it was).
    public init(stack screens: [any Screen], context: WorkshopContext) {
        stack = screens.isEmpty ? [HomeScreen()] : screens
        self.context = context
        lastPlace = SessionPlace(stack: stack)
        // Reopened on a step (after a crash, or a closed window), the first group still to
        // score is selected, as when the step is opened from the list.
        arriveOnTop()
    }

    public var top: any Screen { stack[stack.count - 1] }

    public static let globalKeys: [KeyHelp] = [
        KeyHelp("?", "show / hide this help", hint: true, short: "help"),
        KeyHelp("q  Esc", "back; on the first screen, quit", hint: true, short: "back"),
        KeyHelp("t", "next colour theme"),
        KeyHelp("Ctrl-L", "redraw the screen"),
    ]

    /// Keys for a room of groups, which a partner's own assessment has no use for: its
    /// file holds one partner (another group would stop `pit merge` taking it), no plan,
    /// no audience and no live room.
    static let workshopOnlyKeys: Set<String> = ["g", "o", "P"]

    /// A workshop session is open (not a partner's self-assessment).
    var isWorkshop: Bool { context.session.map { !$0.isSelfAssessment } ?? false }

    /// Keys that work anywhere once a session is open.
    public static let sessionKeys: [KeyHelp] = [
        KeyHelp("m", "the matrices: levels, heat map, roll-up, priorities, actions, transcript", hint: true, short: "matrices"),
        KeyHelp("g", "the groups in the room"),
        KeyHelp("o", "the plan (agenda)"),
        KeyHelp("I", "add / take out tools"),
        KeyHelp("S", "closing summary"),
        KeyHelp("P", "audience view on/off"),
        KeyHelp("Ctrl-R", "retry a refused save"),
    ]

    /// Global keys that apply now.
    /// A key the top screen gives its own meaning (`I` on a tool not in the session) is
    /// listed once, with the screen's words.
    func activeGlobalKeys() -> [KeyHelp] {
        if top.isModal { return [] }
        let own = Set(top.keys(context: context).map(\.keys))
        let sessionKeys = isWorkshop ? App.sessionKeys : App.sessionKeys.filter { !App.workshopOnlyKeys.contains($0.keys) }
        let keys = App.globalKeys + (context.session == nil ? [] : sessionKeys) + (context.liveRoom == nil || !isWorkshop ? [] : [JoinScreen.globalKey])
        return keys.filter { !own.contains($0.keys) }
    }

    public mutating func handle(_ key: Key) {
        // A resize is not a key press: it keeps the message and the help on screen.
        if key == .resize { return }
        // The screen says "enlarge the terminal": nothing else is visible, so no key may
        // record or change anything. Only help and quitting act.
        if App.isTooSmall(size) {
            switch key {
            case .char("?"), .function(1): showHelp.toggle()
            // An open form's typing would be lost unseen: it waits for a larger terminal.
            // Nothing but this screen shows, so no question could be seen: quitting waits
            // while a form is open or the last change was not saved.
            case .char("q"), .ctrl("c"):
                if !top.holdsTypedText, context.session?.writeFailed != true { shouldQuit = true }
            case .ctrl("l"): context.needsFullRedraw = true
            default: break
            }
            return
        }
        let quitConfirmed = unsavedQuitAsked
        unsavedQuitAsked = false
        context.message = nil
        if key == .ctrl("c") {
            interrupt(confirmed: quitConfirmed)
            return
        }
        if showHelp {
            // q/Esc/? only close the help rather than also going back.
            handleHelpKey(key)
            return
        }
        var screen = top
        let navigation = screen.handle(key, context: context)
        stack[stack.count - 1] = screen
        switch navigation {
        case .stay: break
        case .push(let next): stack.append(next); arriveOnTop()
        case .pushAll(let screens): stack += screens; arriveOnTop()
        case .replace(let next): stack[stack.count - 1] = next; arriveOnTop()
        case .pop: back(quitConfirmed: quitConfirmed)
        case .quit: quit(confirmed: quitConfirmed)
        case .unhandled: handleGlobal(key, quitConfirmed: quitConfirmed)
        }
        notePlace()
        publishFocus()
    }

    /// An open element is the place; going back to its list keeps it (the list's selection
    /// may be older than the element reached with ← →).
    private mutating func notePlace() {
        guard let here = SessionPlace(stack: stack) else { return }
        if here.view == .element || lastPlace?.instrument != here.instrument { lastPlace = here }
    }

    private mutating func handleGlobal(_ key: Key, quitConfirmed: Bool) {
        switch key {
        case .char("?"), .function(1): showHelp = true
        case .char("q"), .escape: back(quitConfirmed: quitConfirmed)
        case .ctrl("l"):
            context.needsFullRedraw = true
        case .ctrl("r") where context.session != nil:
            // A change the busy file refused: record it again.
            switch context.session?.retry() {
            case true?: context.say("Saved on the second try")
            case false?: context.say("NOT saved: \(context.session?.lastFailure ?? "")", error: true)
            case nil: context.say("Nothing to try again")
            }
        case .char("m") where context.session != nil:
            bringForward(MatrixScreen())
        case .char("I") where context.session != nil:
            bringForward(SessionInstrumentsScreen())
        case .char("S") where context.session != nil:
            bringForward(ClosingSummaryScreen())
        case .char("o") where isWorkshop:
            bringForward(PlanScreen())
        case .char("P") where isWorkshop:
            presenting.toggle()
        case .char("g") where isWorkshop:
            bringForward(GroupsScreen())
        case .char("J") where context.liveRoom != nil && isWorkshop:
            openLiveRoom()
        case .char("t"):
            context.nextTheme()
            context.say("Theme: \(context.theme.name)" + (context.coloursOff ? " (colours are off here: NO_COLOR, or a terminal without them)" : ""))
        case .paste:
            context.say("Pasted text only goes into a text field; nothing was changed")
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
        bringForward(JoinScreen())
    }

    /// Opens one of the screens every screen can reach (the matrices, the plan, the groups…)
    /// on top. One already further down the stack is taken out first, so going between
    /// them never grows the stack (and the header's trail) a screen at a time; back still
    /// leads to where the key was pressed.
    private mutating func bringForward<S: Screen>(_ screen: S) {
        if top is S { return }
        stack.removeAll { $0 is S }
        stack.append(screen)
    }

    private mutating func arriveOnTop() {
        var screen = top
        screen.arrive(context: context)
        stack[stack.count - 1] = screen
    }

    private mutating func back(quitConfirmed: Bool) {
        if stack.count > 1 { stack.removeLast() } else { quit(confirmed: quitConfirmed) }
    }

    /// Ctrl-C quits pit from anywhere, as a terminal user expects; with a form open (its
    /// text would go) or the last change not saved, it asks first and a second Ctrl-C quits.
    private mutating func interrupt(confirmed: Bool) {
        if top.holdsTypedText, !confirmed {
            unsavedQuitAsked = true
            presenting = false   // the audience view has no line for the question
            context.say("Ctrl-C again quits pit, and this form's text goes with it; Esc closes the form", error: true)
            return
        }
        quit(confirmed: confirmed)
    }

    /// Quits, unless the last change was not saved and this is the first q since: quitting
    /// then would drop it without a word (the corner's NOT SAVED is easy to miss), so pit
    /// says so and the next q quits.
    private mutating func quit(confirmed: Bool) {
        if let session = context.session, session.writeFailed, !confirmed {
            unsavedQuitAsked = true
            presenting = false
            // q quits only from the first screen; deeper, it goes back.
            let again = stack.count == 1 ? "q or Ctrl-C again" : "Ctrl-C again"
            let retry = session.retryAdvice.map { Formatting.sentence($0) + "; " } ?? ""
            context.say("The last change was NOT saved: \(session.failureReason ?? "the file refused it"). \(retry)\(again) quits without it", error: true)
            return
        }
        shouldQuit = true
    }

    // MARK: Drawing

    public func render(size: Size, glyphs: Glyphs = .unicode) -> Canvas {
        var canvas = Canvas(width: size.width, height: size.height, glyphs: glyphs)
        guard size.width >= App.minimumSize.width, size.height >= App.minimumSize.height else {
            drawTooSmall(&canvas)
            return canvas
        }
        if presenting, context.session != nil {
            let audience = top as? AudienceScreen
            AudienceView(context: context, focus: audience.map { $0.focus(context: context) } ?? roomFocus, now: context.now(),
                         following: audience?.following ?? true)
                .draw(in: canvas.bounds, on: &canvas)
            if showHelp { drawHelp(&canvas, in: canvas.bounds) }
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
            // ? still opens the help, which needs the room: say so, or the key seems dead.
            showHelp ? "help shows when larger" : top.holdsTypedText ? "your form is kept"
                : context.session?.writeFailed == true ? "a change is NOT saved" : "q quits pit, ? help",
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
        // Joined by hand: the generic joined(separator:) looks up its conformances at run
        // time, a tenth of a millisecond before the first frame.
        var text = crumbs[0]
        for crumb in crumbs.dropFirst() { text += separator + crumb }
        // The countdown at the right end; the last minute and the end stand out.
        let countdown = context.session?.timer.map { " " + TimerText.words($0, now: context.now()) + " " }
        let end = rect.maxX - (countdown.map(DisplayWidth.of) ?? 0)
        // Keep the end of the trail (where you are) when it is too long, beside the countdown too.
        while DisplayWidth.of(text) > end - rect.x - 2, crumbs.count > 1, text.count > 4 {
            text = String(canvas.glyphs.ellipsis) + String(text.dropFirst(min(text.count - 1, 6)))
        }
        canvas.text(" " + text, x: rect.x, y: rect.y, role: .status, emphasis: .bold, maxWidth: rect.width)
        let right = context.headerNote
        if let countdown, let timer = context.session?.timer {
            canvas.text(countdown, x: end, y: rect.y, role: TimerText.role(timer, now: context.now()), emphasis: [.bold, .reverse])
        }
        if !right.isEmpty {
            let rect = Rect(x: rect.x, y: rect.y, width: end - rect.x, height: 1)
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
            // A long message wraps upwards over the screen rather than being cut: the user
            // must be able to read all of it (an error's fix, a file to send).
            let lines = Wrap.lines(message, width: max(1, rect.width - 2)).suffix(max(1, canvas.height / 2))
            let top = rect.y - (lines.count - 1)
            for (i, line) in lines.enumerated() {
                let row = Rect(x: rect.x, y: top + i, width: rect.width, height: 1)
                canvas.fill(row, role: .status)
                canvas.text(" " + line, x: rect.x, y: row.y, role: context.messageIsError ? .warning : .status, maxWidth: rect.width)
            }
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
        let (layout, start, total) = helpPage(body: body)
        let rect = layout.rect
        // A box almost as wide as the screen leaves a column or two of the screen behind
        // beside it, where stray borders read as part of the help: blank those too.
        let margin = rect.x - body.x <= 2 ? Rect(x: body.x, y: rect.y, width: body.width, height: rect.height) : rect
        canvas.fill(margin, role: .text)
        canvas.box(rect, title: "Keys on this screen", role: .accent)
        let inner = rect.inset(dx: 2, dy: 1)
        for entry in layout.entries {
            let x = inner.x + entry.column * (layout.columnWidth + HelpLayout.gap)
            let keyWidth = layout.keyWidths[entry.column]
            canvas.text(entry.keys, x: x, y: inner.y + entry.row, role: .accent, emphasis: .bold, maxWidth: keyWidth)
            for (n, line) in entry.lines.enumerated() {
                canvas.text(line, x: x + keyWidth + 2, y: inner.y + entry.row + n, role: .text,
                            maxWidth: layout.columnWidth - keyWidth - 2)
            }
        }
        let footer = App.helpFooter(start: start, shown: layout.entries.count, total: total, width: inner.width)
        canvas.text(footer, x: inner.x, y: inner.maxY - 1, role: .muted, maxWidth: inner.width)
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
        if session.readOnlyReason != nil { return "READ-ONLY" }
        if session.writeFailed { return "NOT SAVED" }
        guard let saved = session.lastSaved else { return "" }
        return "saved \(Clock.time(saved, secondsFromGMT: secondsFromGMT(at: saved)))"
    }
}
