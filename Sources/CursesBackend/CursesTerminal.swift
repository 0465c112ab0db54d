import CNcursesw
import Glibc
import TerminalKit

public enum TerminalError: Error, CustomStringConvertible {
    case notInteractive
    case unknownTerminal(String)
    case cannotMoveCursor(String)

    public var description: String {
        switch self {
        case .notInteractive:
            "pit's screens need an interactive terminal; run it in a terminal window (reports and other commands work anywhere: see `pit --help`)"
        case .unknownTerminal(let term):
            "the terminal type TERM=\(term) is not known on this machine; try TERM=xterm-256color, or install its terminfo entry (ncurses-term)"
        case .cannotMoveCursor(let term):
            "the terminal type TERM=\(term) cannot move the cursor, which pit's screens need; run pit in a terminal window with TERM=xterm-256color (reports and other commands work anywhere: see `pit --help`)"
        }
    }
}

/// The one place that talks to ncurses: it opens the terminal, paints canvases,
/// reads keys and always hands the terminal back in the state it was found.
public final class CursesTerminal {
    public private(set) var depth: ColourDepth
    public let glyphs: Glyphs
    private var theme: Theme
    private var screen: OpaquePointer?
    /// For each role: its attributes and its colour pair (0 = the terminal's default colours).
    private var roleStyles: [Role: (attributes: attr_t, pair: Int16)] = [:]
    /// For each role: its colours and attributes at the terminal's depth.
    private var roleLooks: [Role: ResolvedStyle] = [:]
    /// Pairs for a role's text over another role's background, made when first needed.
    private var blendedPairs: [Blend: Int16] = [:]
    private var nextPair = Int16(Role.allCases.count + 1)

    private struct Blend: Hashable {
        let role: Role
        let background: Role
    }
    private var wideBuffer = [wchar_t](repeating: 0, count: 8)
    private var isOpen = false

    /// - Parameters:
    ///   - noColour: NO_COLOR is set: attributes only.
    ///   - crashLog: where a crash report goes, named in the message after a crash.
    public init(theme: Theme, noColour: Bool, crashLog: String?) throws {
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else { throw TerminalError.notInteractive }
        // The character set alone (wide characters, their widths, the glyphs): ncurses
        // needs no other category, and each cost a file read before the first frame.
        setlocale(LC_CTYPE, "")
        let codeset = String(cString: nl_langinfo(nl_item(CODESET)))
        glyphs = codeset.uppercased().filter { $0 != "-" } == "UTF8" ? .unicode : .ascii  // no NSString on the way to the first frame
        // The C locale reads only ASCII: an accented letter typed in it was dropped, with
        // the keys just after it. Terminals send UTF-8 whatever LANG says, so keys are read
        // as UTF-8; the screens still draw in ASCII, as the locale asks.
        if codeset == "ANSI_X3.4-1968" { setlocale(LC_CTYPE, "C.UTF-8") }

        // setupterm reports an unknown TERM as an error code; initscr would exit instead.
        var status: Int32 = 0
        if setupterm(nil, STDOUT_FILENO, &status) != pit_ok() {
            throw TerminalError.unknownTerminal(String(cString: getenv("TERM") ?? strdup("(unset)")))
        }
        // A terminal that cannot move its cursor (TERM=dumb) would show a blank screen while
        // keys still acted unseen.
        guard TerminalGuard.terminfoString("cup") != nil else {
            throw TerminalError.cannotMoveCursor(String(cString: getenv("TERM") ?? strdup("(unset)")))
        }
        TerminalGuard.saveTermios()
        guard let output = fdopen(STDOUT_FILENO, "w"), let input = fdopen(STDIN_FILENO, "r"),
              let screen = newterm(nil, output, input) else {
            throw TerminalError.unknownTerminal(String(cString: getenv("TERM") ?? strdup("(unset)")))
        }
        self.screen = screen
        set_term(screen)
        isOpen = true
        TerminalGuard.enterScreens(crashLog: crashLog)

        cbreak()
        noecho()
        nonl()
        Self.takeControlKeys()
        keypad(pit_stdscr(), true)
        set_escdelay(25)
        pastesAreMarked = Self.enableBracketedPaste()
        leaveok(pit_stdscr(), false)

        if noColour || !has_colors() {
            depth = .none
        } else {
            start_color()
            use_default_colors()
            depth = pit_colors() >= 256 ? .full : .eight
        }
        self.theme = theme
        applyTheme()
    }

    deinit { shutdown() }

    public var size: Size {
        Size(width: Int(pit_getmaxx(pit_stdscr())), height: Int(pit_getmaxy(pit_stdscr())))
    }

    public func setTheme(_ theme: Theme) {
        self.theme = theme
        applyTheme()
    }

    private func applyTheme() {
        roleStyles = [:]
        roleLooks = [:]
        blendedPairs = [:]
        nextPair = Int16(Role.allCases.count + 1)
        for (index, role) in Role.allCases.enumerated() {
            let style = theme.resolve(role, depth: depth)
            var pair: Int16 = 0
            if depth != .none {
                pair = Int16(index + 1)
                init_pair(pair, colourNumber(style.foreground), colourNumber(style.background))
            }
            roleStyles[role] = (attributeBits(style.attributes), pair)
            roleLooks[role] = style
        }
    }

    /// The pair for `role`'s text on `background`'s colour, where `role` has no background of its own.
    private func pairFor(_ role: Role, over background: Role, fallback: Int16) -> Int16 {
        guard depth != .none, background != role else { return fallback }
        let own = theme.resolve(role, depth: depth)
        guard own.background == .terminalDefault else { return fallback }
        let under = theme.resolve(background, depth: depth).background
        guard under != .terminalDefault else { return fallback }
        let key = Blend(role: role, background: background)
        if let pair = blendedPairs[key] { return pair }
        guard Int32(nextPair) < pit_color_pairs() else { return fallback }
        let pair = nextPair
        nextPair += 1
        init_pair(pair, colourNumber(own.foreground), colourNumber(under))
        blendedPairs[key] = pair
        return pair
    }

    private func colourNumber(_ colour: ThemeColour) -> Int16 {
        switch colour {
        case .terminalDefault: return -1
        case .indexed(let n): return Int16(depth == .eight ? n % 8 : n)
        }
    }

    private func attributeBits(_ attributes: TextAttributes) -> attr_t {
        var bits = pit_a_normal()
        if attributes.contains(.bold) { bits |= pit_a_bold() }
        if attributes.contains(.dim) { bits |= pit_a_dim() }
        if attributes.contains(.underline) { bits |= pit_a_underline() }
        if attributes.contains(.reverse) { bits |= pit_a_reverse() }
        if attributes.contains(.italic) { bits |= pit_a_italic() }
        return bits
    }

    /// What a cell's style is worked out from.
    private struct StyleKey: Equatable {
        let role: Role
        let background: Role?
        let emphasis: Emphasis
    }

    /// How one cell goes to ncurses, and how it looks (to compare neighbouring blanks).
    private struct Painted {
        var attributes: attr_t
        var pair: Int16
        var look: ResolvedStyle
    }

    /// Paints a canvas. werase + wnoutrefresh + doupdate lets ncurses send only the
    /// cells that changed since the last frame. A run of spaces that would look the same
    /// in a neighbour's style is painted in that style (`BlankCell.painters`), so ncurses
    /// sends no colour or attribute change at its ends.
    public func draw(_ canvas: Canvas) {
        let window = pit_stdscr()
        werase(window)
        let rows = min(canvas.height, size.height), columns = min(canvas.width, size.width)
        var row = [Painted?](repeating: nil, count: columns)
        var looks = [ResolvedStyle?](repeating: nil, count: columns)
        var isSpace = [Bool](repeating: false, count: columns)
        // Neighbouring cells mostly share a style: the last one worked out is kept.
        var last: (key: StyleKey, painted: Painted)?
        for y in 0..<rows {
            for x in 0..<columns {
                let cell = canvas[x, y]
                isSpace[x] = cell.grapheme == " "
                guard !cell.isContinuation else { row[x] = nil; looks[x] = nil; continue }
                let key = StyleKey(role: cell.role, background: cell.background, emphasis: cell.emphasis)
                if let last, last.key == key {
                    row[x] = last.painted
                } else {
                    let painted = paintedStyle(of: cell)
                    last = (key, painted)
                    row[x] = painted
                }
                looks[x] = row[x]?.look
            }
            let painters = BlankCell.painters(looks: looks, isSpace: isSpace)
            for x in 0..<columns {
                guard row[x] != nil, let painted = row[painters[x]] else { continue }
                put(canvas[x, y].grapheme, attributes: painted.attributes, pair: painted.pair, y: Int32(y), x: Int32(x), window: window)
            }
        }
        if let cursor = canvas.cursor, cursor.x < columns, cursor.y < rows {
            curs_set(1)
            wmove(window, Int32(cursor.y), Int32(cursor.x))
        } else {
            curs_set(0)
        }
        wnoutrefresh(window)
        doupdate()
    }

    private func paintedStyle(of cell: Cell) -> Painted {
        let style = roleStyles[cell.role] ?? (pit_a_normal(), 0)
        var look = roleLooks[cell.role] ?? ResolvedStyle(foreground: .terminalDefault, background: .terminalDefault, attributes: [])
        var attributes = style.attributes
        var pair = style.pair
        if let background = cell.background {
            pair = pairFor(cell.role, over: background, fallback: style.pair)
            if pair != style.pair { look.background = theme.resolve(background, depth: depth).background }
        }
        if cell.emphasis.contains(.bold) { attributes |= pit_a_bold(); look.attributes.insert(.bold) }
        if cell.emphasis.contains(.underline) { attributes |= pit_a_underline(); look.attributes.insert(.underline) }
        if cell.emphasis.contains(.reverse) { attributes |= pit_a_reverse(); look.attributes.insert(.reverse) }
        return Painted(attributes: attributes, pair: pair, look: look)
    }

    private func put(_ grapheme: Character, attributes: attr_t, pair: Int16, y: Int32, x: Int32, window: UnsafeMutablePointer<WINDOW>?) {
        var cell = cchar_t()
        // Most cells are one ASCII code point, read from the UTF-8 (cheaper than Character's
        // asciiValue): no cluster to fit.
        let utf8 = grapheme.utf8
        let cluster = utf8.count == 1 ? nil : CellText.scalars(of: grapheme)
        // setcchar takes the colour pair as its own argument; colour bits in `attributes` would be overwritten.
        // It is given the first code point only: it would stop at the first one that has a
        // width (the second half of a flag, each person of a family emoji) and drop the rest.
        wideBuffer[0] = cluster.map { wchar_t(bitPattern: $0[0]) } ?? wchar_t(utf8.first ?? 0x20)
        wideBuffer[1] = 0
        wideBuffer.withUnsafeBufferPointer { buffer in
            _ = setcchar(&cell, buffer.baseAddress, attributes, pair, nil)
        }
        // The whole cluster goes in the cell; ncurses sends every code point of a cell and
        // gives the cell the width of the first, as the Canvas does.
        if let cluster {
            withUnsafeMutableBytes(of: &cell.chars) { raw in
                let chars = raw.bindMemory(to: wchar_t.self)
                for i in 0..<chars.count { chars[i] = i < cluster.count ? wchar_t(bitPattern: cluster[i]) : 0 }
            }
        }
        mvwadd_wch(window, y, x, &cell)
    }

    /// Rings the terminal's bell once (the countdown's end).
    public func bell() {
        _ = beep()
    }

    /// Makes the next draw repaint every cell (after something else scribbled on the screen).
    public func invalidate() {
        clearok(pit_curscr(), true)
    }

    /// Keys the terminal would act on itself arrive as keys. Ctrl-S froze the screen (the
    /// terminal's flow control) until Ctrl-Q, while keys pressed meanwhile still acted,
    /// unseen. Ctrl-C ended pit at once (SIGINT), with a form's typed text; as a key, the
    /// screens ask first when a form is open or a change was not saved. Ctrl-Z still
    /// suspends. Saved as curses' program mode, so a return from Ctrl-Z keeps them; the
    /// restore on leaving puts the terminal's own back.
    private static func takeControlKeys() {
        var modes = termios()
        guard tcgetattr(STDIN_FILENO, &modes) == 0 else { return }
        modes.c_iflag &= ~tcflag_t(IXON)
        // _POSIX_VDISABLE (0 on Linux): no character interrupts.
        withUnsafeMutableBytes(of: &modes.c_cc) { $0[Int(VINTR)] = 0 }
        guard tcsetattr(STDIN_FILENO, TCSANOW, &modes) == 0 else { return }
        def_prog_mode()
    }

    // MARK: Keys

    /// Key codes of our own (above ncurses' KEY_MAX) for the marks around pasted text.
    private static let pasteStart = pit_key_max() + 1
    private static let pasteEnd = pit_key_max() + 2
    /// The most of one paste kept (characters); the rest is read and dropped.
    static let pasteLimit = 100_000

    /// Asks the terminal to mark pasted text (bracketed paste), when its terminfo entry
    /// says how (BE, with PS and PE for the marks). Without it a pasted line break would be
    /// Enter and the text after it key presses: a note's second line could record a score
    /// or reveal hidden ones.
    private static func enableBracketedPaste() -> Bool {
        guard let enable = TerminalGuard.terminfoString("BE") else { return false }
        let start = TerminalGuard.terminfoString("PS") ?? "\u{1B}[200~"
        let end = TerminalGuard.terminfoString("PE") ?? "\u{1B}[201~"
        guard define_key(start, Self.pasteStart) == pit_ok(), define_key(end, Self.pasteEnd) == pit_ok() else { return false }
        // Written straight to the terminal: putp would leave it in the C library's stdout
        // buffer (not curses' own), which is only written when pit ends.
        _ = enable.withCString { write(STDOUT_FILENO, $0, strlen($0)) }  // BD, in the restore sequence, turns it off again
        return true
    }

    /// Waits up to `timeoutMilliseconds` for a key; nil when none came (or what came was
    /// a sequence that names no key of pit's).
    public func readKey(timeoutMilliseconds: Int32) -> Key? {
        if !waiting.isEmpty { return waiting.removeFirst() }
        let window = pit_stdscr()
        wtimeout(window, timeoutMilliseconds)
        var value: wint_t = 0
        let result = wget_wch(window, &value)
        if result == pit_err() { return nil }
        if result == pit_key_code_yes() { return namedKey(Int32(value), window) }
        if value == 27 { return escape(window) }
        return charactersWaiting(after: UInt32(value), window)
    }

    /// Keys read ahead with a burst of characters, handed out one by one.
    private var waiting: [Key] = []
    /// The terminal marks pastes (bracketed paste): characters waiting together are then
    /// keys typed ahead (or sent by a script), never a paste.
    private var pastesAreMarked = false

    private func namedKey(_ code: Int32, _ window: UnsafeMutablePointer<WINDOW>?) -> Key? {
        switch code {
        case Self.pasteStart: return readPaste(window)
        case Self.pasteEnd: return nil  // an end mark without its start
        default: return KeyDecoder.functionKey(code)
        }
    }

    private func escape(_ window: UnsafeMutablePointer<WINDOW>?) -> Key? {
        guard let body = sequenceAfterEscape(window) else { return .escape }
        return KeyDecoder.escapeSequence(body)
    }

    /// A character, with whatever characters were already waiting behind it: a paste when
    /// the terminal marks none (`KeyDecoder.isPaste`), else each a key of its own. A named
    /// key or an escape sequence ends the burst and comes after it.
    private func charactersWaiting(after first: UInt32, _ window: UnsafeMutablePointer<WINDOW>?) -> Key? {
        var values = [first]
        var after: Key?
        wtimeout(window, 0)
        var value: wint_t = 0
        while values.count < Self.pasteLimit {
            let result = wget_wch(window, &value)
            if result == pit_err() { break }
            if result == pit_key_code_yes() { after = namedKey(Int32(value), window); break }
            if value == 27 { after = escape(window); break }
            values.append(UInt32(value))
        }
        if values.count > 1, !pastesAreMarked, KeyDecoder.isPaste(values) {
            waiting = after.map { [$0] } ?? []
            return .paste(KeyDecoder.pastedText(values.compactMap(Unicode.Scalar.init)))
        }
        let keys = KeyDecoder.keys(values)
        waiting = keys.dropFirst().compactMap { $0 } + (after.map { [$0] } ?? [])
        return keys.first ?? nil
    }

    /// What follows an ESC that ncurses did not match, when it is already waiting: the
    /// rest of an escape sequence from the terminal. nil when the ESC came alone (the Esc key).
    private func sequenceAfterEscape(_ window: UnsafeMutablePointer<WINDOW>?) -> [UInt32]? {
        wtimeout(window, 0)  // a terminal sends a sequence at once; a person types slower
        var value: wint_t = 0
        let first = wget_wch(window, &value)
        if first == pit_err() { return nil }
        if first == pit_key_code_yes() { return [] }  // ESC, then a key ncurses knew: Alt with it
        var body = [UInt32(value)]
        switch value {
        case 0x5B:  // "[": parameters, then a final byte
            while body.count < 32, wget_wch(window, &value) == pit_ok() {
                body.append(UInt32(value))
                if KeyDecoder.endsControlSequence(UInt32(value)) { break }
            }
        case 0x4F:  // "O": one byte more
            if wget_wch(window, &value) == pit_ok() { body.append(UInt32(value)) }
        default:
            break
        }
        return body
    }

    /// The text between the paste marks, as one `Key.paste`.
    private func readPaste(_ window: UnsafeMutablePointer<WINDOW>?) -> Key {
        wtimeout(window, 500)  // the rest of a paste is already on its way
        var scalars: [Unicode.Scalar] = []
        var value: wint_t = 0
        while true {
            let result = wget_wch(window, &value)
            if result == pit_err() { break }  // the end mark never came
            if result == pit_key_code_yes() {
                if Int32(value) == Self.pasteEnd { break }
                continue  // a sequence inside the pasted text: not text
            }
            if scalars.count < Self.pasteLimit, let scalar = Unicode.Scalar(UInt32(value)) { scalars.append(scalar) }
        }
        return .paste(KeyDecoder.pastedText(scalars))
    }

    /// Ends curses mode and restores the terminal. Safe to call more than once.
    public func shutdown() {
        guard isOpen else { return }
        isOpen = false
        curs_set(1)
        endwin()
        if let screen { delscreen(screen) }
        screen = nil
        TerminalGuard.restoreNow()
        TerminalGuard.leaveScreens()
    }
}
