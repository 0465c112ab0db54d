import Foundation
import YAMLDocument
import Yams

/// A terminal colour as a theme names it.
public enum ThemeColour: Hashable, Sendable {
    case terminalDefault
    case indexed(Int)  // 0-7 are the basic colours, 8-255 the extended palette

    static let names = ["black", "red", "green", "yellow", "blue", "magenta", "cyan", "white"]

    init?(parsing text: String) {
        // The standard library's trim, not Foundation's: on Linux Foundation's string
        // methods go through NSString, a slower first call before pit's first frame.
        let t = text.trimmed.lowercased()
        if t == "default" || t == "none" { self = .terminalDefault; return }
        if let i = ThemeColour.names.firstIndex(of: t) { self = .indexed(i); return }
        if let n = Int(t), (0...255).contains(n) { self = .indexed(n); return }
        return nil
    }

    /// The nearest of the 8 basic colours, for terminals without the 256-colour palette.
    public var basic: ThemeColour {
        guard case .indexed(let n) = self, n >= 8 else { return self }
        if n < 16 { return .indexed(n - 8) }
        if n >= 232 { return .indexed(n < 244 ? 0 : 7) }
        let c = n - 16
        let r = c / 36, g = (c / 6) % 6, b = c % 6
        let bit = { (v: Int) in v >= 2 ? 1 : 0 }
        let index = bit(r) | bit(g) << 1 | bit(b) << 2
        return .indexed(index)
    }
}

/// Terminal attributes a theme can ask for.
public struct TextAttributes: OptionSet, Hashable, Sendable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }
    public static let bold = TextAttributes(rawValue: 1)
    public static let dim = TextAttributes(rawValue: 2)
    public static let underline = TextAttributes(rawValue: 4)
    public static let reverse = TextAttributes(rawValue: 8)
    public static let italic = TextAttributes(rawValue: 16)

    static let names: [String: TextAttributes] = ["bold": .bold, "dim": .dim, "underline": .underline, "reverse": .reverse, "italic": .italic]
}

/// How a role looks at each colour depth.
public struct RoleStyle: Hashable, Sendable {
    public var foreground: ThemeColour = .terminalDefault
    public var background: ThemeColour = .terminalDefault
    public var foreground8: ThemeColour?
    public var background8: ThemeColour?
    public var attributes: TextAttributes = []
    /// Attributes used when there is no colour at all (NO_COLOR, TERM without colours).
    public var monoAttributes: TextAttributes?

    public init() {}
}

public enum ColourDepth: Sendable, Equatable {
    case none, eight, full
}

/// What the backend needs for one role at the terminal's depth.
public struct ResolvedStyle: Hashable, Sendable {
    public var foreground: ThemeColour
    public var background: ThemeColour
    public var attributes: TextAttributes

    public init(foreground: ThemeColour, background: ThemeColour, attributes: TextAttributes) {
        self.foreground = foreground; self.background = background; self.attributes = attributes
    }
}

public struct Theme: Sendable, Equatable {
    public var name: String
    public var summary: String
    public var styles: [Role: RoleStyle]

    public init(name: String, summary: String, styles: [Role: RoleStyle]) {
        self.name = name; self.summary = summary; self.styles = styles
    }

    /// Attributes that keep meaning visible without colour: selection reversed, titles
    /// and warnings bold, muted text dim.
    static func defaultMono(_ role: Role) -> TextAttributes {
        switch role {
        case .selection, .statusKey: [.reverse]
        // On the usual light-on-dark terminal, reverse video is dark on light.
        case .qr: [.reverse]
        case .title, .warning, .accent, .civic, .service, .community, .centre, .heat5: [.bold]
        case .muted, .heatNA, .heat1: [.dim]
        case .status: [.reverse]
        default: []
        }
    }

    public func resolve(_ role: Role, depth: ColourDepth) -> ResolvedStyle {
        let style = styles[role] ?? RoleStyle()
        switch depth {
        case .none:
            return ResolvedStyle(foreground: .terminalDefault, background: .terminalDefault,
                                 attributes: style.monoAttributes ?? Theme.defaultMono(role))
        case .eight:
            return ResolvedStyle(foreground: style.foreground8 ?? style.foreground.basic,
                                 background: style.background8 ?? style.background.basic,
                                 attributes: style.attributes)
        case .full:
            return ResolvedStyle(foreground: style.foreground, background: style.background, attributes: style.attributes)
        }
    }

    /// The built-in fallback, used when no theme file can be read: attributes only.
    public static let plain = Theme(name: "mono", summary: "Attributes only", styles: [:])
}

public struct ThemeError: Error, CustomStringConvertible, Equatable {
    public var file: String
    public var line: Int?
    public var column: Int?
    public var message: String

    public init(file: String, line: Int?, column: Int? = nil, message: String) {
        self.file = file; self.line = line; self.column = column; self.message = message
    }

    /// A problem the YAML walk found, with its place in the file.
    init(_ problem: Diagnostic) {
        self.init(file: problem.file, line: problem.line, column: problem.column, message: problem.message)
    }

    /// "themes/x.yaml:4:3: unknown role ...", as instrument files' problems read.
    public var description: String {
        switch (line, column) {
        case let (line?, column?): return "\(file):\(line):\(column): \(message)"
        case let (line?, nil): return "\(file):\(line): \(message)"
        default: return "\(file): \(message)"
        }
    }
}

public enum ThemeLoader {
    /// Parses a theme file through the shared YAML walk. Unknown roles, colours and
    /// attributes are errors naming the file, line and column; the first one is thrown
    /// (`read` has them all).
    public static func parse(_ text: String, file: String) throws -> Theme {
        let (theme, problems) = read(text, file: file)
        if let first = problems.first { throw first }
        guard let theme else { throw ThemeError(file: file, line: nil, message: "not a theme") }
        return theme
    }

    /// The theme, or every problem in the file, each with its line and column, as an
    /// instrument file's problems are listed: an author fixes them all in one go.
    public static func read(_ text: String, file: String) -> (theme: Theme?, problems: [ThemeError]) {
        var reader = YAMLReader(file: file)
        let theme = walk(text, &reader)
        if !reader.problems.isEmpty { return (nil, reader.problems.map(ThemeError.init)) }
        return (theme, [])
    }

    static func walk(_ text: String, _ r: inout YAMLReader) -> Theme? {
        guard let root = r.compose(text, ifEmpty: "the file is empty; a theme needs `name` and `roles`"),
              let map = r.mapping(root, "a theme (with `name` and `roles`)") else { return nil }
        r.unknownKeys(map, allowed: ["name", "description", "roles"], in: "a theme")
        let name = r.requiredString(map, "name", in: "a theme", owner: root)
        let summary = r.optionalString(map, "description") ?? ""
        guard let rolesNode = map[field: "roles"] else {
            r.problem("a theme is missing `roles`", at: root)
            return nil
        }
        guard let roles = r.mapping(rolesNode, "`roles`") else { return nil }
        var styles: [Role: RoleStyle] = [:]
        for (key, value) in roles {
            guard let roleName = key.string, let role = Role(name: roleName) else {
                let known = Role.allCases.map(\.name).joined(separator: ", ")
                r.problem("unknown role `\(key.string ?? "?")`; known roles: \(known)", at: key)
                continue
            }
            guard let fields = value.mapping else {
                r.problem("role `\(roleName)` must be a mapping like {fg: 208, attrs: [bold]}", at: value)
                continue
            }
            var style = RoleStyle()
            for (fieldKey, fieldValue) in fields {
                let field = fieldKey.string ?? ""
                func colour() -> ThemeColour? {
                    guard let text = fieldValue.string, let c = ThemeColour(parsing: text) else {
                        r.problem("`\(field)` of `\(roleName)` must be default, a colour name or 0-255", at: fieldValue)
                        return nil
                    }
                    return c
                }
                func attributes() -> TextAttributes {
                    // One attribute may be written alone; several must be a list. A mapping
                    // (`{bold: true}`) or words in one text (`bold underline`) are the usual
                    // slips, and are named as such rather than as an unknown attribute.
                    let oneWord = fieldValue.string.map { !$0.trimmed.contains(where: { $0.isWhitespace || $0 == "," }) } ?? false
                    guard fieldValue.sequence != nil || oneWord else {
                        r.problem("`\(field)` of `\(roleName)` must be a list such as [bold, underline]", at: fieldValue)
                        return []
                    }
                    let items = fieldValue.sequence.map { Array($0) } ?? [fieldValue]
                    var result: TextAttributes = []
                    for item in items {
                        guard let n = item.string, let a = TextAttributes.names[n] else {
                            r.problem("unknown attribute `\(item.string ?? "?")`; use bold, dim, underline, reverse, italic", at: item)
                            continue
                        }
                        result.insert(a)
                    }
                    return result
                }
                switch field {
                case "fg": style.foreground = colour() ?? style.foreground
                case "bg": style.background = colour() ?? style.background
                case "fg8": style.foreground8 = colour()
                case "bg8": style.background8 = colour()
                case "attrs": style.attributes = attributes()
                case "mono": style.monoAttributes = attributes()
                default: r.problem("unknown field `\(field)`; use fg, bg, fg8, bg8, attrs, mono", at: fieldKey)
                }
            }
            styles[role] = style
        }
        guard let name else { return nil }
        return Theme(name: name, summary: summary, styles: styles)
    }

    /// Every `*.yaml` theme in `directory`, sorted with `default` first. Broken files are
    /// returned as errors beside the themes that loaded, every problem of each; a theme
    /// whose name an earlier file (by file name) already has is an error too, since
    /// `--theme NAME` could reach only one of them.
    public static func loadAll(from directory: URL) -> (themes: [Theme], errors: [ThemeError]) {
        let (loaded, errors) = loadAllNamingFiles(from: directory)
        return (loaded.map(\.theme), errors)
    }

    /// `loadAll`, with the path of the file each theme came from, for messages about it.
    public static func loadAllNamingFiles(from directory: URL) -> (themes: [(theme: Theme, file: String)], errors: [ThemeError]) {
        let files = ((try? FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: nil)) ?? [])
            .filter(isThemeFile).sorted { $0.lastPathComponent < $1.lastPathComponent }
        var themes: [(theme: Theme, file: String)] = []
        var errors: [ThemeError] = []
        for url in files {
            do {
                let (theme, problems) = read(try readBounded(url), file: url.path)
                errors += problems
                guard let theme else { continue }
                if let first = themes.first(where: { $0.theme.name == theme.name }) {
                    errors.append(ThemeError(file: url.path, line: 1, column: 1,
                                             message: "the theme name `\(theme.name)` is already used by \(first.file); give this one another `name`"))
                    continue
                }
                themes.append((theme, url.path))
            } catch let error as ThemeError {
                errors.append(error)
            } catch {
                errors.append(ThemeError(file: url.path, line: nil, message: "cannot read: \(error.localizedDescription)"))
            }
        }
        let order = ["default", "light", "projector", "colourblind", "mono"]
        let sorted = themes.sorted {
            (order.firstIndex(of: $0.theme.name) ?? order.count, $0.theme.name) < (order.firstIndex(of: $1.theme.name) ?? order.count, $1.theme.name)
        }
        return (sorted, errors)
    }

    /// A `.yaml` or `.yml` file (any case) that is not hidden: a hidden file is a backup or
    /// an editor's lock, as in the instruments folder.
    static func isThemeFile(_ url: URL) -> Bool {
        let name = url.lastPathComponent
        return name.first != "." && ["yaml", "yml"].contains(url.pathExtension.lowercased())
    }

    /// The largest theme file pit reads; the shipped ones are under 4 KiB.
    public static let maxFileBytes = 1 << 20

    /// A theme file's text, refused unread if it is over `maxFileBytes` or not a regular
    /// file, so a stray large file in the themes folder cannot slow pit down.
    static func readBounded(_ url: URL) throws -> String {
        switch BoundedRead.data(at: url.path, limit: maxFileBytes) {
        case .success(let data):
            guard let text = String(data: data, encoding: .utf8) else {
                throw ThemeError(file: url.path, line: nil, message: "the file is not UTF-8 text; save it as UTF-8")
            }
            return text
        case .failure(let failure):
            throw ThemeError(file: url.path, line: nil, message: BoundedRead.message(failure, for: "theme files"))
        }
    }
}
