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
    static let format = 3
    static let magic = "pit theme cache"

    /// `ThemeLoader.parse` of `file`, through the cache in `directory`. Throws what the
    /// parse throws (a theme with mistakes is never cached).
    /// - Parameter build: names the running program (e.g. its executable's size and time).
    public static func load(file: URL, directory: URL, build: String) throws -> Theme {
        let cache = directory.appendingPathComponent("theme-\(FileStamp.fingerprint([file.path]))")
        return try header(build: build, stamp: .of(file.path))
            .load(cache, write: { $0.theme($1) }, read: { try $0.theme() },
                  make: { try ThemeLoader.parse(try ThemeLoader.readBounded(file), file: file.lastPathComponent) })
    }

    static func header(build: String, stamp: FileStamp) -> CacheHeader {
        CacheHeader(kind: magic, format: format, build: build, stamps: [stamp])
    }

    static func encode(_ theme: Theme, build: String, stamp: FileStamp) -> [UInt8] {
        header(build: build, stamp: stamp).encode { $0.theme(theme) }
    }

    /// The cached theme, or nil when it was written for another file state or build.
    static func decode(_ bytes: [UInt8], build: String, stamp: FileStamp) throws -> Theme? {
        try header(build: build, stamp: stamp).decode(bytes) { try $0.theme() }
    }
}

private extension ByteWriter {
    mutating func theme(_ theme: Theme) {
        string(theme.name); string(theme.summary)
        array(theme.styles.sorted { $0.key.name < $1.key.name }) { w, entry in
            let style = entry.value
            w.string(entry.key.name)
            w.colour(style.foreground); w.colour(style.background)
            w.optionalColour(style.foreground8); w.optionalColour(style.background8)
            w.int(Int(style.attributes.rawValue))
            w.bool(style.monoAttributes != nil)
            if let mono = style.monoAttributes { w.int(Int(mono.rawValue)) }
        }
    }

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
    mutating func theme() throws -> Theme {
        let name = try string()
        let summary = try string()
        let entries = try array { r -> (Role, RoleStyle) in
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
        return Theme(name: name, summary: summary, styles: Dictionary(entries, uniquingKeysWith: { _, last in last }))
    }

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
