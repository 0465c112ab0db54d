import CursesBackend
import Foundation
import TerminalKit
import Workshop

/// The loop that connects the pure App to the real terminal.
enum InteractiveRunner {
    /// The Swift runtime reads its crash-report settings only at start-up. Before the
    /// screens take over, pit re-executes itself once with a non-interactive report
    /// written to a file, so a crash never leaves a projector at a debugger prompt.
    static func prepareCrashReports() -> String? {
        let env = ProcessInfo.processInfo.environment
        let log = Resources.stateDirectory.appendingPathComponent("crash-\(getpid()).log").path
        if let setting = env["SWIFT_BACKTRACE"] {
            return setting.contains("output-to=") ? env["PIT_CRASH_LOG"] : nil
        }
        try? FileManager.default.createDirectory(at: Resources.stateDirectory, withIntermediateDirectories: true)
        setenv("SWIFT_BACKTRACE", "enable=yes,interactive=no,color=no,output-to=\(log)", 1)
        setenv("PIT_CRASH_LOG", log, 1)
        // Exec the resolved path rather than /proc/self/exe so the process keeps its name.
        let executable = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        execv(executable, CommandLine.unsafeArgv)
        // exec failed (no /proc): carry on without the file; the handlers still restore the terminal.
        unsetenv("SWIFT_BACKTRACE")
        return nil
    }

    /// How often to wake with no key, to notice another process's changes.
    static let idleMilliseconds: Int32 = 250

    static func run(_ app: inout App, idle: () -> Bool = { false }) throws {
        let crashLog = prepareCrashReports()
        let noColour = ProcessInfo.processInfo.environment["NO_COLOR"].map { !$0.isEmpty } ?? false
        let terminal = try CursesTerminal(theme: app.context.theme, noColour: noColour, crashLog: crashLog)
        defer { terminal.shutdown() }
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
            if needsDraw { terminal.draw(app.render(size: terminal.size, glyphs: terminal.glyphs)) }
            if let key = terminal.readKey(timeoutMilliseconds: idleMilliseconds) {
                app.handle(key)
                needsDraw = true
            } else {
                needsDraw = idle()
            }
        }
    }
}
