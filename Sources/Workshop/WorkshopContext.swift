import Foundation
import Instruments
import SessionEngine
import TerminalKit

/// What every screen can reach: the framework content, the themes and, once a session
/// is open, the session. A reference type so that screens (values) share one copy.
public final class WorkshopContext {
    /// The framework's content. A context made with `init(catalogue:theme:otherThemes:)`
    /// and a closure gets it from the closure when a screen first asks.
    public var catalogue: Catalogue {
        switch catalogueSource {
        case .made(let catalogue):
            return catalogue
        case .pending(let make):
            let catalogue = make()
            catalogueSource = .made(catalogue)
            return catalogue
        }
    }
    private var catalogueSource: CatalogueSource

    private enum CatalogueSource {
        case made(Catalogue)
        case pending(() -> Catalogue)
    }
    /// Every theme, for the theme key. A context made with `init(catalogue:theme:otherThemes:)`
    /// reads the others only when they are first wanted, so the first frame waits for one.
    public var themes: [Theme] {
        get { loadOtherThemes(); return loadedThemes }
        set { otherThemes = nil; loadedThemes = newValue }
    }
    public var themeIndex: Int
    private var loadedThemes: [Theme]
    private var otherThemes: (() -> [Theme])?
    /// One line shown in the status bar until the next key (e.g. "Saved", an error).
    public var message: String?
    public var messageIsError = false
    /// The open session, if any; the framework screens work without one. A file that
    /// cannot be written says so as it opens, not at the first change.
    public var session: SessionController? {
        didSet {
            if let reason = session?.readOnlyReason { say(reason, error: true) }
            // Looked up only when a change is described: the catalogue may still be in its cache.
            session?.elementName = { [weak self] ref in
                guard let catalogue = self?.catalogue, let instrument = catalogue.instrument(ref.instrument),
                      let element = instrument.element(ref.element) else { return nil }
                return "\(instrument.short) \(ElementScreen.noun(for: instrument).lowercased()) \(element.number)"
            }
        }
    }
    /// Starts or opens a session from the home screen; set once sessions are available.
    public var sessionActions: ((HomeScreen.Item) -> Navigation)?
    /// Set by Ctrl-L: the backend repaints every cell on the next frame.
    public var needsFullRedraw = false
    /// The terminal shows no colours (NO_COLOR, or it has none): a theme changes nothing.
    public var coloursOff = false
    /// Times on screen are shown in this zone (the machine's, unless a test fixes it).
    /// Foundation's zone of the machine is built only when a screen first asks for it:
    /// building it loads ICU's zone tables, and the first frame needs at most the status
    /// line's clock, which `localSecondsFromGMT` gives without them.
    public var timeZone: TimeZone {
        get { fixedTimeZone ?? TimeZone.current }
        set { fixedTimeZone = newValue }
    }
    private var fixedTimeZone: TimeZone?

    /// Seconds east of UTC of the zone on screen at `date`: the C library's reading of
    /// `TZ` or /etc/localtime for the machine's zone, the same zone Foundation reads.
    func secondsFromGMT(at date: Date) -> Int {
        if let fixedTimeZone { return fixedTimeZone.secondsFromGMT(for: date) }
        return Clock.localSecondsFromGMT(at: date) ?? TimeZone.current.secondsFromGMT(for: date)
    }
    /// The time now, for the room's countdown (a test fixes it).
    public var now: () -> Date = { Date() }
    /// Whether the countdown's end rings the terminal bell (`--no-bell` turns it off).
    public var bellEnabled = true
    /// Where the top screen draws, from the terminal's size as the App was last told it
    /// (App.resize): an input to handling keys, never written while drawing.
    public internal(set) var screenArea = Rect(x: 0, y: 1, width: 80, height: 22)
    /// The live room (devices scoring over the local network), when pit can serve one.
    public var liveRoom: LiveRoomLink?
    /// The room as `noteRoomChanges` last saw it.
    var lastRoomSeen: LiveRoomView?
    /// Recently opened session files, newest first, for the home screen.
    public var recentSessions: [String]

    public init(catalogue: Catalogue, themes: [Theme], themeName: String? = nil, recentSessions: [String] = []) {
        self.catalogueSource = .made(catalogue)
        let available = themes.isEmpty ? [Theme.plain] : themes
        self.loadedThemes = available
        self.themeIndex = themeName.flatMap { name in available.firstIndex { $0.name == name } } ?? 0
        self.recentSessions = recentSessions
    }

    /// Starts with `theme`; `otherThemes` gives every theme (this one among them) when the
    /// theme key is first pressed.
    public convenience init(catalogue: Catalogue, theme: Theme, otherThemes: @escaping () -> [Theme], recentSessions: [String] = []) {
        self.init(source: .made(catalogue), theme: theme, otherThemes: otherThemes, recentSessions: recentSessions)
    }

    /// As above, with the catalogue made when a screen first asks for it (`catalogue`).
    public convenience init(catalogue: @escaping () -> Catalogue, theme: Theme, otherThemes: @escaping () -> [Theme],
                            recentSessions: [String] = []) {
        self.init(source: .pending(catalogue), theme: theme, otherThemes: otherThemes, recentSessions: recentSessions)
    }

    private init(source: CatalogueSource, theme: Theme, otherThemes: @escaping () -> [Theme], recentSessions: [String]) {
        self.catalogueSource = source
        self.loadedThemes = [theme]
        self.otherThemes = otherThemes
        self.themeIndex = 0
        self.recentSessions = recentSessions
    }

    private func loadOtherThemes() {
        guard let load = otherThemes else { return }
        otherThemes = nil
        let current = loadedThemes[themeIndex]
        var all = load()
        if !all.contains(where: { $0.name == current.name }) { all.insert(current, at: 0) }
        loadedThemes = all
        themeIndex = all.firstIndex { $0.name == current.name } ?? 0
    }

    public var theme: Theme { loadedThemes[themeIndex] }

    /// Moves to the next theme (the theme key).
    public func nextTheme() {
        loadOtherThemes()
        themeIndex = (themeIndex + 1) % loadedThemes.count
    }
    public var triangle: Triangle { catalogue.triangle }

    public func say(_ text: String, error: Bool = false) {
        message = text
        messageIsError = error
    }
}
