import ArgumentParser
import Foundation
import TerminalKit

/// The first word of a command line that names no command: what `pit help help` and
/// `pit nosuch` are answered with, before swift-argument-parser's parse (which would call
/// `help` no command, and `nosuch` a bare "Unexpected argument" of the home screen).
enum CommandWords {
    /// pit's commands, in the order `pit --help` lists them.
    static var names: [String] { Pit.configuration.subcommands.compactMap { $0.configuration.commandName } }

    /// What `pit help help` shows: what `pit help` does, and the commands it takes.
    static var helpForHelp: String {
        let about = "Shows the help for a command, as `pit COMMAND --help` does: `pit help report`, "
            + "`pit help instruments list`. With no command, shows pit's own help (`pit --help`)."
        let commands = "COMMANDS: " + names.joined(separator: ", ")
        // Wrapped as swift-argument-parser wraps the rest of pit's help.
        return (["USAGE: pit help [COMMAND ...]", ""] + Wrap.lines(about, width: 79) + [""] + Wrap.lines(commands, width: 79))
            .joined(separator: "\n")
    }

    /// `pit help help` (options aside): answered here, since `help` is not a command of
    /// pit's configuration but swift-argument-parser's.
    static func asksHelpForHelp(_ arguments: [String]) -> Bool {
        arguments.filter { !$0.hasPrefix("-") }.prefix(2) == ["help", "help"]
    }

    /// Why `arguments` cannot run: its first word is no command (`pit nosuch`), with the
    /// nearest command when one is close, and `pit open` when the word looks like a
    /// session. nil when the first word is a command, `help`, an option or absent.
    static func unknownCommand(_ arguments: [String]) -> String? {
        guard let word = arguments.first, !word.hasPrefix("-"), word != "help", !names.contains(word) else { return nil }
        var text = "there is no command `pit \(word)`"
        var isFolder: ObjCBool = false
        let isFile = FileManager.default.fileExists(atPath: word, isDirectory: &isFolder) && !isFolder.boolValue
        if word.hasSuffix(".pit") || isFile {
            text += "; to open a session, use `pit open \(word)`"
        } else if let near = nearest(to: word, among: names) {
            text += "; did you mean `pit \(near)`?"
        }
        return text + "\nThe commands are \(names.joined(separator: ", ")). See `pit --help`, or `pit help COMMAND`."
    }

    /// The name closest to `word` by edits (a letter added, removed, changed, or two
    /// neighbours swapped), if it is within two edits and the word is not mostly changed;
    /// the first such name on a tie.
    static func nearest(to word: String, among names: [String]) -> String? {
        let typed = Array(word.lowercased())
        let scored = names.map { (name: $0, distance: editDistance(typed, Array($0))) }
        guard let best = scored.min(by: { $0.distance < $1.distance }),
              best.distance <= 2, best.distance < typed.count else { return nil }
        return best.name
    }

    /// Optimal string alignment distance: Levenshtein's, with a swap of neighbours as one edit.
    static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var d = Array(repeating: Array(repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { d[i][0] = i }
        for j in 0...b.count { d[0][j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
                }
            }
        }
        return d[a.count][b.count]
    }
}
