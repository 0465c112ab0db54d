import Foundation
import Instruments
import SessionEngine
import TerminalKit

/// What every screen can reach: the framework content, the themes and, once a session
/// is open, the session. A reference type so that screens (values) share one copy.
public final class WorkshopContext {
    public let catalogue: Catalogue
    public var themes: [Theme]
    public var themeIndex: Int
    /// One line shown in the status bar until the next key (e.g. "Saved", an error).
    public var message: String?
    public var messageIsError = false
    /// The open session, if any; the framework screens work without one.
    public var session: SessionController?
    /// Starts or opens a session from the home screen; set once sessions are available.
    public var sessionActions: ((HomeScreen.Item) -> Navigation)?
    /// Set by Ctrl-L: the backend repaints every cell on the next frame.
    public var needsFullRedraw = false
    /// Times on screen are shown in this zone (the machine's, unless a test fixes it).
    public var timeZone = TimeZone.current
    /// How many lines the last matrix view drawn had, so its scrolling stops at the end.
    var matrixRowCount = 1
    /// The size of the body area at the last frame; scrolling screens clamp to it.
    public var viewSize = Size(width: 80, height: 22)
    /// The live room (devices scoring over the local network), when pit can serve one.
    public var liveRoom: LiveRoomLink?
    /// Recently opened session files, newest first, for the home screen.
    public var recentSessions: [String]

    public init(catalogue: Catalogue, themes: [Theme], themeName: String? = nil, recentSessions: [String] = []) {
        self.catalogue = catalogue
        let available = themes.isEmpty ? [Theme.plain] : themes
        self.themes = available
        self.themeIndex = themeName.flatMap { name in available.firstIndex { $0.name == name } } ?? 0
        self.recentSessions = recentSessions
    }

    public var theme: Theme { themes[themeIndex] }
    public var triangle: Triangle { catalogue.triangle }

    public func say(_ text: String, error: Bool = false) {
        message = text
        messageIsError = error
    }
}
