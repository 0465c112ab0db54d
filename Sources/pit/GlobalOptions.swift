import ArgumentParser

/// Options every command that shows or loads the framework accepts.
struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: "Colour theme: default, light, projector, colourblind, mono (see `pit themes list`).")
    var theme: String?

    @Option(name: .customLong("instrument-dir"), help: ArgumentHelp("A folder of extra instrument files (YAML); repeatable. ~/.config/pit/instruments is always read.", valueName: "DIR"),
            transform: FileArgument.folderNamed)
    var instrumentDirs: [String] = []

    @Flag(name: .customLong("no-bell"), help: "Do not ring the terminal bell when the countdown ends.")
    var noBell = false

    /// The values alone, for code that also runs without a parse (`QuickStart`).
    var settings: FrameworkSettings {
        FrameworkSettings(theme: theme, instrumentDirs: instrumentDirs, noBell: noBell)
    }
}

extension FrameworkSettings {
    /// Refuses an unknown `--theme` (exit 64, with the themes there are) before a command
    /// writes anything: the screens met it only after `new` or `demo -o` had made the file,
    /// and with `--no-open` never.
    func checkTheme() throws {
        if theme != nil { _ = try loadThemes() }
    }
}
