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
    /// Where a crash report goes, as a C string prepared before any crash.
    nonisolated(unsafe) static var crashLogPath: UnsafeMutablePointer<CChar>? = nil
    nonisolated(unsafe) static let frames = UnsafeMutablePointer<UnsafeMutableRawPointer?>.allocate(capacity: 128)
    nonisolated(unsafe) static let reportPrefix: UnsafeMutablePointer<CChar> = strdup("pit crashed with signal ")!
    nonisolated(unsafe) static let digitBuffer = UnsafeMutablePointer<CChar>.allocate(capacity: 17)

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
        crashLogPath = crashLog.map { strdup($0) }
        // backtrace() loads its unwinder on first use, which may allocate: do it now, not in a handler.
        _ = backtrace(frames, 1)
        _ = (reportPrefix, digitBuffer)  // make the lazily initialised statics now
        for signal in quitSignals + crashSignals {
            var action = sigaction()
            action.__sigaction_handler.sa_handler = handle
            sigemptyset(&action.sa_mask)
            action.sa_flags = 0
            sigaction(signal, &action, nil)
        }
    }

    /// Writes the restore sequence and the saved terminal modes. Async-signal-safe.
    static func restoreNow() {
        if hasSavedTermios { tcsetattr(STDIN_FILENO, TCSANOW, &savedTermios) }
        _ = write(STDOUT_FILENO, restoreSequence, strlen(restoreSequence))
    }

    /// The signal and the raw stack, written with async-signal-safe calls only.
    static func writeCrashReport(_ signal: Int32) {
        guard let path = crashLogPath else { return }
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { return }
        _ = write(fd, reportPrefix, strlen(reportPrefix))
        // The signal number, formatted into a buffer made before any crash (no allocation here).
        var n = signal, length = 0
        repeat { digitBuffer[15 - length] = CChar(48 + n % 10); n /= 10; length += 1 } while n > 0 && length < 15
        digitBuffer[16] = 10
        _ = write(fd, digitBuffer + 16 - length, length + 1)
        let count = backtrace(frames, 128)
        backtrace_symbols_fd(frames, count, fd)
        close(fd)
    }

    static let handle: @convention(c) (Int32) -> Void = { signal in
        TerminalGuard.restoreNow()
        let isCrash = signal != SIGINT && signal != SIGTERM && signal != SIGHUP
        if isCrash {
            TerminalGuard.writeCrashReport(signal)
            if let message = TerminalGuard.crashMessage { _ = write(STDERR_FILENO, message, strlen(message)) }
        }
        // End with the signal's default action, so the exit status still names it and the
        // process never carries on after a crash (nor stops at a debugger prompt).
        Glibc.signal(signal, SIG_DFL)
        var only = sigset_t()
        sigemptyset(&only)
        sigaddset(&only, signal)
        sigprocmask(SIG_UNBLOCK, &only, nil)
        raise(signal)
        _exit(128 + signal)
    }
}
