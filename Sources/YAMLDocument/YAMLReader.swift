import Foundation
import Yams

/// Walks a composed YAML tree and collects every problem with its line and column,
/// so a validator can report all mistakes at once instead of stopping at the first.
/// The one YAML walk in pit: instruments, the triangle, the briefing and themes all read
/// their files through it, so every file's mistakes are named as file:line:column.
public struct YAMLReader {
    public let file: String
    public private(set) var problems: [Diagnostic] = []
    /// The text composed, kept for the hints that quote the author's own line.
    private var source = ""

    public init(file: String) { self.file = file }

    public mutating func problem(_ message: String, at node: Node?) {
        let mark = node?.mark
        problems.append(Diagnostic(file: file, line: mark?.line ?? 1, column: mark?.column ?? 1, message: message))
    }

    public mutating func problem(_ message: String, at mark: Mark?) {
        problems.append(Diagnostic(file: file, line: mark?.line ?? 1, column: mark?.column ?? 1, message: message))
    }

    /// Parses text into a node tree; a syntax error becomes a diagnostic, and so does an
    /// empty file (`ifEmpty` says what the file should hold).
    public mutating func compose(_ text: String, ifEmpty: String = "the file is empty") -> Node? {
        source = text
        do {
            // The basic resolver tags every scalar as text: the default one runs a regular
            // expression per scalar to guess types, most of the start-up time. Numbers and
            // booleans are read where the format expects them.
            guard let node = try Yams.compose(yaml: text, .basic) else {
                problem(ifEmpty, at: nil as Node?)
                return nil
            }
            return node
        } catch let error as YamlError {
            switch error {
            case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _), .composer(_, let problem, let mark, _):
                self.problem("not valid YAML: \(problem)\(quotingHint(near: mark.line))", at: mark)
            case .duplicatedKeysInMapping(let duplicates, let context):
                self.problem("the key \(duplicates.joined(separator: ", ")) appears twice in one mapping; keep one", at: context.mark)
            case .reader(let problem, let offset, let value, _):
                // libyaml's reader refuses bytes before any parsing (a NUL, a control
                // character): its place is an offset, turned here into a line and column.
                let (line, column) = offset.map { position(ofCharacter: $0, in: text) } ?? (1, 1)
                let character = value >= 0 ? " (U+\(String(format: "%04X", value)))" : ""
                problems.append(Diagnostic(file: file, line: line, column: column,
                                           message: "not valid YAML: \(problem)\(character); remove it (a text pit shows never holds one)"))
            default:
                self.problem("not valid YAML: \(error)", at: nil as Node?)
            }
            return nil
        } catch {
            problem("not valid YAML: \(error)", at: nil as Node?)
            return nil
        }
    }

    /// The 1-based line and column of the character `offset` characters into `text`.
    func position(ofCharacter offset: Int, in text: String) -> (line: Int, column: Int) {
        var line = 1, column = 1
        for character in text.prefix(offset) {
            if character.isNewline { line += 1; column = 1 } else { column += 1 }
        }
        return (line, column)
    }

    /// Line `number` (1-based) of the text composed, without its line break.
    func sourceLine(_ number: Int) -> Substring? {
        guard number >= 1 else { return nil }
        var index = 1
        for line in source.split(separator: "\n", omittingEmptySubsequences: false) {
            if index == number { return line }
            index += 1
        }
        return nil
    }

    /// How to mend a syntax error at `line` when it is plain text YAML read as syntax; the
    /// line before is tried too, as libyaml often notices the mistake only on the next line.
    func quotingHint(near line: Int) -> String {
        if let here = sourceLine(line), let hint = QuotingHint.hint(for: here) { return hint }
        if let before = sourceLine(line - 1), let hint = QuotingHint.hint(for: before, brackets: false) { return hint }
        return ""
    }

    /// The mapping at `node`, or a problem saying what was expected.
    public mutating func mapping(_ node: Node?, _ what: String) -> Node.Mapping? {
        guard let node else { return nil }
        guard let map = node.mapping else {
            problem("\(what) must be a mapping (key: value lines)", at: node)
            return nil
        }
        return map
    }

    public mutating func requiredString(_ map: Node.Mapping, _ key: String, in what: String, owner: Node?) -> String? {
        guard let node = map[field: key] else {
            problem("\(what) is missing `\(key)`", at: owner)
            return nil
        }
        guard let text = node.scalar?.string, !text.trimmed.isEmpty else {
            let lost = node.mark.flatMap { sourceLine($0.line) }.flatMap(QuotingHint.commentHint) ?? ""
            problem("`\(key)` of \(what) must be non-empty text\(lost)", at: node)
            return nil
        }
        return text.trimmed
    }

    public mutating func optionalString(_ map: Node.Mapping, _ key: String) -> String? {
        guard let node = map[field: key] else { return nil }
        guard let text = node.scalar?.string else {
            problem("`\(key)` must be text", at: node)
            return nil
        }
        return text.trimmed
    }

    public mutating func requiredInt(_ map: Node.Mapping, _ key: String, in what: String, owner: Node?) -> Int? {
        guard let node = map[field: key] else {
            problem("\(what) is missing `\(key)`", at: owner)
            return nil
        }
        guard let value = YAMLReader.integer(node) else {
            problem("`\(key)` of \(what) must be a whole number", at: node)
            return nil
        }
        return value
    }

    public mutating func stringList(_ map: Node.Mapping, _ key: String, in what: String) -> [String]? {
        guard let node = map[field: key] else { return nil }
        guard let items = node.sequence else {
            problem("`\(key)` of \(what) must be a list", at: node)
            return nil
        }
        var result: [String] = []
        for item in items {
            if let text = item.scalar?.string, !text.isEmpty {
                result.append(text.trimmed)
            } else {
                problem("each entry of `\(key)` in \(what) must be text", at: item)
            }
        }
        return result
    }

    /// A whole number written as a plain scalar.
    public static func integer(_ node: Node) -> Int? {
        guard let scalar = node.scalar, scalar.style == .plain else { return nil }
        return Int(scalar.string)
    }

    public static func boolean(_ node: Node) -> Bool? {
        switch node.scalar.map({ $0.style == .plain ? $0.string.lowercased() : "" }) {
        case "true", "yes": true
        case "false", "no": false
        default: nil
        }
    }

    /// The key node itself (for pointing at `levels:` rather than its first entry).
    public func key(_ map: Node.Mapping, _ name: String) -> Node? {
        map.first { $0.key.string == name }?.key
    }

    /// Reports keys the format does not know, which are usually typos.
    public mutating func unknownKeys(_ map: Node.Mapping, allowed: Set<String>, in what: String) {
        for (key, _) in map {
            guard let name = key.string, !allowed.contains(name) else { continue }
            problem("unknown key `\(name)` in \(what); expected one of: \(allowed.sorted().joined(separator: ", "))", at: key)
        }
    }
}

extension Node.Mapping {
    /// The value for a key, compared as text (the mapping's own subscript builds and
    /// resolves a node per lookup).
    public subscript(field name: String) -> Node? {
        first { $0.key.scalar?.string == name }?.value
    }
}

extension String {
    /// Folded YAML scalars keep a trailing newline; content is shown trimmed.
    public var trimmed: String {
        var s = Substring(self)
        while s.first?.isWhitespace == true { s.removeFirst() }
        while s.last?.isWhitespace == true { s.removeLast() }
        return String(s)
    }
}
