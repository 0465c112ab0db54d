import ArgumentParser
import Foundation
import Instruments
import TerminalKit
import Workshop

@main
struct Pit: ParsableCommand {
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "pit",
        abstract: "Run and record place-based planning workshops on reducing health inequalities.",
        discussion: """
        With no command, pit opens its home screen. The framework: the Population \
        Intervention Triangle (civic, service and community segments, place-based planning \
        at the centre, three seams) and Tool A's 10 planning steps.
        """,
        version: version,
        subcommands: [HomeCommand.self, NewCommand.self, OpenCommand.self, AssessCommand.self, MergeCommand.self, DemoCommand.self,
                      ThemesCommand.self, InstrumentsCommand.self],
        defaultSubcommand: HomeCommand.self
    )
}

/// Builds the shared context for the screens.
func makeContext(_ options: GlobalOptions) throws -> WorkshopContext {
    let catalogue = try options.loadCatalogue()
    let themes = try options.loadThemes()
    return WorkshopContext(catalogue: catalogue, themes: themes, themeName: options.theme)
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

    func run() throws {
        var app = App(root: HomeScreen(), context: try makeContext(options))
        try runScreens(&app)
    }
}

struct ThemesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "themes", abstract: "Colour themes.",
                                                    subcommands: [List.self], defaultSubcommand: List.self)
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the available themes.")
        @OptionGroup var options: GlobalOptions
        func run() throws {
            for theme in try options.loadThemes() {
                print("\(theme.name.padding(toLength: 12, withPad: " ", startingAt: 0)) \(theme.summary)")
            }
        }
    }
}
