import Foundation

/// The fix for the YAML mistakes authors make most: plain text that YAML reads as syntax.
/// `title: Step 1: leadership` (a second `: `), `good: @home`, `focus: 'it's there'`, or
/// `focus: #1 is it there?` (a comment, so no text at all). Quoting the text mends each, and
/// the hint shows the author's own line quoted.
enum QuotingHint {
    /// Characters YAML gives a meaning at the start of a plain value.
    static let syntaxStarts: Set<Character> = ["#", "@", "`", "'", "&", "*", "!", "%", "{", "["]

    static let rule = "text that contains `: ` or starts with # @ ` ' & * ! % { or [ must be put in double quotes"

    /// The line's key (with its indentation and any `- `) and the value written after it.
    static func split(_ line: Substring) -> (key: Substring, value: Substring)? {
        var rest = line[...]
        while rest.first == " " { rest.removeFirst() }
        if rest.hasPrefix("- ") { rest.removeFirst(2) }
        guard let colon = rest.range(of: ": ") else { return nil }
        let key = line[..<colon.upperBound]
        var value = line[colon.upperBound...]
        while value.first == " " { value.removeFirst() }
        while value.last == " " || value.last == "\r" { value.removeLast() }
        return value.isEmpty ? nil : (key, value)
    }

    /// "; text that contains ... : title: \"Step 1: leadership\"" when `line` holds a value
    /// that quoting would mend; nil otherwise. `brackets`: whether a value starting with
    /// `{` or `[` counts (on the line of the error it may be text; on the line before, it is
    /// more likely an unclosed list or mapping, which quoting would not mend).
    static func hint(for line: Substring, brackets: Bool = true) -> String? {
        guard let (key, value) = split(line), let first = value.first else { return nil }
        let suspicious = (syntaxStarts.contains(first) && (brackets || (first != "{" && first != "[")))
            || value.contains(": ")
        guard suspicious, first != "\"" else { return nil }
        return "; \(rule): \(key.drop { $0 == " " })\(quoted(value))"
    }

    /// A value whose text was lost to a comment (`focus: #1 is it there?`).
    static func commentHint(for line: Substring) -> String? {
        guard let (key, value) = split(line), value.first == "#" else { return nil }
        return "; a `#` after a space begins a comment, so the text was read as empty: \(rule): \(key.drop { $0 == " " })\(quoted(value))"
    }

    static func quoted(_ value: Substring) -> String {
        "\"" + value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}
