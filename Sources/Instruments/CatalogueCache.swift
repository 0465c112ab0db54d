import DiskCache
import Foundation

/// The parsed catalogue kept on disk, so a start reads one file instead of parsing every
/// YAML file (parsing is most of the time before pit's first frame). The cache is keyed on
/// the name, modification time and size of every file the catalogue is made from, and on
/// the program that parsed them (`build`), so an edited, added or removed instrument, or a
/// new pit, parses afresh. A cache that cannot be read or decoded is ignored and replaced;
/// one that cannot be written is simply not kept.
public enum CatalogueCache {
    /// Bump when the cached layout changes in a way the build stamp would not show.
    static let format = 2
    static let magic = "pit catalogue cache"

    /// `Catalogue.load(shipped:extra:)`, through the cache in `directory`.
    /// - Parameter build: names the running program (e.g. its executable's size and time).
    public static func load(shipped: URL, extra: [URL] = [], directory: URL, build: String) throws -> Catalogue {
        let folders = [shipped] + extra
        let stamps = self.stamps(shipped: shipped, folders: folders)
        let file = directory.appendingPathComponent("catalogue-\(FileStamp.fingerprint(folders.map(\.path)))")
        if let data = FileManager.default.contents(atPath: file.path),
           let cached = try? decode([UInt8](data), build: build, stamps: stamps) {
            return cached
        }
        let catalogue = try Catalogue.load(shipped: shipped, extra: extra)
        try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try? Data(encode(catalogue, build: build, stamps: stamps)).write(to: file, options: .atomic)
        return catalogue
    }

    static func encode(_ catalogue: Catalogue, build: String, stamps: [FileStamp]) -> [UInt8] {
        var w = ByteWriter()
        w.string(magic); w.int(format); w.string(build)
        w.array(stamps) { $0.stamp($1) }
        w.triangle(catalogue.triangle)
        w.array(catalogue.instruments) { $0.instrument($1) }
        w.array(catalogue.problems) { $0.diagnostic($1) }
        w.briefing(catalogue.briefing)
        return w.bytes
    }

    /// The cached catalogue, or nil when it was written for other files or another build.
    static func decode(_ bytes: [UInt8], build: String, stamps: [FileStamp]) throws -> Catalogue? {
        var r = ByteReader(bytes)
        guard try r.string() == magic, try r.int() == format, try r.string() == build,
              try r.array({ try $0.stamp() }) == stamps
        else { return nil }
        let triangle = try r.triangle()
        let instruments = try r.array { try $0.instrument() }
        let problems = try r.array { try $0.diagnostic() }
        let briefing = try r.briefing()
        guard r.isAtEnd else { throw ByteReader.Malformed() }
        return Catalogue(triangle: triangle, instruments: instruments, problems: problems, briefing: briefing)
    }

    /// Every file the catalogue reads, in a fixed order; a missing file has size -1.
    static func stamps(shipped: URL, folders: [URL]) -> [FileStamp] {
        let files = [shipped.appendingPathComponent(Catalogue.triangleFileName), shipped.appendingPathComponent(Briefing.fileName)]
            + folders.flatMap { Catalogue.yamlFiles(in: $0) }
        return files.map { FileStamp.of($0.path) }
    }
}
