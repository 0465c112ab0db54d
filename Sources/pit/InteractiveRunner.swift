import CursesBackend
import DiskCache
import Foundation
import TerminalKit
import Workshop

/// The loop that connects the pure App to the real terminal.
enum InteractiveRunner {
    /// Where a crash report goes: pit's own handlers write the signal and the stack
    /// there (the runtime's interactive crash prompt would leave a projector stuck).
    static func crashLogPath() -> String? {
        let folder = Resources.stateDirectoryPath
        return Folders.make(folder) ? Resources.joined(folder, "crash-\(getpid()).log") : nil
    }

    /// How often to wake with no key, to notice another process's changes.
    static let idleMilliseconds: Int32 = 250
    /// Keys handled between two frames at most, so a long paste still shows progress.
    static let maxKeysPerFrame = 256

    /// One key for the App; a resize first tells it the new size (ncurses has taken the
    /// new size by the time it reports the resize).
    private static func take(_ key: Key, into app: inout App, from terminal: CursesTerminal) {
        if key == .resize { app.resize(to: terminal.size) }
        app.handle(key)
    }

    static func run(_ app: inout App, idle: () -> Bool = { false }) throws {
        let crashLog = crashLogPath()
        let noColour = NoColour.isRequested(Resources.environment("NO_COLOR"))
        let terminal = try CursesTerminal(theme: app.context.theme, noColour: noColour, crashLog: crashLog)
        defer { terminal.shutdown() }
        app.context.coloursOff = terminal.depth == .none
        var themeName = app.context.theme.name
        var needsDraw = true
        while !app.shouldQuit {
            if app.context.theme.name != themeName {
                terminal.setTheme(app.context.theme)
                themeName = app.context.theme.name
            }
            if app.context.needsFullRedraw {
                terminal.invalidate()
                app.context.needsFullRedraw = false
            }
            if terminal.size != app.size { app.resize(to: terminal.size) }
            if needsDraw { terminal.draw(app.render(size: app.size, glyphs: terminal.glyphs)) }
            if let key = terminal.readKey(timeoutMilliseconds: idleMilliseconds) {
                take(key, into: &app, from: terminal)
                // Take every key already typed or pasted before painting again, so a fast
                // typist never waits for frames that would be out of date at once.
                var taken = 1
                while !app.shouldQuit, taken < maxKeysPerFrame, let next = terminal.readKey(timeoutMilliseconds: 0) {
                    take(next, into: &app, from: terminal)
                    taken += 1
                }
                needsDraw = true
            } else {
                needsDraw = idle()
                app.publishFocus()
                if app.countdownJustEnded() { terminal.bell() }
                // A running countdown redraws so its seconds move.
                if app.context.session?.timer?.isRunning == true { needsDraw = true }
            }
        }
    }
}
