import ArgumentParser
import CursesBackend
import Foundation
import Instruments
import SessionEngine
import TerminalKit
import Workshop

@main
struct Pit: ParsableCommand {
    static let version = "0.1.0"

    // Every command names itself (`commandName`): without a name swift-argument-parser
    // makes one with `String(describing:)` of the type, whose casts search every protocol
    // conformance in the binary, about a millisecond of each `pit --version` or `pit --help`.

    static let configuration = CommandConfiguration(
        commandName: "pit",
        abstract: "Run and record place-based planning workshops on reducing health inequalities.",
        discussion: """
        With no command, pit opens its home screen. The framework: the Population \
        Intervention Triangle (civic, service and community segments, place-based planning \
        at the centre, three seams) and Tool A's 10 planning steps.
        """,
        version: BuildStamp.describe(version: version),
        subcommands: [HomeCommand.self, NewCommand.self, OpenCommand.self, AssessCommand.self, MergeCommand.self, DemoCommand.self,
                      PresentCommand.self, ReportCommand.self, CompareCommand.self, ImportCommand.self, ThemesCommand.self, InstrumentsCommand.self,
                      RoomCommand.self],
        defaultSubcommand: HomeCommand.self
    )

    /// pit's entry point. As swift-argument-parser's, with three differences: closed standard
    /// descriptors are filled first; every message goes through `Console`, so control
    /// characters in arguments are shown, not obeyed; and a usage error found while a
    /// command runs shows that command's usage, not pit's.
    static func main() {
        TerminalGuard.prepareForCrashes()  // pit's own crash handling first, before anything that could crash
        Console.guardStandardStreams()
        if let start = QuickStart(arguments: Array(CommandLine.arguments.dropFirst())) {
            do {
                try start.run()
            } catch {
                finish(with: error, running: start.command)
            }
            return
        }
        let arguments = Array(CommandLine.arguments.dropFirst())
        if CommandWords.asksHelpForHelp(arguments) {
            // Written as other help is: a full or closed standard output is exit 74.
            let written = (try? Console.say(CommandWords.helpForHelp)) != nil
            Foundation.exit(written ? ExitCode.success.rawValue : ExitCode.ioError.rawValue)
        }
        if let problem = unknownHelpTopic(arguments) ?? CommandWords.unknownCommand(arguments) {
            complain(problem)
            Foundation.exit(ExitCode.usage.rawValue)
        }
        var command: ParsableCommand
        do {
            command = try parseAsRoot()
        } catch {
            finish(with: error, running: nil, hint: dashedFileHint(Array(CommandLine.arguments.dropFirst())))
        }
        do {
            try command.run()
        } catch {
            finish(with: error, running: type(of: command))
        }
    }

    static func finish(with error: Error, running: ParsableCommand.Type?, hint: String? = nil) -> Never {
        var text = fullMessage(for: error)
        let code = ExitStatus.known(error) ?? exitCode(for: error)
        if let hint, code == .usage {
            // Under the error it explains, above the usage.
            let lines = text.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false)
            text = ([String(lines[0]), hint] + lines.dropFirst().map(String.init)).joined(separator: "\n")
        }
        if let running, let validation = error as? ValidationError {
            let name = (["pit"] + commandPath(to: running)).joined(separator: " ")
            text = "Error: \(validation.message)\nUsage: \(usageString(for: running))\n  See '\(name) --help' for more information."
        }
        if !text.isEmpty {
            if code != .success {
                Console.error(text)
            } else if (try? Console.say(text)) == nil {
                // Help or the version that could not be written (a full or closed standard
                // output) is an I/O error, as every other command's output is; `say` said why.
                Foundation.exit(ExitCode.ioError.rawValue)
            }
        }
        Foundation.exit(code.rawValue)
    }

    /// Why `pit help WORDS` cannot be answered: it names a command there is not.
    /// swift-argument-parser showed pit's own help for it and exited 0, as if it had been
    /// answered. nil when every word names a command (or there are none).
    static func unknownHelpTopic(_ arguments: [String]) -> String? {
        guard arguments.first == "help" else { return nil }
        var command: ParsableCommand.Type = Pit.self
        var path = ["pit"]
        for word in arguments.dropFirst() where !word.hasPrefix("-") {
            let subcommands = command.configuration.subcommands
            let names = subcommands.map { $0.configuration.commandName ?? "" }
            guard let found = names.firstIndex(of: word) else {
                let offer = names.isEmpty ? "" : "; the commands of `\(path.joined(separator: " "))` are \(names.joined(separator: ", "))"
                return "there is no command `\((path + [word]).joined(separator: " "))`\(offer). See `\(path.joined(separator: " ")) --help`"
            }
            command = subcommands[found]
            path.append(word)
        }
        return nil
    }

    /// A file name that starts with "-" is read as an option, and swift-argument-parser then
    /// says the file is missing (`pit report -lead.pit`). When the command line parses with
    /// such a word written as a path instead, say how to write it; nil otherwise.
    static func dashedFileHint(_ arguments: [String]) -> String? {
        // "-o" and other short options are two characters; a file name is longer.
        for (index, word) in arguments.enumerated() where word.hasPrefix("-") && !word.hasPrefix("--") && word.count > 2 {
            var asPath = arguments
            asPath[index] = "./" + word
            if (try? parseAsRoot(asPath)) != nil {
                return "If \(word) is a file, write it as ./\(word), or put -- before it: a word that starts with - is read as an option."
            }
        }
        return nil
    }

    /// The subcommand names from pit down to `target` (["instruments", "list"]).
    static func commandPath(to target: ParsableCommand.Type, from root: ParsableCommand.Type = Pit.self) -> [String] {
        for sub in root.configuration.subcommands {
            let name = sub.configuration.commandName ?? String(describing: sub).lowercased()
            if sub == target { return [name] }
            let below = commandPath(to: target, from: sub)
            if !below.isEmpty { return [name] + below }
        }
        return []
    }
}

/// Builds the shared context for the screens.
/// - Parameter catalogueWhenNeeded: leave the catalogue's content in the cache until a
///   screen first asks for it (the home screen's first frame needs none of it).
func makeContext(_ settings: FrameworkSettings, catalogueWhenNeeded: Bool = false) throws -> WorkshopContext {
    let deferred = try settings.openCatalogue(contentWhenNeeded: catalogueWhenNeeded)
    guard catalogueWhenNeeded else { return try makeContext(settings, made: try settings.ready(deferred)) }
    return try makeContext(settings, catalogue: { catalogueOrExit(deferred) }, problems: deferred.problems)
}

/// The same, for a command that has made the catalogue already (and reported its problems).
func makeContext(_ settings: FrameworkSettings, made catalogue: Catalogue) throws -> WorkshopContext {
    try makeContext(settings, catalogue: { catalogue }, problems: catalogue.problems)
}

private func makeContext(_ settings: FrameworkSettings, catalogue: @escaping () -> Catalogue,
                         problems: [Diagnostic]) throws -> WorkshopContext {
    let context = try settings.makeContext(catalogue: catalogue)
    context.bellEnabled = !settings.noBell
    // Problems were printed before the screens took over; say so on the first screen too.
    if let first = problems.first {
        let more = problems.count > 1 ? " (and \(problems.count - 1) more; see `pit instruments list`)" : ""
        let place = "\(URL(fileURLWithPath: first.file).lastPathComponent):\(first.line)"
        context.say("Skipped: \(place): \(first.message)\(more)", error: true)
    }
    return context
}

/// The catalogue for a screen that asks for it. Failing there (a file made unreadable
/// since the cache was written, and the cache damaged) hands the terminal back, says why
/// and ends pit with the code the same failure has before the screens.
private func catalogueOrExit(_ deferred: DeferredCatalogue) -> Catalogue {
    do {
        return try deferred.catalogue()
    } catch {
        TerminalGuard.restoreForExit()
        complain("\(error)")
        exit(ExitStatus.code(for: error).rawValue)
    }
}

/// Runs the screens, turning terminal problems into clear messages and exit codes.
func runScreens(_ app: inout App, idle: () -> Bool = { false }) throws {
    do {
        try InteractiveRunner.run(&app, idle: idle)
    } catch let error as CustomStringConvertible & Error {
        complain(error.description)
        throw ExitCode.unavailable
    }
}

struct HomeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "home", abstract: "Open the home screen (the default).")
    @OptionGroup var options: GlobalOptions
    /// Where a room opened with J listens, for whichever session is opened from here.
    @OptionGroup var roomOptions: RoomOptions

    func run() throws {
        try Self.home(settings: options.settings, place: roomOptions.place)
    }

    /// `pit home`, parsed or not (`QuickStart`).
    static func home(settings: FrameworkSettings, place: RoomPlace) throws {
        let context = try makeContext(settings, catalogueWhenNeeded: true)
        context.recentSessions = RecentSessions.list()
        let launcher = HomeLauncher(context: context, author: SessionFiles.author(nil), place: place)
        context.sessionActions = { launcher.start($0) }
        var app = App(root: HomeScreen(), context: context)
        defer { context.liveRoom?.close() }   // a room opened with J ends with pit
        try runScreens(&app) {
            let sessionChanged = context.refreshSession()
            return context.noteRoomChanges() || sessionChanged
        }
        if let session = context.session, launcher.isRemembered(session.store.path) {
            SessionPlaces.remember(app.lastPlace, for: session.store.path)
        }
        context.session?.store.close()
        var lost = launcher.leftUnsaved
        if let last = context.session.flatMap(LostChange.init) { lost.append(last) }
        launcher.cleanUp()
        try LostChange.tellTheShell(lost)
    }
}

/// What the home screen's session items do: create, open or try a session.
final class HomeLauncher {
    let context: WorkshopContext
    let author: String
    /// Where the live room listens when J opens it.
    let place: RoomPlace
    /// Demo sessions started from the home screen, deleted when pit ends.
    private var demoFolders: [URL] = []
    /// Leaving a session whose last change was refused was asked once (`start`).
    private var droppingUnsavedAsked = false
    /// What the sessions left behind that way lost, for the shell when pit ends.
    private(set) var leftUnsaved: [LostChange] = []

    init(context: WorkshopContext, author: String, place: RoomPlace = RoomPlace()) {
        self.context = context
        self.author = author
        self.place = place
    }

    func start(_ item: HomeScreen.Item) -> Navigation {
        // The open session's last change was refused: moving to another would drop it
        // unseen, as quitting did. The first try says so; a second goes on without it.
        if let session = context.session, session.writeFailed, !droppingUnsavedAsked {
            droppingUnsavedAsked = true
            let retry = session.retryAdvice.map { " (\($0))" } ?? ""
            context.say("The last change in \(session.store.url.lastPathComponent) was NOT saved: \(session.failureReason ?? "the file refused it"). Go back to it\(retry), or choose this again to leave it unsaved", error: true)
            return .stay
        }
        droppingUnsavedAsked = false
        // Said on the shell when pit ends: written now, it would land in the screens.
        if let lost = context.session.flatMap(LostChange.init) { leftUnsaved.append(lost) }
        switch item {
        case .open(let path):
            do {
                adopt(try SessionStore.open(at: URL(fileURLWithPath: path), scales: context.catalogue.scaleLevels))
                return .pushAll(context.session!.resumeScreens(catalogue: context.catalogue, place: SessionPlaces.place(for: path)))
            } catch {
                context.say("\(error)", error: true)
                return .stay
            }
        case .demo:
            do {
                let file = try temporaryDemoFile()
                demoFolders.append(file.deletingLastPathComponent())
                adopt(try makeDemo(at: file, catalogue: context.catalogue), remember: false)
                context.session?.reportsFolder = FileManager.default.currentDirectoryPath
                return .push(TriangleScreen())
            } catch {
                context.say("\(error)", error: true)
                return .stay
            }
        case .newSession:
            return .push(PromptScreen("New workshop session", fields: [
                .init("Title", hint: "e.g. Healthier Northbridge"),
                .init("Place", required: false),
                .init("Groups", hint: "comma-separated; add :la :nhs :vcse :residents for sectors", required: false),
                .init("Instruments", hint: "comma-separated ids, e.g. tool-a,tool-c", value: "tool-a"),
                .init("Facilitator", value: author),
                .init("Plan", hint: "optional: " + PlanFiles.builtInNames().joined(separator: ", ") + ", or a .yaml file", required: false),
                .init("File", hint: "where to save it", value: "", required: false),
            ], over: HomeScreen(), then: TriangleScreen()) { [self] values in
                do {
                    let groups = try parseGroups(values[2])
                    var instruments = try instrumentIDs(values[3], catalogue: context.catalogue)
                    let facilitator = values[4].isEmpty ? author : values[4]
                    let plan = values[5].isEmpty ? nil : try PlanFiles.read(values[5], catalogue: context.catalogue)
                    for item in plan?.items ?? [] where !instruments.contains(item.instrument) { instruments.append(item.instrument) }
                    let path = values[6].isEmpty ? SessionFiles.defaultFileName(for: values[0]) : values[6]
                    if let problem = SessionFiles.newSessionPathProblem(path) { return problem }
                    let info = SessionInfo(title: values[0], place: values[1], date: SessionFiles.today(), facilitator: facilitator,
                                           instruments: instruments, mode: .workshop)
                    let store = try createWorkshopSession(at: path, info: info, groups: groups, author: facilitator, plan: plan,
                                                          scales: context.catalogue.scaleLevels)
                    adopt(store)
                    let first = instruments.first.flatMap { context.catalogue.instrument($0)?.short } ?? "Tool A"
                    context.say("Created \(path). Who should be in the room: open \(first)'s steps and press i")
                    return nil
                } catch let error as ValidationError {
                    return error.message
                } catch {
                    return "\(error)"
                }
            })
        default:
            return .stay
        }
    }

    /// Makes `store` the session on the screens, with its own live room (`J`), as
    /// `pit open` has; a room open on the previous session closes with it.
    private func adopt(_ store: SessionStore, remember: Bool = true) {
        context.liveRoom?.close()
        context.session?.store.close()
        context.session = SessionController(store: store, author: author)
        context.liveRoom = RoomLink(file: store.url, catalogue: context.catalogue, place: place)
        if remember {
            RecentSessions.remember(store.path)
            context.recentSessions = RecentSessions.list()
        }
    }

    /// A session opened or created from here (not a throwaway demo).
    func isRemembered(_ path: String) -> Bool { !demoFolders.contains { path.hasPrefix($0.path) } }

    func cleanUp() {
        for folder in demoFolders { try? FileManager.default.removeItem(at: folder) }
    }
}

struct ThemesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "themes", abstract: "Colour themes.",
                                                    subcommands: [List.self], defaultSubcommand: List.self)
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List the available themes.")
        @OptionGroup var options: GlobalOptions
        func run() throws {
            let (themes, skippedAny) = try options.settings.loadThemesNotingSkipped()
            for theme in themes {
                try Console.say("\(theme.name.padding(toLength: 12, withPad: " ", startingAt: 0)) \(theme.summary)")
            }
            // As `pit instruments list`: the list is whole, but a broken file is bad data.
            if skippedAny { throw ExitCode.dataError }
        }
    }
}
