import CNcursesw
import Glibc

/// Puts the terminal back the way it was found, whatever ends the program: a normal
/// quit, SIGINT/SIGTERM/SIGHUP, or a crash. Signal handlers may only make
/// async-signal-safe calls, so everything they need is prepared in advance.
enum TerminalGuard {
    /// The termios settings from before ncurses changed them.
    nonisolated(unsafe) static var savedTermios = termios()
    nonisolated(unsafe) static var hasSavedTermios = false
    /// Leave the alternate screen, reset attributes, show the cursor.
    nonisolated(unsafe) static let restoreSequence: UnsafeMutablePointer<CChar> = strdup("\u{1B}[0m\u{1B}[?1049l\u{1B}[?25h\r\n")!
    nonisolated(unsafe) static var crashMessage: UnsafeMutablePointer<CChar>? = nil
    nonisolated(unsafe) static var previousActionStorage = UnsafeMutablePointer<sigaction>.allocate(capacity: 32)

    static let quitSignals: [Int32] = [SIGINT, SIGTERM, SIGHUP]
    static let crashSignals: [Int32] = [SIGSEGV, SIGILL, SIGTRAP, SIGABRT, SIGBUS, SIGFPE]

    static func saveTermios() {
        if tcgetattr(STDIN_FILENO, &savedTermios) == 0 { hasSavedTermios = true }
    }

    /// Installs the handlers; `crashLog` is where the runtime writes a crash report.
    static func install(crashLog: String?) {
        let note = crashLog.map { "\npit stopped unexpectedly. The terminal has been restored; a crash report is in \($0)\n" }
            ?? "\npit stopped unexpectedly. The terminal has been restored.\n"
        crashMessage = strdup(note)
        for signal in quitSignals + crashSignals {
            var action = sigaction()
            action.__sigaction_handler.sa_handler = handle
            sigemptyset(&action.sa_mask)
            action.sa_flags = 0
            sigaction(signal, &action, previousActionStorage + Int(signal))
        }
    }

    /// Writes the restore sequence and the saved terminal modes. Async-signal-safe.
    static func restoreNow() {
        if hasSavedTermios { tcsetattr(STDIN_FILENO, TCSANOW, &savedTermios) }
        _ = write(STDOUT_FILENO, restoreSequence, strlen(restoreSequence))
    }

    static let handle: @convention(c) (Int32) -> Void = { signal in
        TerminalGuard.restoreNow()
        let isCrash = signal != SIGINT && signal != SIGTERM && signal != SIGHUP
        if isCrash, let message = TerminalGuard.crashMessage {
            _ = write(STDERR_FILENO, message, strlen(message))
        }
        // Hand the signal on to whoever had it before (the runtime's crash reporter for
        // faults), letting it run now rather than after this handler returns; then end
        // the process with the default action, so it never carries on after a crash
        // and its exit status still names the signal.
        if isCrash {
            sigaction(signal, TerminalGuard.previousActionStorage + Int(signal), nil)
            var only = sigset_t()
            sigemptyset(&only)
            sigaddset(&only, signal)
            sigprocmask(SIG_UNBLOCK, &only, nil)
            raise(signal)
        }
        Glibc.signal(signal, SIG_DFL)
        var only = sigset_t()
        sigemptyset(&only)
        sigaddset(&only, signal)
        sigprocmask(SIG_UNBLOCK, &only, nil)
        raise(signal)
        _exit(128 + signal)
    }
}
