import ArgumentParser
import Escaping
import Foundation
import Room
import SessionEngine

/// `--bind` and `--port`: for `pit room`, and for the commands whose screens open the room with `J`
/// (`pit home`, `open`, `new`, `demo`).
struct RoomOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The address to listen on: 0.0.0.0 is every network this laptop is on; 127.0.0.1 only this machine.",
                               valueName: "ADDR"))
    var bind = "0.0.0.0"
    @Option(help: ArgumentHelp("The port to listen on (default: 8080, or the next free one up to 8089).", valueName: "N"))
    var port: Int?

    var place: RoomPlace { RoomPlace(bind: bind, port: port) }

    func validate() throws {
        if let port, !(0...65535).contains(port) { throw ValidationError("--port must be between 0 (any free port) and 65535 (got \(port))") }
    }
}

/// Starts a room, turning failures into clear messages and sysexits codes: 75 when the
/// port is taken (try again, or another port), 69 when it cannot listen at all.
func startRoom(file: String, settings: FrameworkSettings, roomOptions: RoomOptions,
               activity: (@Sendable (String) -> Void)? = nil) throws -> RunningRoom {
    let catalogue = try settings.loadCatalogue()
    do {
        return try RunningRoom.start(file: URL(fileURLWithPath: file), catalogue: catalogue, place: roomOptions.place, activity: activity)
    } catch let error as RoomServerError {
        switch error {
        case .portInUse(_, let port) where roomOptions.port == nil:
            complain("ports \(RoomPlace.defaultPort)-\(RoomPlace.fallbackPorts.upperBound) are all in use; choose one with --port (last tried \(port))")
        default:
            complain("\(error)")
        }
        throw ExitStatus.code(for: error)
    } catch {
        complain("\(error)")
        throw ExitStatus.code(for: error)
    }
}

struct RoomCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "room",
        abstract: "Serve a session's live room without screens: groups score from their own phones and laptops.",
        discussion: """
        Prints the address, the room code and a QR code, then serves until Ctrl-C. Run it \
        beside the facilitator's screens on the same file (`pit open FILE`), or use `J` \
        there instead to serve from the same process. Plain HTTP: use it on the meeting \
        room's own network (see docs/room.md).
        """)
    @OptionGroup var options: GlobalOptions
    @OptionGroup var roomOptions: RoomOptions
    @Argument(help: "The session file (.pit).", transform: FileArgument.named) var file: String

    func run() throws {
        let interrupt = Interrupt()
        let running = try startRoom(file: file, settings: options.settings, roomOptions: roomOptions) { line in say(line) }
        say("Room open for \(file)")
        say("Address:   \(running.address)")
        say("Room code: \(running.room.code.spaced)")
        if let qr = running.qr {
            say("")
            for line in QRPrinting.lines(qr, environment: ProcessInfo.processInfo.environment, toTerminal: isatty(STDOUT_FILENO) == 1) {
                Console.noteAsIs(line)  // pit's own colours for the code, nothing from a file
            }
            say("")
        }
        if roomOptions.bind == "0.0.0.0", running.address.hasPrefix("http://127.0.0.1") {
            say("No network found: only this machine can join. Connect to the room's network and start again.")
        }
        say("Joins and leaves are shown below. Ctrl-C closes the room.")
        interrupt.wait()
        running.stop()
        say("Room closed.")
    }
}

/// How `pit room` prints its QR code. On a terminal with colours: dark modules in black
/// on white, whatever the terminal's own colours (phone readers refuse a code drawn light
/// on dark, which a light terminal would give). Otherwise (a pipe, a log, NO_COLOR, a dumb
/// terminal): plain half blocks for the usual light-on-dark terminal.
enum QRPrinting {
    static func lines(_ qr: QRCode, environment: [String: String], toTerminal: Bool) -> [String] {
        let term = environment["TERM"] ?? ""
        let colour = toTerminal && !NoColour.isRequested(environment["NO_COLOR"]) && !term.isEmpty && term != "dumb"
        guard colour else { return qr.halfBlockLines(quiet: 2) }
        // 16 and 231 are exact black and white; terminal themes remap only the first 16 colours.
        let blackOnWhite = term.contains("256color") ? "\u{1B}[38;5;16m\u{1B}[48;5;231m" : "\u{1B}[30;107m"
        return qr.halfBlockLines(quiet: 2, invert: true).map { blackOnWhite + $0 + "\u{1B}[0m" }
    }
}

/// One line on standard output, written at once (a log watcher sees joins as they happen).
/// A group's name comes from a session file, so control characters are made visible and
/// a line break in it cannot start a line of its own. A failed write (a closed pipe, a
/// full disk) does not close the room: the devices in it carry on.
func say(_ line: String) {
    Console.note(Escape.lines(line).joined(separator: " / "))
}

/// SIGINT, SIGTERM and SIGHUP, taken from the moment this is made, so a Ctrl-C pressed as
/// the room's first lines appear is not lost. A closed window (HUP) closes the room as
/// Ctrl-C does: the scores being committed finish, and the room's presence is cleared at
/// once rather than going stale for the facilitator's screens.
final class Interrupt {
    private let stop = DispatchSemaphore(value: 0)
    private var sources: [DispatchSourceSignal] = []

    init() {
        for signalNumber in [SIGINT, SIGTERM, SIGHUP] {
            signal(signalNumber, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
            source.setEventHandler { [stop] in stop.signal() }
            source.resume()
            sources.append(source)
        }
    }

    /// Blocks until one of the signals has come (at once if one came already).
    func wait() {
        stop.wait()
        for source in sources { source.cancel() }
    }
}
