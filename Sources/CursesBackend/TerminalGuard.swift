import CNcursesw
import Glibc
import ProcessEnd

/// Puts the terminal back the way it was found, whatever ends the program: a normal
/// quit, any signal whose default is to end the process, or a crash (a stack overflow
/// too: the handler runs on its own stack). And no crash ever reaches the Swift
/// runtime's backtracer, which on a terminal stops at a prompt for 30 seconds.
///
/// A signal handler may only make async-signal-safe calls: it must not allocate, take a
/// lock or initialise anything. So everything it reads is made beforehand, in
/// `prepareForCrashes` (at start-up) and `enterScreens` (once curses is up), before the
/// handlers that read it are installed; the handler itself only reads those values and
/// calls write, open, close, tcsetattr, sigaction, sigprocmask, raise and _exit (plus
/// backtrace, whose unwinder is loaded in advance, and QuitHold's atomic operations).
public enum TerminalGuard {
    /// Signals that end a process by default (and are not crashes): the terminal is
    /// restored, then the signal's default action ends pit, so the exit status names it.
    static let quitSignals: [Int32] = [SIGINT, SIGTERM, SIGHUP, SIGPIPE, SIGUSR1, SIGUSR2, SIGALRM,
                                       SIGXCPU, SIGXFSZ, SIGVTALRM, SIGPROF, SIGIO, SIGSTKFLT, SIGPWR]
    /// Signals of a fault in pit: the terminal is restored and a crash report written.
    static let crashSignals: [Int32] = [SIGSEGV, SIGILL, SIGTRAP, SIGABRT, SIGBUS, SIGFPE, SIGSYS]

    /// A switch, not a lookup in the array above: nothing in the handler touches Swift objects.
    static func isCrash(_ signal: Int32) -> Bool {
        switch signal {
        case SIGSEGV, SIGILL, SIGTRAP, SIGABRT, SIGBUS, SIGFPE, SIGSYS: true
        default: false
        }
    }

    /// Room for the handler to run when the fault is that the stack is full.
    static let alternateStackSize = 256 * 1024

    // Read by the handler; each is set before the handler that reads it is installed.
    nonisolated(unsafe) static var savedTermios = termios()
    nonisolated(unsafe) static var hasSavedTermios = false
    /// Whether curses owns the terminal now (only then is there anything to restore).
    nonisolated(unsafe) static var screensActive = false
    /// The terminal's own strings (terminfo) that end curses mode, joined, padding removed.
    nonisolated(unsafe) static var restoreSequence: UnsafeMutablePointer<CChar>? = nil
    nonisolated(unsafe) static var restoreLength = 0
    nonisolated(unsafe) static var crashMessage: UnsafeMutablePointer<CChar>? = nil
    nonisolated(unsafe) static var crashMessageLength = 0
    /// Where a crash report goes on the screens; nil: the stack goes to standard error.
    nonisolated(unsafe) static var crashLogPath: UnsafeMutablePointer<CChar>? = nil
    nonisolated(unsafe) static var frames: UnsafeMutablePointer<UnsafeMutableRawPointer?>? = nil
    nonisolated(unsafe) static var reportPrefix: UnsafeMutablePointer<CChar>? = nil
    nonisolated(unsafe) static var digitBuffer: UnsafeMutablePointer<CChar>? = nil
    nonisolated(unsafe) static var alternateStack: UnsafeMutableRawPointer? = nil

    /// How deep the start-up backtrace goes to have the C library load its unwinder. From
    /// glibc 2.34 a depth of 0 loads it and unwinds nothing; a frame of pit's would have
    /// the unwinder search pit's table of 139,000 frame descriptions, whose pages (with
    /// the 15 Linux maps around each) stayed resident: half a megabyte of `pit open`.
    /// Older versions return before loading it when asked for no frame.
    static var unwinderLoadingDepth: Int32 {
        var name = [CChar](repeating: 0, count: 32)
        guard confstr(Int32(_CS_GNU_LIBC_VERSION), &name, name.count) > 0 else { return 1 }
        return unwinderLoadingDepth(libcVersion: name)
    }

    /// The depth for a C library that names itself `libcVersion` ("glibc 2.36", as `confstr`
    /// writes it).
    static func unwinderLoadingDepth(libcVersion: [CChar]) -> Int32 {
        // The two numbers after the space, read digit by digit: no generic parsing this early.
        var numbers = [0, 0], which = -1
        for character in libcVersion {
            if character == 0x20 { which = 0 } else if character == 0x2E, which == 0 { which = 1 }
            else if which >= 0, (0x30...0x39).contains(character) { numbers[which] = numbers[which] * 10 + Int(character - 0x30) }
            else if which >= 0 { break }
        }
        return (numbers[0], numbers[1]) >= (2, 34) ? 0 : 1
    }

    /// Replaces the runtime's crash handling with pit's, for every command. Call first
    /// thing in main, so that even a crash before the screens open never waits at the
    /// runtime's prompt, whatever SWIFT_BACKTRACE says (the runtime reads it only at start-up).
    public static func prepareForCrashes() {
        guard frames == nil else { return }
        let stackFrames = UnsafeMutablePointer<UnsafeMutableRawPointer?>.allocate(capacity: 128)
        frames = stackFrames
        reportPrefix = strdup("pit crashed with signal ")
        digitBuffer = UnsafeMutablePointer<CChar>.allocate(capacity: 17)
        setCrashMessage("\npit stopped unexpectedly; the stack follows, for a bug report.\n")
        // backtrace() loads its unwinder on first use, which may allocate: do it now, not in a handler.
        _ = backtrace(stackFrames, unwinderLoadingDepth)
        // A stack overflow leaves no stack for the handler: give it one of its own.
        alternateStack = UnsafeMutableRawPointer.allocate(byteCount: alternateStackSize, alignment: 16)
        var stack = stack_t()
        stack.ss_sp = alternateStack
        stack.ss_size = alternateStackSize
        stack.ss_flags = 0
        sigaltstack(&stack, nil)
        // Touch every value the handler reads, so that none is first initialised inside it.
        _ = (savedTermios, hasSavedTermios, screensActive, restoreSequence, restoreLength, crashLogPath)
        QuitHold.prepare()
        for signal in crashSignals { setHandler(signal, handler: pitHandleSignal) }
        // Ctrl-\ outside the screens ends pit the plain way, without the runtime's backtracer.
        setDisposition(SIGQUIT, SIG_DFL)
    }

    static func saveTermios() {
        if tcgetattr(STDIN_FILENO, &savedTermios) == 0 { hasSavedTermios = true }
    }

    /// Curses is up: prepares the restore strings from terminfo and installs the handlers
    /// for every signal that would end pit. `crashLog` is where a crash report goes.
    static func enterScreens(crashLog: String?) {
        prepareForCrashes()
        var restore = ""
        for name in ["sgr0", "rmkx", "BD", "cnorm", "rmcup"] { restore += terminfoString(name) ?? "" }
        // Each new value is in place before the old one is freed: a handler never reads freed memory.
        let sequence = strdup(restore + "\r\n")!
        let previousSequence = restoreSequence, previousPath = crashLogPath
        restoreLength = 0
        restoreSequence = sequence
        restoreLength = strlen(sequence)
        crashLogPath = crashLog.map { strdup($0) }
        free(previousSequence)
        free(previousPath)
        setCrashMessage(crashLog.map { "\npit stopped unexpectedly. The terminal has been restored; a crash report is in \($0)\n" }
                        ?? "\npit stopped unexpectedly. The terminal has been restored.\n")
        screensActive = true
        for signal in quitSignals { setHandler(signal, handler: pitHandleSignal) }
        // Ctrl-\ would end pit with a core dump over the projected screen: on the screens it does nothing.
        setDisposition(SIGQUIT, SIG_IGN)
    }

    /// Curses has handed the terminal back: signals end pit in their default way again.
    static func leaveScreens() {
        screensActive = false
        for signal in quitSignals { setDisposition(signal, SIG_DFL) }
        setDisposition(SIGQUIT, SIG_DFL)
    }

    /// A terminfo string capability of the current terminal with its padding ("$<5>")
    /// removed, or nil when the terminal has none.
    static func terminfoString(_ name: String) -> String? {
        guard let value = tigetstr(name), Int(bitPattern: value) != -1 else { return nil }
        return withoutPadding(String(cString: value))
    }

    /// terminfo delays are written "$<n>" (with * or /) and are for tputs, not the terminal.
    /// Read as bytes: Foundation's `range(of:)` and a generic join cost more on the way to
    /// the first frame than everything else here.
    static func withoutPadding(_ text: String) -> String {
        let bytes = Array(text.utf8)
        var kept: [UInt8] = []
        kept.reserveCapacity(bytes.count)
        var at = 0
        while at < bytes.count {
            if bytes[at] == UInt8(ascii: "$"), at + 1 < bytes.count, bytes[at + 1] == UInt8(ascii: "<"),
               let end = bytes[(at + 2)...].firstIndex(of: UInt8(ascii: ">")) {
                at = end + 1
                continue
            }
            kept.append(bytes[at])
            at += 1
        }
        return String(decoding: kept, as: UTF8.self)
    }

    private static func setCrashMessage(_ text: String) {
        let message = strdup(text)!
        let previous = crashMessage
        crashMessageLength = 0
        crashMessage = message
        crashMessageLength = strlen(message)
        free(previous)
    }

    private static func setHandler(_ signal: Int32, handler: @convention(c) (Int32) -> Void) {
        var action = sigaction()
        action.__sigaction_handler.sa_handler = handler
        // No other signal interrupts the restore; the handler runs on its own stack.
        sigfillset(&action.sa_mask)
        action.sa_flags = Int32(SA_ONSTACK)
        sigaction(signal, &action, nil)
    }

    private static func setDisposition(_ signal: Int32, _ disposition: __sighandler_t?) {
        var action = sigaction()
        action.__sigaction_handler.sa_handler = disposition
        sigemptyset(&action.sa_mask)
        action.sa_flags = 0
        sigaction(signal, &action, nil)
    }

    /// Hands the terminal back at once, for a clean exit from the middle of the screens
    /// (a failure with nothing left to save): what the crash handler does, without a crash.
    public static func restoreForExit() {
        restoreNow()
        leaveScreens()
    }

    /// Writes the restore strings and the saved terminal modes. Async-signal-safe.
    static func restoreNow() {
        guard screensActive else { return }
        if hasSavedTermios { tcsetattr(STDIN_FILENO, TCSANOW, &savedTermios) }
        if let restoreSequence { _ = write(STDOUT_FILENO, restoreSequence, restoreLength) }
    }

    /// The signal and the raw stack, written with async-signal-safe calls only, to the
    /// crash log on the screens, else to standard error.
    static func writeCrashReport(_ signal: Int32) {
        guard let frames, let reportPrefix, let digitBuffer else { return }
        var fd = STDERR_FILENO
        if screensActive, let crashLogPath {
            fd = open(crashLogPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
            guard fd >= 0 else { return }
        }
        _ = write(fd, reportPrefix, strlen(reportPrefix))
        // The signal number, formatted into a buffer made before any crash (no allocation here).
        var n = signal, length = 0
        repeat { digitBuffer[15 - length] = CChar(48 + n % 10); n /= 10; length += 1 } while n > 0 && length < 15
        digitBuffer[16] = 10
        _ = write(fd, digitBuffer + 16 - length, length + 1)
        let count = backtrace(frames, 128)
        backtrace_symbols_fd(frames, count, fd)
        if fd != STDERR_FILENO { close(fd) }
    }
}

/// The one signal handler. A plain function (no closure, no captures, nothing lazy);
/// see TerminalGuard for what it may touch.
private func pitHandleSignal(_ signal: Int32) {
    // A change being committed is finished first; its end raises the signal again.
    if !TerminalGuard.isCrash(signal), QuitHold.holds(signal) { return }
    TerminalGuard.restoreNow()
    if TerminalGuard.isCrash(signal) {
        if let message = TerminalGuard.crashMessage { _ = write(STDERR_FILENO, message, TerminalGuard.crashMessageLength) }
        TerminalGuard.writeCrashReport(signal)
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
