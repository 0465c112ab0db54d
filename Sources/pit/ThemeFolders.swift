import Foundation
import TerminalKit

/// Where themes come from: pit's own `Themes/` folder, then the user's
/// (`~/.config/pit/themes`, beside `~/.config/pit/instruments`), so a theme of one's own
/// never needs pit's folder to be writable, nor hides the shipped ones.
enum ThemeFolders {
    /// Every theme, pit's first, and the problems of the files that did not load.
    static func load(shipped: URL?, own: URL) -> (themes: [Theme], errors: [String]) {
        let pits = shipped.map { ThemeLoader.loadAll(from: $0) } ?? (themes: [], errors: [])
        let owns = ThemeLoader.loadAllNamingFiles(from: own)
        let combined = combine(pits.themes, own: owns.themes)
        return (combined.themes, pits.errors.map(\.description) + owns.errors.map(\.description) + combined.errors)
    }

    /// The user's themes after pit's own; one whose name pit's themes already use is
    /// skipped and its file named, since `--theme NAME` must mean one theme.
    static func combine(_ shipped: [Theme], own: [(theme: Theme, file: String)]) -> (themes: [Theme], errors: [String]) {
        var themes = shipped
        var errors: [String] = []
        for (theme, file) in own {
            if themes.contains(where: { $0.name == theme.name }) {
                errors.append(ThemeError(file: file, line: 1, column: 1,
                                         message: "the theme name `\(theme.name)` is already used by one of pit's own themes; give this one another `name:`").description)
            } else {
                themes.append(theme)
            }
        }
        return (themes, errors)
    }
}
