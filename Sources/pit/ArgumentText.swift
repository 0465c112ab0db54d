import ArgumentParser
import Escaping
import SessionEngine

/// Text given on the command line that becomes part of a session (a title, a place, a
/// group's or a partner's name): one line, with no control characters. A line break in a
/// name could forge a line of the room's console or a report; an escape code could
/// retitle a terminal that shows it (the screens and exports make such characters
/// visible, but they are no part of a name anyone meant).
enum ArgumentText {
    /// Throws a usage error (exit 64) naming `what` when `value` is empty (unless allowed),
    /// holds a line break or control character, or is longer than a session keeps a name.
    static func check(_ value: String, _ what: String, mayBeEmpty: Bool = false) throws {
        if !mayBeEmpty && value.trimmingCharacters(in: .whitespaces).isEmpty {
            throw ValidationError("\(what) is empty; give it a name")
        }
        if value.unicodeScalars.contains(where: { Escape.isHostile($0) || $0 == "\n" || $0 == "\t" || $0 == "\u{2028}" || $0 == "\u{2029}" }) {
            throw ValidationError("\(what) \"\(Escape.visible(value).replacingOccurrences(of: "\n", with: "^J"))\" holds a line break or a control character; write it on one line, without them")
        }
        // The record's own limit, said here as a usage error on what was typed rather than
        // as the engine's refusal of an event the user never saw.
        let bytes = value.utf8.count
        if bytes > RecordRules.shortTextBytes {
            throw ValidationError("\(what) is \(bytes) bytes long; pit keeps at most \(RecordRules.shortTextBytes) bytes (as many plain letters, fewer accented or non-Latin ones); shorten it")
        }
    }
}

/// A file named on the command line. An empty name ("") would be the working folder to
/// Foundation, and the message then spoke of a folder nobody named.
enum FileArgument {
    static func named(_ value: String) throws -> String {
        guard !value.isEmpty else { throw ValidationError("the file name is empty; name a file") }
        return value
    }

    /// The file a command is to create a session in. "-", standard output to `report -o`,
    /// is refused rather than made a file of that name: a session is a database file, not
    /// a stream.
    static func newSessionNamed(_ value: String) throws -> String {
        guard value != "-" else {
            throw ValidationError("a session cannot go to standard output (-o -): it is a file pit keeps writing to. Give a file name, such as session.pit (./- for a file named -)")
        }
        return try named(value)
    }

    static func folderNamed(_ value: String) throws -> String {
        guard !value.isEmpty else { throw ValidationError("the folder name is empty; name a folder") }
        return value
    }
}
