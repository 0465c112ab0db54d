import DiskCache
import Foundation

/// The starting theme kept parsed on disk, as the catalogue is (`CatalogueCache`): parsing
/// even a small theme file through the YAML library took about a tenth of pit's time to
/// its first frame, most of it the first use of the library itself. Keyed on the theme
/// file's path, modification time and size and on the program, so an edited theme or a new
/// pit parses afresh. A cache that cannot be read is ignored and replaced; one that cannot
/// be written is simply not kept.
public enum ThemeCache {
    /// Bump when the cached layout changes in a way the build stamp would not show.
    static let format = 1
    static let magic = "pit theme cache"

    /// `ThemeLoader.parse` of `file`, through the cache in `directory`. Throws what the
    /// parse throws (a theme with mistakes is never cached).
    /// - Parameter build: names the running program (e.g. its executable's size and time).
    public static func load(file: URL, directory: URL, build: String) throws -> Theme {
        let stamp = FileStamp.of(file.path)
        let cache = directory.appendingPathComponent("theme-\(FileStamp.fingerprint([file.path]))")
        if let data = FileManager.default.contents(atPath: cache.path),
           let cached = try? decode([UInt8](data), build: build, stamp: stamp) {
            return cached
        }
        let theme = try ThemeLoader.parse(try ThemeLoader.readBounded(file), file: file.lastPathComponent)
        try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try? Data(encode(theme, build: build, stamp: stamp)).write(to: cache, options: .atomic)
        return theme
    }

    static func encode(_ theme: Theme, build: String, stamp: FileStamp) -> [UInt8] {
        var w = ByteWriter()
        w.string(magic); w.int(format); w.string(build); w.stamp(stamp)
        w.string(theme.name); w.string(theme.summary)
        w.array(theme.styles.sorted { $0.key.name < $1.key.name }) { w, entry in
            let style = entry.value
            w.string(entry.key.name)
            w.colour(style.foreground); w.colour(style.background)
            w.optionalColour(style.foreground8); w.optionalColour(style.background8)
            w.int(Int(style.attributes.rawValue))
            w.bool(style.monoAttributes != nil)
            if let mono = style.monoAttributes { w.int(Int(mono.rawValue)) }
        }
        return w.bytes
    }

    /// The cached theme, or nil when it was written for another file state or build.
    static func decode(_ bytes: [UInt8], build: String, stamp: FileStamp) throws -> Theme? {
        var r = ByteReader(bytes)
        guard try r.string() == magic, try r.int() == format, try r.string() == build, try r.stamp() == stamp
        else { return nil }
        let name = try r.string()
        let summary = try r.string()
        let entries = try r.array { r -> (Role, RoleStyle) in
            guard let role = Role(name: try r.string()) else { throw ByteReader.Malformed() }
            var style = RoleStyle()
            style.foreground = try r.colour()
            style.background = try r.colour()
            style.foreground8 = try r.optionalColour()
            style.background8 = try r.optionalColour()
            style.attributes = try r.attributes()
            style.monoAttributes = try r.bool() ? try r.attributes() : nil
            return (role, style)
        }
        guard r.isAtEnd else { throw ByteReader.Malformed() }
        return Theme(name: name, summary: summary, styles: Dictionary(entries, uniquingKeysWith: { _, last in last }))
    }
}

private extension ByteWriter {
    /// -1 for the terminal's own colour, else the palette index.
    mutating func colour(_ c: ThemeColour) {
        switch c {
        case .terminalDefault: int(-1)
        case .indexed(let n): int(n)
        }
    }
    mutating func optionalColour(_ c: ThemeColour?) {
        bool(c != nil)
        if let c { colour(c) }
    }
}

private extension ByteReader {
    mutating func colour() throws -> ThemeColour {
        let n = try int()
        if n == -1 { return .terminalDefault }
        guard (0...255).contains(n) else { throw Malformed() }
        return .indexed(n)
    }
    mutating func optionalColour() throws -> ThemeColour? { try bool() ? try colour() : nil }
    mutating func attributes() throws -> TextAttributes {
        let n = try int()
        guard (0...255).contains(n) else { throw Malformed() }
        return TextAttributes(rawValue: UInt8(n))
    }
}
