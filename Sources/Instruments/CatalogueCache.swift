import DiskCache
import Foundation

/// The parsed catalogue kept on disk, so a start reads one file instead of parsing every
/// YAML file (parsing is most of the time before pit's first frame). The cache is keyed on
/// the name, modification time, size, inode and change time of every file the catalogue
/// is made from (`FileStamp`: a copy that keeps the size and time is still seen), and on
/// the program that parsed them (`build`), so an edited, added or removed instrument, or a
/// new pit, parses afresh. A cache that cannot be read or decoded is ignored and replaced;
/// one that cannot be written is simply not kept.
public enum CatalogueCache {
    /// Bump when the cached layout changes in a way the build stamp would not show.
    /// 4: file stamps hold the inode and change time.
    static let format = 4
    static let magic = "pit catalogue cache"
    /// What a deferred load reads of the file at first: its header and the problems.
    public static let frontBytes = 16 << 10

    /// `Catalogue.load(shipped:extra:)`, through the cache in `directory`.
    /// - Parameter build: names the running program (e.g. its executable's size and time).
    public static func load(shipped: URL, extra: [URL] = [], directory: URL, build: String) throws -> Catalogue {
        try loadDeferred(shipped: shipped, extra: extra, directory: directory, build: build, firstRead: nil).catalogue()
    }

    /// As `load`, with the content left in the cache's bytes until it is first asked for.
    /// Parses now (and throws what the parse throws) when the cache is missing or stale.
    /// - Parameter firstRead: how much of the file a start reads at once: the header and the
    ///   problems are at its front, and the rest (over a hundred kilobytes) waits. nil reads
    ///   and decodes the whole file now, once, for a caller that needs the content at once.
    public static func loadDeferred(shipped: URL, extra: [URL] = [], directory: URL, build: String,
                                    firstRead: Int? = frontBytes) throws -> DeferredCatalogue {
        let folders = Catalogue.distinctFolders(shipped: shipped, extra: extra)
        let file = directory.appendingPathComponent("catalogue-\(FileStamp.fingerprint(folders.map(\.path)))")
        let header = header(build: build, stamps: stamps(shipped: shipped, folders: folders))
        let parse = { @Sendable in try Catalogue.load(shipped: shipped, extra: extra) }
        guard let firstRead else {
            return DeferredCatalogue(made: try header.load(file, write: { $0.catalogue($1) }, read: { try $0.catalogue() },
                                                          make: parse))
        }
        let remake = { @Sendable in try header.makeAndKeep(file, write: { $0.catalogue($1) }, make: parse) }
        // Read whole when it is needed; a cache rewritten meanwhile (by another pit, after
        // an edit) is still held to this start's header.
        let whole = { @Sendable in header.cached(file, read: { try $0.catalogue() }) }
        if let problems = header.cachedFront(file, length: firstRead, read: { try $0.problems() }) {
            return DeferredCatalogue(problems: problems, cached: whole, remake: remake)
        }
        return DeferredCatalogue(made: try remake())
    }

    static func header(build: String, stamps: [FileStamp]) -> CacheHeader {
        CacheHeader(kind: magic, format: format, build: build, stamps: stamps)
    }

    static func encode(_ catalogue: Catalogue, build: String, stamps: [FileStamp]) -> [UInt8] {
        header(build: build, stamps: stamps).encode { $0.catalogue(catalogue) }
    }

    /// The cached catalogue, or nil when it was written for other files or another build.
    static func decode(_ bytes: [UInt8], build: String, stamps: [FileStamp]) throws -> Catalogue? {
        try header(build: build, stamps: stamps).decode(bytes) { try $0.catalogue() }
    }

    /// Every file the catalogue reads, in a fixed order; a missing file has size -1.
    static func stamps(shipped: URL, folders: [URL]) -> [FileStamp] {
        let shippedPath = shipped.path
        let files = [shippedPath + "/" + Catalogue.triangleFileName, shippedPath + "/" + Briefing.fileName]
            + folders.flatMap { Catalogue.yamlFilePaths(in: $0.path) }
        return files.map { FileStamp.of($0) }
    }
}
