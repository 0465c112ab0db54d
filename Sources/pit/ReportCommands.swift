import ArgumentParser
import DiskCache
import Foundation
import Instruments
import Reports
import SessionEngine

/// What `pit report` writes.
extension ExportFormat: ExpressibleByArgument {}

/// Which table `pit report --format csv` writes.
enum ReportTable: String, ExpressibleByArgument, CaseIterable {
    case scores, agreed, actions, notes

    var table: CSVExport.Table {
        switch self {
        case .scores: return .scores
        case .agreed: return .agreed
        case .actions: return .actions
        case .notes: return .notes
        }
    }
}

enum CompareFormat: String, ExpressibleByArgument, CaseIterable {
    case md, csv, html
}

enum CompareTable: String, ExpressibleByArgument, CaseIterable {
    case elements, components
}

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Export a session: a report to circulate, data for a spreadsheet, the whole session, or a transcript.",
        discussion: """
        Formats: md (Markdown report), html (one self-contained page, printable on A4), \
        csv (tidy data; --table scores, agreed, actions or notes), json (the whole session, for \
        `pit import`), transcript (plain text) and transcript-md (Markdown). Writes to \
        standard output unless -o is given. -o replaces an existing file in one step, but never \
        a pit session, the session being read or a symbolic link unless --overwrite is given; \
        a pipe or device is written in place. The session is only read.
        """)

    @OptionGroup var options: GlobalOptions

    @Argument(help: "The session file (.pit).", transform: FileArgument.named)
    var file: String

    @Option(name: .long, help: "md, csv, html, json, transcript or transcript-md.")
    var format: ExportFormat = .md

    @Option(name: .long, help: "With --format csv: scores (one row per group score, the default), agreed, actions or notes.")
    var table: ReportTable?

    @Option(name: .shortAndLong, help: ArgumentHelp("Write to this file instead of standard output (- is standard output).", valueName: "OUT"),
            transform: FileArgument.named)
    var output: String?

    @Option(name: .long, help: ArgumentHelp("Show times in this zone: UTC, Europe/London, +01:00 ... (default: this computer's zone). Every export states the zone it uses.", valueName: "ZONE"))
    var timeZone: String?

    @Flag(name: .long, help: "With --format csv: start with a UTF-8 byte order mark, which older Excel needs.")
    var bom = false

    @Flag(name: .long, help: "Let -o replace a pit session, the session being read, or a symbolic link itself (never its target).")
    var overwrite = false

    func validate() throws {
        if table != nil && format != .csv { throw ValidationError("--table goes with --format csv") }
        if bom && format != .csv { throw ValidationError("--bom goes with --format csv") }
        if overwrite && output == nil { throw ValidationError("--overwrite goes with -o FILE") }
        if let timeZone, parseReportTimeZone(timeZone) == nil {
            throw ValidationError("unknown time zone `\(timeZone)`; give UTC, a name such as Europe/London, or an offset such as +01:00")
        }
    }

    func run() throws {
        let target = try output.map { try OutputFile.check($0, inputs: [file], overwrite: overwrite) }
        let catalogue = try options.settings.loadCatalogue()
        let snapshot = try openReportSession(file, scales: catalogue.scaleLevels)
        let opts = ReportOptions(timeZone: timeZone.flatMap(parseReportTimeZone) ?? .current)
        let data: Data
        do {
            data = try Export.render(format, state: snapshot.state, events: snapshot.events, catalogue: catalogue, options: opts,
                                     csvTable: (table ?? .scores).table, byteOrderMark: bom)
        } catch {
            complain("\(file): the \(format.rawValue) export failed (\(error))")
            throw ExitCode.software
        }
        try writeReport(data, to: target)
    }
}

struct CompareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Compare a baseline session with a follow-up of the same place: the change per element and per part of the triangle.",
        discussion: "Both sessions are only read. Writes to standard output unless -o is given; -o never replaces a pit session or a symbolic link unless --overwrite is given.")

    @OptionGroup var options: GlobalOptions

    @Argument(help: "The earlier session (.pit).", transform: FileArgument.named)
    var baseline: String

    @Argument(help: "The later session (.pit).", transform: FileArgument.named)
    var followup: String

    @Option(name: .long, help: "md, csv or html.")
    var format: CompareFormat = .md

    @Option(name: .long, help: "With --format csv: elements (one row per element, the default) or components.")
    var table: CompareTable?

    @Option(name: .shortAndLong, help: ArgumentHelp("Write to this file instead of standard output (- is standard output).", valueName: "OUT"),
            transform: FileArgument.named)
    var output: String?

    @Flag(name: .long, help: "With --format csv: start with a UTF-8 byte order mark, which older Excel needs.")
    var bom = false

    @Flag(name: .long, help: "Let -o replace a pit session, one of the two sessions, or a symbolic link itself (never its target).")
    var overwrite = false

    func validate() throws {
        if table != nil && format != .csv { throw ValidationError("--table goes with --format csv") }
        if bom && format != .csv { throw ValidationError("--bom goes with --format csv") }
        if overwrite && output == nil { throw ValidationError("--overwrite goes with -o FILE") }
    }

    func run() throws {
        let target = try output.map { try OutputFile.check($0, inputs: [baseline, followup], overwrite: overwrite) }
        let catalogue = try options.settings.loadCatalogue()
        let before = try openReportSession(baseline, scales: catalogue.scaleLevels)
        let after = try openReportSession(followup, scales: catalogue.scaleLevels)
        let comparison = Comparison.make(baseline: before.state, followUp: after.state, catalogue: catalogue)
        if !comparison.samePlace {
            complain("warning: \(baseline) names \(ComparisonRender.placeWords(before.state.info.place)) as its place but \(followup) names "
                     + "\(ComparisonRender.placeWords(after.state.info.place)); comparing anyway")
        }
        if comparison.datesReversed {
            complain("warning: the baseline \(baseline) is dated \(before.state.info.date), after the follow-up \(followup) (\(after.state.info.date)); give the earlier session first. Comparing as given")
        }
        let data: Data
        do {
            switch format {
            case .md: data = Data((ComparisonRender.markdown(comparison) + "\n").utf8)
            case .html: data = Data(ComparisonRender.html(comparison).utf8)
            case .csv:
                data = try ComparisonRender.csv(comparison, table: table == .components ? .components : .elements, byteOrderMark: bom)
            }
        } catch {
            complain("the comparison could not be written as \(format.rawValue) (\(error))")
            throw ExitCode.software
        }
        try writeReport(data, to: target)
    }
}

struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Turn a session exported as JSON (`pit report FILE --format json`) back into a .pit session.",
        discussion: "The new session holds the same events, with their numbers, times and authors, so the same scores, notes and actions. An existing file is never overwritten.")

    @OptionGroup var options: GlobalOptions

    @Argument(help: "The exported session (.json).", transform: FileArgument.named)
    var file: String

    @Option(name: .shortAndLong, help: ArgumentHelp("The session file to create (.pit); it must not exist yet.", valueName: "FILE"),
            transform: FileArgument.newSessionNamed)
    var output: String

    func run() throws {
        let catalogue = try options.settings.loadCatalogue(quiet: true)
        guard FileManager.default.fileExists(atPath: file) else {
            complain("\(file): no such file")
            throw ExitCode.noInput
        }
        if Folders.isFolder(file) {
            complain("\(file) is a folder; give the .json file that `pit report FILE --format json` wrote")
            throw ExitCode.noInput
        }
        guard let data = FileManager.default.contents(atPath: file) else {
            complain("\(file) cannot be read; check that you may read it")
            throw ExitCode.noInput
        }
        try SessionFiles.checkNewSessionPath(output)
        if FileManager.default.fileExists(atPath: output) {
            complain(SessionFileError.alreadyExists(path: output).description)
            throw ExitCode.cannotCreate
        }
        let imported: SessionJSON.Imported
        do {
            imported = try SessionJSON.decode(data)
        } catch let error as SessionJSONError {
            complain("\(file) cannot be imported: \(error)")
            throw ExitStatus.code(for: error)
        }
        do {
            let store = try SessionStore.importEvents(imported.events, at: URL(fileURLWithPath: output), scales: catalogue.scaleLevels,
                                                      withoutNotApplicable: Set(catalogue.instruments.filter { !$0.scale.allowsNotApplicable }.map(\.id)))
            let groups = store.state.groups.count, events = store.events.count
            store.close()
            Console.note("Imported \(events) events (\(groups) groups) into \(output).")
        } catch SessionError.invalidEvent(let why) {
            // Said of the file, not as a change refused on a screen ("Not recorded: ...").
            complain("\(file) cannot be imported: \(why). Nothing was written.")
            throw ExitCode.dataError
        } catch let error as SessionError {
            complain("\(file) cannot be imported: \(error.description)")
            throw ExitStatus.code(for: error)
        } catch let error as SessionFileError {
            complain(error.description)
            throw ExitStatus.code(for: error)
        }
    }
}

// MARK: - Shared

/// Reads a session without writing to it; a clear message and a sysexits code otherwise.
func openReportSession(_ path: String, scales: InstrumentScales) throws -> SessionSnapshot {
    do {
        return try SessionStore.snapshot(at: URL(fileURLWithPath: path), scales: scales)
    } catch let error as SessionFileError {
        complain(error.description)
        throw ExitStatus.code(for: error)
    } catch let error as SessionError {
        complain("\(path): \(error.description)")
        throw ExitStatus.code(for: error)
    }
}

/// Writes to standard output, or to the checked `-o` file (see `OutputFile`).
func writeReport(_ data: Data, to output: OutputFile?) throws {
    guard let output else { return try Console.writeOutput(data, hasOutputOption: true) }
    try output.write(data)
}

/// "UTC", "Europe/London", "+01:00", "-0530", "+1".
func parseReportTimeZone(_ s: String) -> TimeZone? {
    let t = s.trimmingCharacters(in: .whitespaces)
    if t.uppercased() == "UTC" || t.uppercased() == "Z" || t.uppercased() == "GMT" { return TimeZone(identifier: "UTC") }
    if let first = t.first, first == "+" || first == "-" {
        let digits = t.dropFirst().filter { $0 != ":" }
        guard !digits.isEmpty, digits.count <= 4, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        let h: Int, m: Int
        if digits.count <= 2 { h = Int(digits)!; m = 0 } else { h = Int(digits.dropLast(2))!; m = Int(digits.suffix(2))! }
        guard h <= 14, m < 60 else { return nil }
        return TimeZone(secondsFromGMT: (h * 3600 + m * 60) * (first == "-" ? -1 : 1))
    }
    return TimeZone(identifier: t)
}
