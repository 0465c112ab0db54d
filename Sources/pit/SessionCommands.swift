import ArgumentParser
import DiskCache
import Foundation
import Instruments
import Room
import SessionEngine
import Workshop

/// Opens the screens on a session; the idle tick picks up other processes' changes.
/// `reportsFolder`: where unnamed reports go, when not beside the session (a thrown-away demo's).
func runSession(_ store: SessionStore, context: WorkshopContext, author: String, remember: Bool = true,
                reportsFolder: String? = nil, roomPlace: RoomPlace = RoomPlace(), openRoom: Bool = false, sharesFocus: Bool = true) throws {
    let controller = SessionController(store: store, author: author)
    controller.reportsFolder = reportsFolder
    controller.sharesFocus = sharesFocus
    context.session = controller
    let place = remember ? SessionPlaces.place(for: store.path) : nil
    let link = RoomLink(file: store.url, catalogue: context.catalogue, place: roomPlace)
    context.liveRoom = link
    defer { link.close() }
    var app = App(stack: controller.resumeScreens(catalogue: context.catalogue, place: place), context: context)
    if openRoom {
        do { try link.open() } catch {
            complain("the room did not open: \(error)")
            throw ExitStatus.known(error) ?? ExitCode.unavailable
        }
        app.handle(.char("J"))
    }
    // The recent list is written once the first frame is on screen (at the first idle
    // moment, or on the way out if keys came first): drawing does not need it, and the
    // write was a few percent of the time to the first frame.
    var recentPending = remember
    try runScreens(&app) {
        if recentPending { RecentSessions.remember(store.path); recentPending = false }
        let sessionChanged = context.refreshSession()
        return context.noteRoomChanges() || sessionChanged
    }
    if recentPending { RecentSessions.remember(store.path) }
    if remember { SessionPlaces.remember(app.lastPlace, for: store.path) }
    store.close()
    if let lost = LostChange(controller) { try lost.tellTheShell() }
}

/// A change refused by the file that pit was then asked twice to quit (or leave for another
/// session) without (App.quit): the shell is told of it once the screens have closed, and
/// the exit status says it, 75 when the file was only busy and 74 otherwise.
struct LostChange {
    let message: String
    let status: ExitCode

    init?(_ session: SessionController) {
        guard session.writeFailed else { return nil }
        message = "the last change was not saved in \(session.store.path): \(session.failureReason ?? "the file refused it")"
        status = session.unsavedRefusal == .busy ? .tempFail : .ioError
    }

    /// Says each change lost, and ends with the status of the last.
    static func tellTheShell(_ lost: [LostChange]) throws {
        for change in lost { complain(change.message) }
        if let last = lost.last { throw last.status }
    }

    func tellTheShell() throws { try LostChange.tellTheShell([self]) }
}

/// Parses "Name" or "Name:sector" (sector: la, nhs, vcse, residents, other). Only a known
/// sector after the last colon is a sector; otherwise the colon is part of the name, so
/// "Ward 3: North" and "=HYPERLINK(\"http://x\"):vcse" are names like any other.
func parseGroups(_ text: String) throws -> [Group] {
    var groups: [Group] = []
    for part in text.split(separator: ",") {
        let (name, sector) = nameAndSector(String(part))
        guard !name.isEmpty else { continue }
        try ArgumentText.check(name, "the group name")
        if groups.contains(where: { $0.name.lowercased() == name.lowercased() }) {
            throw ValidationError("the group \(name) is named twice in --groups")
        }
        let initials = Group.uniqueInitials(for: name, taken: groups.map(\.initials))
        groups.append(Group(id: "g\(groups.count + 1)", name: name, sector: sector, initials: initials))
    }
    return groups
}

/// "Name:sector" split at its last colon when what follows is a known sector.
func nameAndSector(_ text: String) -> (name: String, sector: Sector) {
    let whole = text.trimmingCharacters(in: .whitespaces)
    guard let colon = whole.lastIndex(of: ":"),
          let sector = GroupsScreen.sector(from: whole[whole.index(after: colon)...].trimmingCharacters(in: .whitespaces)) else {
        return (whole, .other)
    }
    return (whole[..<colon].trimmingCharacters(in: .whitespaces), sector)
}

func instrumentIDs(_ text: String, catalogue: Catalogue) throws -> [String] {
    var ids: [String] = []  // each once, in the order given
    for id in text.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) where !id.isEmpty && !ids.contains(id) {
        ids.append(id)
    }
    for id in ids where catalogue.instrument(id) == nil {
        throw ValidationError("unknown instrument `\(id)`; available: \(catalogue.instruments.map(\.id).joined(separator: ", "))")
    }
    guard !ids.isEmpty else { throw ValidationError("--instruments needs at least one instrument id") }
    return ids
}

struct NewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "new", abstract: "Create a workshop session and open it.")
    @OptionGroup var options: GlobalOptions
    @Argument(help: "The session's title, e.g. \"Healthier Northbridge\".") var title: String
    @Option(help: "Where the workshop takes place.") var place = ""
    @Option(help: "The groups in the room, comma-separated; add :la, :nhs, :vcse, :residents or :other for a sector (a name may hold colons; only a sector after the last one counts).") var groups = ""
    @Option(name: .customLong("instruments"), help: "Instruments this session scores, comma-separated (see `pit instruments list`; default: the plan's, else tool-a).") var use: String?
    @Option(help: "The agenda: a built-in plan's name (see Plans/) or a plan file (.yaml).", transform: FileArgument.named) var plan: String?
    @Option(help: "The facilitator's name.") var facilitator: String?
    @Option(name: .shortAndLong, help: "The session file to create (default: from the title).", transform: FileArgument.newSessionNamed) var output: String?
    @Flag(help: "Create the file without opening the screens.") var noOpen = false
    @OptionGroup var roomOptions: RoomOptions

    func validate() throws {
        try ArgumentText.check(title, "the title")
        try ArgumentText.check(place, "--place", mayBeEmpty: true)
        if let facilitator { try ArgumentText.check(facilitator, "--facilitator") }
    }

    func run() throws {
        try options.settings.checkTheme()
        let catalogue = try options.settings.loadCatalogue()
        let sessionPlan = try plan.map { try PlanFiles.load($0, catalogue: catalogue) }
        var ids = try use.map { try instrumentIDs($0, catalogue: catalogue) } ?? []
        // The plan's instruments join the session, after any named with --instruments.
        for item in sessionPlan?.items ?? [] where !ids.contains(item.instrument) { ids.append(item.instrument) }
        if ids.isEmpty { ids = ["tool-a"] }
        let groupList = try parseGroups(groups)
        let path = output ?? SessionFiles.defaultFileName(for: title)
        try SessionFiles.checkNewSessionPath(path)
        let author = SessionFiles.author(facilitator)
        let info = SessionInfo(title: title, place: place, date: SessionFiles.today(), facilitator: author, instruments: ids, mode: .workshop)
        let store = try SessionFiles.attempt {
            try createWorkshopSession(at: path, info: info, groups: groupList, author: author, plan: sessionPlan, scales: catalogue.scaleLevels)
        }
        if let sessionPlan { Console.note("Plan: \(sessionPlan.title), \(sessionPlan.items.count) item\(sessionPlan.items.count == 1 ? "" : "s"), \(sessionPlan.plannedMinutes) minute\(sessionPlan.plannedMinutes == 1 ? "" : "s").") }
        Console.note("Created \(path) with \(groupList.count) group\(groupList.count == 1 ? "" : "s") scoring \(ids.joined(separator: ", ")).")
        for line in InstrumentText.room(ids.compactMap { catalogue.instrument($0) }).split(separator: "\n") { Console.note(String(line)) }
        if noOpen { store.close(); return }
        try runSession(store, context: try makeContext(options.settings, made: catalogue), author: author, roomPlace: roomOptions.place)
    }
}

/// A new workshop session and its plan, made in one step: a plan the record refuses leaves
/// no file, where a session without the plan it was made with used to stay behind (and a
/// second try then met "already exists").
func createWorkshopSession(at path: String, info: SessionInfo, groups: [Group], author: String, plan: SessionPlan?,
                           scales: InstrumentScales) throws -> SessionStore {
    try SessionStore.create(at: URL(fileURLWithPath: path), info: info, groups: groups, author: author, scales: scales,
                            then: plan.map { [.planSet($0)] } ?? [])
}

struct OpenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "open", abstract: "Open a session file on the facilitator's screens.")
    @OptionGroup var options: GlobalOptions
    @Argument(help: "The session file (.pit).", transform: FileArgument.named) var file: String
    @Option(name: .customLong("as"), help: "Your name, recorded with each change (default: your login).") var author: String?
    @Flag(help: "Open the live room at once and show its join screen (J does it later).") var room = false
    @Flag(help: "Take notes beside the facilitator: this terminal does not move the projected view (pit present) or run the countdown; it shows the room's.")
    var scribe = false
    @OptionGroup var roomOptions: RoomOptions

    func validate() throws {
        if let author { try ArgumentText.check(author, "--as") }
        if scribe && room { throw ValidationError("--scribe and --room do not go together: the room is the facilitator's to open") }
    }

    func run() throws {
        try Self.open(file, settings: options.settings, author: author, place: roomOptions.place, openRoom: room, scribe: scribe)
    }

    /// `pit open`, parsed or not (`QuickStart`).
    static func open(_ file: String, settings: FrameworkSettings, author: String?, place: RoomPlace, openRoom: Bool,
                     scribe: Bool = false) throws {
        let context = try makeContext(settings)
        let store = try SessionFiles.attempt { try SessionStore.open(at: URL(fileURLWithPath: file), scales: context.catalogue.scaleLevels) }
        try runSession(store, context: context, author: SessionFiles.author(author), roomPlace: place, openRoom: openRoom,
                       sharesFocus: !scribe)
    }
}

struct AssessCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "assess", abstract: "Self-assess as one partner organisation; run it again to carry on.",
        discussion: "Send the file to the facilitator, who combines partners' files with `pit merge`.")
    @OptionGroup var options: GlobalOptions
    @Option(name: .customLong("as"), help: "The partner organisation you are assessing for.") var partner: String
    @Option(help: "Your organisation's sector: la, nhs, vcse, residents or other.") var sector = "other"
    @Option(name: .customLong("instruments"), help: "Instruments to assess, comma-separated.") var use = "tool-a"
    @Option(name: .shortAndLong, help: "The file to write (default: PARTNER-assessment.pit).", transform: FileArgument.newSessionNamed) var output: String?
    @Flag(help: "Create or check the file without opening the screens.") var noOpen = false

    func validate() throws {
        try ArgumentText.check(partner, "--as (the partner organisation)")
        if GroupsScreen.sector(from: sector) == nil {
            throw ValidationError("unknown sector `\(sector)`; use la, nhs, vcse, residents or other")
        }
    }

    func run() throws {
        let path = output ?? SessionFiles.defaultFileName(for: partner, suffix: "-assessment")
        try SessionFiles.checkNewSessionPath(path)
        let url = URL(fileURLWithPath: path)
        let context = try makeContext(options.settings)
        let ids = try instrumentIDs(use, catalogue: context.catalogue)
        let store: SessionStore
        if FileManager.default.fileExists(atPath: path) {
            store = try SessionFiles.attempt { try SessionStore.open(at: url, scales: context.catalogue.scaleLevels) }
            guard store.state.info.mode == .selfAssessment else {
                store.close()
                complain("\(path) is a workshop session, not a self-assessment; choose another file with -o")
                throw ExitCode.dataError
            }
            // Another partner's file: carrying on would record this partner's answers as theirs.
            if let theirs = store.state.groups.first?.name, theirs.lowercased() != partner.lowercased() {
                store.close()
                complain("\(path) is \(theirs)'s self-assessment, not \(partner)'s. To carry on with it, give --as \"\(theirs)\"; for \(partner)'s own, choose another file with -o")
                throw ExitCode.validationFailure
            }
            Console.note("Carrying on with \(path).")
            for id in ids where !store.state.info.instruments.contains(id) {
                Console.note("It does not assess \(id) (--instruments is read when the file is made); add it with `pit instruments add \(path) \(id)`.")
            }
        } else {
            let sectorValue = GroupsScreen.sector(from: sector) ?? .other  // checked in validate
            let group = Group(id: "partner", name: partner, sector: sectorValue)
            let info = SessionInfo(title: "Self-assessment: \(partner)", date: SessionFiles.today(), facilitator: partner,
                                   instruments: ids, mode: .selfAssessment)
            store = try SessionFiles.attempt {
                try SessionStore.create(at: url, info: info, groups: [group], author: partner, scales: context.catalogue.scaleLevels)
            }
            Console.note("Created \(path).")
        }
        if noOpen { store.close(); return }
        try runSession(store, context: context, author: partner)
    }
}

struct MergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge", abstract: "Combine partners' self-assessments into one workshop session, a group per partner.")
    @OptionGroup var options: GlobalOptions
    @Argument(help: "Self-assessment files (.pit).", transform: FileArgument.named) var files: [String]
    @Option(name: .shortAndLong, help: "The workshop session file to create.", transform: FileArgument.newSessionNamed) var output: String
    @Option(help: "Rename a partner, e.g. --rename \"NHS=NHS Trust\" (repeatable; needed when two files have the same partner).")
    var rename: [String] = []
    @Option(help: "Title of the new session.") var title = "Combined self-assessments"
    @Option(help: "Where the workshop takes place.") var place = ""

    func validate() throws {
        try ArgumentText.check(title, "--title")
        try ArgumentText.check(place, "--place", mayBeEmpty: true)
        _ = try renames()
    }

    /// --rename's pairs, old name to new. Each is typed here, so a malformed one is a usage
    /// error, and both names are checked as any name typed for a session is.
    func renames() throws -> [String: String] {
        var pairs: [String: String] = [:]
        for r in rename {
            guard let pair = try? Merge.parseRename(r) else { throw ValidationError(MergeError.badRename(r).description) }
            try ArgumentText.check(pair.old, "the partner before = in --rename")
            try ArgumentText.check(pair.new, "the new name in --rename")
            pairs[pair.old] = pair.new
        }
        return pairs
    }

    func run() throws {
        guard !files.isEmpty else { throw ValidationError("give at least one self-assessment file") }
        let catalogue = try options.settings.loadCatalogue(quiet: true)
        let renames = try renames()
        try SessionFiles.checkNewSessionPath(output)
        let store = try SessionFiles.attempt {
            try Merge.merge(inputs: files.map { URL(fileURLWithPath: $0) }, into: URL(fileURLWithPath: output), renames: renames,
                            title: title, place: place, author: SessionFiles.author(nil), scales: catalogue.scaleLevels)
        }
        let names = store.state.groups.map(\.name).joined(separator: ", ")
        Console.note("Merged \(files.count) file\(files.count == 1 ? "" : "s") into \(output): \(names).")
        store.close()
    }
}

struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo", abstract: "Open a sample workshop (four groups' scores, notes and actions), on the triangle.")
    @OptionGroup var options: GlobalOptions
    @Option(name: .shortAndLong, help: "Keep the demo session in this file (default: a temporary file).", transform: FileArgument.newSessionNamed) var output: String?
    @Flag(help: "Only write the file (needs -o).") var noOpen = false
    @OptionGroup var roomOptions: RoomOptions

    func validate() throws {
        if noOpen && output == nil { throw ValidationError("--no-open needs -o FILE, or the demo would be thrown away") }
    }

    func run() throws {
        if let output { try SessionFiles.checkNewSessionPath(output) }
        try options.settings.checkTheme()
        let catalogue = try options.settings.loadCatalogue()
        let url = try output.map { URL(fileURLWithPath: $0) } ?? temporaryDemoFile()
        // A temporary demo goes when pit ends, also when it could not be made.
        defer { if output == nil { try? FileManager.default.removeItem(at: url.deletingLastPathComponent()) } }
        let store = try SessionFiles.attempt { try makeDemo(at: url, catalogue: catalogue) }
        if noOpen {
            Console.note("Wrote the demo session to \(url.path).")
            store.close()
            return
        }
        try runSession(store, context: try makeContext(options.settings, made: catalogue), author: store.state.info.facilitator, remember: output != nil,
                       reportsFolder: output == nil ? FileManager.default.currentDirectoryPath : nil,
                       roomPlace: roomOptions.place)
    }
}

/// The demo session: sample data for Tool A and the seam tools B–D over the last few
/// hours, created just before them, so that the log reads in time order and the user's
/// own changes follow; every screen has something to show.
func makeDemo(at url: URL, catalogue: Catalogue) throws -> SessionStore {
    guard let toolA = catalogue.instrument("tool-a") else { throw DemoUnavailable() }
    let tools = [toolA] + ["tool-b", "tool-c", "tool-d"].compactMap { catalogue.instrument($0) }
    let start = Date().addingTimeInterval(-4 * 3600)
    let clock = CreationClock(creation: start.addingTimeInterval(-60))
    let store = try DemoSeed.create(at: url, elements: tools.map { (instrument: $0.id, elements: $0.elements.map(\.id)) },
                                    seed: 7, start: start, scales: catalogue.scaleLevels, clock: { clock.now() })
    clock.live = true
    return store
}

/// Where a demo that is thrown away afterwards is written: a new folder of its own.
func temporaryDemoFile() throws -> URL {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pit-demo-\(getpid())-\(UUID().uuidString.prefix(8))")
    guard Folders.make(folder.path) else {
        throw SessionFileError.cannotCreate(path: folder.path, detail: String(cString: strerror(errno)))
    }
    return folder.appendingPathComponent("demo.pit")
}

struct DemoUnavailable: Error, CustomStringConvertible {
    var description: String { "the demo needs Tool A (Assessments/tool-a.yaml), which did not load" }
}
