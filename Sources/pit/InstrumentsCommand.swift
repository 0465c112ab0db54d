import ArgumentParser
import Foundation
import Instruments

struct InstrumentsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "instruments", abstract: "The assessment instruments (Tool A and the rest).",
        subcommands: [List.self, Show.self, Validate.self, Add.self, Remove.self], defaultSubcommand: List.self)

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List every instrument with where it sits on the triangle.")
        @OptionGroup var options: GlobalOptions
        func run() throws {
            let catalogue = try options.settings.loadCatalogue()
            for instrument in catalogue.instruments {
                let place = catalogue.triangle[instrument.placement]?.name ?? instrument.placement.rawValue
                try Console.say("\(instrument.id.padding(toLength: 18, withPad: " ", startingAt: 0)) \(instrument.short.padding(toLength: 13, withPad: " ", startingAt: 0)) \(String(instrument.elements.count).leftPadded(3)) elements  \(instrument.title) [\(place)]")
            }
            // Every instrument that loaded is listed; a file skipped (named on standard
            // error) is bad data, so a script or a set-up check sees it (docs/decisions.md).
            if !catalogue.problems.isEmpty { throw ExitCode.dataError }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "show", abstract: "Print one instrument's elements, levels and questions.")
        @OptionGroup var options: GlobalOptions
        @Argument(help: "The instrument's id (see `pit instruments list`).") var id: String
        func run() throws {
            let catalogue = try options.settings.loadCatalogue()
            guard let instrument = catalogue.instrument(id) else {
                complain("no instrument `\(id)`; available: \(catalogue.instruments.map(\.id).joined(separator: ", "))")
                throw ExitCode.usage
            }
            try Console.say(InstrumentText.render(instrument))
        }
    }

    struct Validate: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "validate", abstract: "Check instrument files; reports every problem with file, line and column.",
            discussion: "Every file given is checked. Exits with 65 if any has a problem, 66 if any cannot be found.")
        @OptionGroup var options: GlobalOptions
        @Argument(help: "Instrument files (YAML).", transform: FileArgument.named) var files: [String]
        func run() throws {
            var failed = false
            var missing = false
            // The instruments pit would load beside it: a file whose id is already taken is
            // skipped when pit starts, however sound the file is on its own.
            let others = ((try? options.settings.loadCatalogue(quiet: true))?.instruments ?? []).map { ($0, Resources.realPath($0.source)) }
            // Every file is checked, a missing one too, so one run reports every problem.
            for path in files {
                guard FileManager.default.fileExists(atPath: path) else {
                    complain("\(path): no such file")
                    missing = true
                    continue
                }
                let (instrument, problems) = Catalogue.loadInstrument(at: URL(fileURLWithPath: path))
                if let instrument {
                    let here = Resources.realPath(path)
                    let elsewhere = others.filter { $0.1 != here }.map(\.0)
                    // References to other instruments, checked against those pit would load
                    // beside it, as the catalogue checks them (and skips the file if one fails).
                    let stranded = Catalogue.overlapProblems([instrument] + elsewhere).filter { $0.file == instrument.source }
                    if !stranded.isEmpty {
                        failed = true
                        for problem in stranded { try Console.say(problem.description) }
                    } else if let taken = elsewhere.first(where: { $0.id == instrument.id }) {
                        failed = true
                        try Console.say("\(path):1:1: id `\(instrument.id)` is already used by \(taken.source); pit loads one of them and skips the other: rename one")
                    } else {
                        try Console.say("\(path): ok (\(instrument.id), \(instrument.elements.count) elements)")
                    }
                    if let same = elsewhere.first(where: { $0.short == instrument.short && $0.id != instrument.id }) {
                        try Console.say("\(path): note: the short name `\(instrument.short)` is also \(same.id)'s (\(same.source)); the screens would show two alike")
                    }
                } else {
                    failed = true
                    for problem in problems { try Console.say(problem.description) }
                }
            }
            // The worse of the two: a file that could not be checked at all (66) before one
            // with problems (65).
            if missing { throw ExitCode.noInput }
            if failed { throw ExitCode.dataError }
        }
    }
}

extension String {
    func leftPadded(_ width: Int) -> String { String(repeating: " ", count: max(0, width - count)) + self }
}

/// An instrument as plain text for the terminal or a printout.
enum InstrumentText {
    /// "Who should be in the room" for each instrument, for printing when a session is created.
    static func room(_ instruments: [Instrument]) -> String {
        var out = ""
        for instrument in instruments where !instrument.room.isEmpty {
            out += "Who should be in the room for \(instrument.short):\n"
            for person in instrument.room { out += "  - \(person)\n" }
        }
        return out
    }

    static func render(_ instrument: Instrument) -> String {
        var out = "\(instrument.short): \(instrument.title)  (id \(instrument.id), version \(instrument.version), placed at \(instrument.placement.rawValue))\n"
        out += "\n\(instrument.summary)\n"
        out += room([instrument]).isEmpty ? "" : "\n" + room([instrument])
        if !instrument.sources.isEmpty {
            out += "\nSources:\n" + instrument.sources.map { "  - \($0.citation)\($0.use.isEmpty ? "" : ": \($0.use)")\n" }.joined()
        }
        out += "\nScale:\n"
        // A scale of the author's own may give a level no meaning: then no colon after its label.
        for level in instrument.scale.levels {
            out += "  \(level.value) \(level.label)\(level.meaning.isEmpty ? "" : ": \(level.meaning)")\n"
        }
        if instrument.scale.allowsNotApplicable { out += "  0 Not applicable\n" }
        out += "  d Don't know (an evidence gap)\n  \(ScaleOwnership.note)\n"
        for element in instrument.elements {
            let section = element.section.flatMap { id in instrument.sections.first { $0.id == id }?.title }.map { " [\($0)]" } ?? ""
            out += "\n\(element.number). \(element.title)\(section)\n   Focus: \(element.focus)\n   Good: \(element.good)\n"
            for value in element.levels.keys.sorted() { out += "   \(value): \(element.levels[value]!)\n" }
            for question in element.questions { out += "   ? \(question)\n" }
            if let g = element.guidance {
                out += "   Facilitator (about \(g.minutes) min): probe: \(g.probes.joined(separator: " / "))\n"
                out += "   Evidence: \(g.evidence.joined(separator: "; "))\n"
            }
        }
        return out
    }
}
