import Foundation
import YAMLDocument

/// Every instrument the program can offer, with the problems found while loading.
/// A broken file is reported and skipped; it never stops the others from loading.
public struct Catalogue: Sendable {
    public var triangle: Triangle
    public var instruments: [Instrument]
    public var problems: [Diagnostic]
    /// The "why it matters" reading and glossary, when the shipped folder has it.
    public var briefing: Briefing?

    public init(triangle: Triangle, instruments: [Instrument], problems: [Diagnostic] = [], briefing: Briefing? = nil) {
        self.triangle = triangle; self.instruments = instruments; self.problems = problems; self.briefing = briefing
    }

    public static let triangleFileName = "triangle.yaml"

    public func instrument(_ id: String) -> Instrument? { instruments.first { $0.id == id } }

    /// The levels each instrument's scale allows, by instrument id (the first instrument
    /// wins where two share an id, as `instrument(_:)` finds it): what a session's levels
    /// are held to when it is read or written.
    public var scaleLevels: [String: Set<Int>] {
        Dictionary(instruments.map { ($0.id, Set($0.scale.values)) }, uniquingKeysWith: { first, _ in first })
    }

    /// The instruments placed on a component, in the order the triangle file lists them,
    /// followed by any user instruments placed there.
    public func instruments(for component: ComponentID) -> [Instrument] {
        let named = triangle[component]?.instruments.compactMap { instrument($0) } ?? []
        let extra = instruments.filter { $0.placement == component && !named.contains($0) }
        return named + extra
    }

    /// Loads `triangle.yaml` and every instrument from `shipped`, then each of `extra`
    /// (user folders; a missing folder is not an error).
    public static func load(shipped: URL, extra: [URL] = []) throws -> Catalogue {
        let triangleURL = shipped.appendingPathComponent(triangleFileName)
        let triangleData: Data
        switch BoundedRead.data(at: triangleURL.path, limit: maxFileBytes) {
        case .success(let d): triangleData = d
        case .failure(.tooLarge(let size, let limit)):
            throw DiagnosticList([Diagnostic(file: triangleURL.path, line: 1, column: 1,
                                             message: describe(.tooLarge(size: size, limit: limit)))])
        case .failure:
            throw DiagnosticList([Diagnostic(file: triangleURL.path, line: 1, column: 1,
                                             message: "cannot read the triangle file; is pit's Assessments folder intact?")])
        }
        guard let text = String(data: triangleData, encoding: .utf8) else {
            throw DiagnosticList([Diagnostic(file: triangleURL.path, line: 1, column: 1,
                                             message: "the triangle file is not UTF-8 text; save it as UTF-8")])
        }
        let (parsed, triangleProblems) = TriangleParser.parse(text, file: triangleURL.path)
        guard let triangle = parsed else { throw DiagnosticList(triangleProblems) }

        var instruments: [Instrument] = []
        var problems: [Diagnostic] = []
        let files = instrumentFiles(shipped: shipped, extra: extra)
        // The files are independent, so they are read side by side; the results keep file order.
        let loaded = LoadResults(count: files.count)
        DispatchQueue.concurrentPerform(iterations: files.count) { i in loaded.set(i, loadInstrument(at: files[i])) }
        for (url, (instrument, found)) in zip(files, loaded.values) {
            problems += found
            guard let instrument else { continue }
            if let existing = instruments.first(where: { $0.id == instrument.id }) {
                problems.append(Diagnostic(file: url.path, line: 1, column: 1,
                                           message: "id `\(instrument.id)` is already used by \(existing.source); rename one of them"))
                continue
            }
            instruments.append(instrument)
        }
        // A reference to another instrument that is not there is a mistake in the file like
        // any other: the file is skipped, as `pit instruments validate` fails it. Skipping
        // one can strand another's reference to it, so this repeats until nothing changes.
        while true {
            let found = overlapProblems(instruments)
            if found.isEmpty { break }
            problems += found
            let broken = Set(found.map(\.file))
            instruments.removeAll { broken.contains($0.source) }
        }
        for component in triangle.components {
            for id in component.instruments where !instruments.contains(where: { $0.id == id }) {
                problems.append(Diagnostic(file: triangleURL.path, line: 1, column: 1,
                                           message: "component `\(component.id.rawValue)` names instrument `\(id)`, which did not load"))
            }
        }
        var briefing: Briefing?
        let briefingURL = shipped.appendingPathComponent(Briefing.fileName)
        if let text = try? String(contentsOf: briefingURL, encoding: .utf8) {
            let (parsed, found) = BriefingParser.parse(text, file: briefingURL.path)
            briefing = parsed
            problems += found
        }
        return Catalogue(triangle: triangle, instruments: instruments, problems: problems, briefing: briefing)
    }

    /// Guidance overlaps that name another instrument must name one that loaded, and an
    /// element of it; each problem points at the `see:` that names it.
    public static func overlapProblems(_ instruments: [Instrument]) -> [Diagnostic] {
        var problems: [Diagnostic] = []
        for instrument in instruments {
            for element in instrument.elements {
                for overlap in element.guidance?.overlaps ?? [] {
                    let (other, id) = overlap.ref(in: instrument.id)
                    guard let target = instruments.first(where: { $0.id == other }) else {
                        problems.append(Diagnostic(file: instrument.source, line: overlap.line, column: overlap.column,
                                                   message: "element `\(element.id)` overlaps `\(overlap.see)`, but no instrument `\(other)` is loaded; "
                                                       + "correct the id, install that instrument, or remove the overlap"))
                        continue
                    }
                    if target.element(id) == nil {
                        problems.append(Diagnostic(file: instrument.source, line: overlap.line, column: overlap.column,
                                                   message: "element `\(element.id)` overlaps `\(overlap.see)`, but `\(other)` has no element `\(id)`; its elements are "
                                                       + target.elements.map(\.id).joined(separator: ", ")))
                    }
                }
            }
        }
        return problems
    }

    /// Collects results written from several threads, each into its own slot.
    final class LoadResults: @unchecked Sendable {
        private var slots: [(Instrument?, [Diagnostic])]
        private let lock = NSLock()
        init(count: Int) { slots = Array(repeating: (nil, []), count: count) }
        func set(_ index: Int, _ value: (Instrument?, [Diagnostic])) { lock.withLock { slots[index] = value } }
        var values: [(Instrument?, [Diagnostic])] { lock.withLock { slots } }
    }

    /// The largest instrument or triangle file pit reads. The shipped ones are under 40 KiB;
    /// a larger file is skipped with a message rather than slowing every command.
    public static let maxFileBytes = 1 << 20

    public static func loadInstrument(at url: URL) -> (Instrument?, [Diagnostic]) {
        let data: Data
        switch BoundedRead.data(at: url.path, limit: maxFileBytes) {
        case .success(let d): data = d
        case .failure(let failure): return (nil, [Diagnostic(file: url.path, line: 1, column: 1, message: describe(failure))])
        }
        guard let text = String(data: data, encoding: .utf8) else {
            return (nil, [Diagnostic(file: url.path, line: 1, column: 1, message: "the file is not UTF-8 text; save it as UTF-8")])
        }
        return InstrumentParser.parse(text, file: url.path)
    }

    static func describe(_ failure: BoundedRead.Failure) -> String {
        BoundedRead.message(failure, for: "instrument files")
    }

    /// The instrument files the catalogue reads: the shipped folder's but its triangle file
    /// (which describes the triangle, not an instrument), then every user folder's, all of
    /// them; each folder once (`distinctFolders`).
    static func instrumentFiles(shipped: URL, extra: [URL]) -> [URL] {
        let folders = distinctFolders(shipped: shipped, extra: extra)
        return yamlFiles(in: folders[0]).filter { $0.lastPathComponent != triangleFileName }
            + folders.dropFirst().flatMap { yamlFiles(in: $0) }
    }

    /// `shipped` and then each of `extra` not already among them, compared by real path: a
    /// folder named twice (`--instrument-dir x --instrument-dir x/`, or the user folder given
    /// again) is read once, rather than each of its files clashing with itself.
    public static func distinctFolders(shipped: URL, extra: [URL]) -> [URL] {
        var seen: Set<String> = []
        return ([shipped] + extra).filter { seen.insert(realPath($0.path)).inserted }
    }

    /// The path with links and `.`/`..` resolved; a folder that does not exist keeps its
    /// path (without a trailing slash), so two spellings of it still compare alike.
    static func realPath(_ path: String) -> String {
        guard let resolved = realpath(path, nil) else { return URL(fileURLWithPath: path).standardizedFileURL.path }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// Every `.yaml` or `.yml` file in `directory` (in any case: `.YAML` too), by name,
    /// but hidden ones (`.backup.yaml`, an editor's `.#tool.yaml` lock); none for a folder that does
    /// not exist. Listed with readdir: FileManager's listing makes a URL and a record per
    /// entry, and an error object for a missing folder (the user's instruments folder,
    /// usually), a few percent of a start that reads the catalogue from its cache.
    static func yamlFiles(in directory: URL) -> [URL] {
        yamlFileNames(in: directory.path).map { directory.appendingPathComponent($0) }
    }

    /// The same files' paths, for a start that only stamps them (`CatalogueCache`): building
    /// their URLs was a tenth of that check.
    static func yamlFilePaths(in folder: String) -> [String] {
        let prefix = folder.hasSuffix("/") ? folder : folder + "/"
        return yamlFileNames(in: folder).map { prefix + $0 }
    }

    private static func yamlFileNames(in path: String) -> [String] {
        guard let folder = opendir(path) else { return [] }
        defer { closedir(folder) }
        var names: [String] = []
        while let entry = readdir(folder) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            if isYAMLFileName(name) { names.append(name) }
        }
        return names.sorted()
    }

    /// A name ending `.yaml` or `.yml`, in any case, that does not start with a dot: a
    /// hidden file is a backup, an editor's lock or swap file, never one meant to be read.
    static func isYAMLFileName(_ name: String) -> Bool {
        guard name.first != ".", let dot = name.lastIndex(of: ".") else { return false }
        let suffix = name[name.index(after: dot)...].lowercased()
        return suffix == "yaml" || suffix == "yml"
    }
}
