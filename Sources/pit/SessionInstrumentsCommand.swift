import ArgumentParser
import Foundation
import Instruments
import SessionEngine

/// `pit instruments add|remove FILE ID`: change the instruments of an existing session,
/// recorded as events (another terminal on the file sees the change at once).
extension InstrumentsCommand {
    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "add", abstract: "Add an instrument to a session, so its elements can be scored.")
        @OptionGroup var options: GlobalOptions
        @Argument(help: "The session file (.pit).", transform: FileArgument.named) var file: String
        @Argument(help: "The instrument's id (see `pit instruments list`).") var id: String
        @Option(name: .customLong("as"), help: "Your name, recorded with the change (default: your login).") var author: String?

        func validate() throws {
            if let author { try ArgumentText.check(author, "--as") }
        }

        func run() throws {
            let catalogue = try options.settings.loadCatalogue()
            guard let instrument = catalogue.instrument(id) else {
                complain("no instrument `\(id)`; available: \(catalogue.instruments.map(\.id).joined(separator: ", "))")
                throw ExitCode.usage
            }
            let store = try SessionFiles.attempt { try SessionStore.open(at: URL(fileURLWithPath: file), scales: catalogue.scaleLevels) }
            defer { store.close() }
            if store.state.info.instruments.contains(id) {
                Console.note("\(file) already uses \(instrument.short).")
                return
            }
            try SessionFiles.attempt { try store.append(.instrumentAdded(id: id), author: SessionFiles.author(author)) }
            Console.note("Added \(instrument.short) to \(file): it now uses \(store.state.info.instruments.joined(separator: ", ")).")
        }
    }

    struct Remove: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "remove", abstract: "Take an instrument out of a session (its scores stay in the record).")
        @OptionGroup var options: GlobalOptions
        @Argument(help: "The session file (.pit).", transform: FileArgument.named) var file: String
        @Argument(help: "The instrument's id.") var id: String
        @Option(name: .customLong("as"), help: "Your name, recorded with the change (default: your login).") var author: String?

        func validate() throws {
            if let author { try ArgumentText.check(author, "--as") }
        }

        func run() throws {
            let catalogue = try options.settings.loadCatalogue()
            let store = try SessionFiles.attempt { try SessionStore.open(at: URL(fileURLWithPath: file), scales: catalogue.scaleLevels) }
            defer { store.close() }
            guard store.state.info.instruments.contains(id) else {
                complain("\(file) does not use `\(id)`; it uses \(store.state.info.instruments.joined(separator: ", "))")
                throw ExitCode.usage
            }
            guard store.state.info.instruments.count > 1 else {
                complain("\(id) is the only instrument of \(file); add another first")
                throw ExitCode.usage
            }
            try SessionFiles.attempt { try store.append(.instrumentRemoved(id: id), author: SessionFiles.author(author)) }
            Console.note("Removed \(id) from \(file); its scores stay in the record.")
        }
    }
}
