import Yams
import YAMLDocument

/// Reads the facilitator-guidance parts of an instrument file (`guidance`, `sources`),
/// collecting every problem with its line like the rest of the parser.
enum GuidanceParser {
    static let guidanceKeys: Set<String> = ["minutes", "probes", "evidence", "levels", "pitfalls", "overlaps", "prompts"]

    static func parseSources(_ node: Node?, reader r: inout YAMLReader) -> [InstrumentSource] {
        guard let node else { return [] }
        guard let list = node.sequence else {
            r.problem("`sources` must be a list of {id, title, by, year}", at: node)
            return []
        }
        var sources: [InstrumentSource] = []
        for item in list {
            guard let map = r.mapping(item, "a source") else { continue }
            r.unknownKeys(map, allowed: ["id", "title", "by", "year", "use"], in: "a source")
            guard let id = r.requiredString(map, "id", in: "a source", owner: item) else { continue }
            let what = "source `\(id)`"
            let title = r.requiredString(map, "title", in: what, owner: item) ?? ""
            let by = r.requiredString(map, "by", in: what, owner: item) ?? ""
            let year = r.requiredString(map, "year", in: what, owner: item) ?? ""
            if sources.contains(where: { $0.id == id }) { r.problem("duplicate source id `\(id)`", at: map[field: "id"]) }
            sources.append(InstrumentSource(id: id, title: title, by: by, year: year, use: r.optionalString(map, "use") ?? ""))
        }
        return sources
    }

    /// - Parameter overlap: called with each `overlaps` target and its node, for the caller to check.
    static func parseGuidance(_ node: Node?, of what: String, sources: [InstrumentSource], reader r: inout YAMLReader,
                              overlap: (String, Node) -> Void) -> ElementGuidance? {
        guard let node else { return nil }
        guard let map = r.mapping(node, "`guidance` of \(what)") else { return nil }
        let inWhat = "the guidance of \(what)"
        r.unknownKeys(map, allowed: guidanceKeys, in: inWhat)
        var minutes = 0
        if let minutesNode = map[field: "minutes"] {
            if let value = YAMLReader.integer(minutesNode), (1...180).contains(value) {
                minutes = value
            } else {
                r.problem("`minutes` of \(inWhat) must be a whole number from 1 to 180", at: minutesNode)
            }
        } else {
            r.problem("\(inWhat) is missing `minutes` (the suggested time for the discussion)", at: node)
        }
        let probes = r.stringList(map, "probes", in: inWhat) ?? []
        if probes.isEmpty { r.problem("\(inWhat) needs at least one entry in `probes`", at: map[field: "probes"] ?? node) }
        let evidence = r.stringList(map, "evidence", in: inWhat) ?? []
        if evidence.isEmpty { r.problem("\(inWhat) needs at least one entry in `evidence`", at: map[field: "evidence"] ?? node) }
        let levels = r.stringList(map, "levels", in: inWhat) ?? []
        let pitfalls = r.stringList(map, "pitfalls", in: inWhat) ?? []

        var overlaps: [Overlap] = []
        for item in sequence(map[field: "overlaps"], "overlaps", inWhat, "{see, note}", reader: &r) {
            guard let entry = r.mapping(item, "an overlap") else { continue }
            r.unknownKeys(entry, allowed: ["see", "note"], in: "an overlap")
            guard let see = r.requiredString(entry, "see", in: "an overlap", owner: item),
                  let note = r.requiredString(entry, "note", in: "the overlap with `\(see)`", owner: item) else { continue }
            let seeNode = entry[field: "see"] ?? item
            overlap(see, seeNode)
            overlaps.append(Overlap(see: see, note: note, line: seeNode.mark?.line ?? 1, column: seeNode.mark?.column ?? 1))
        }
        var prompts: [SourcedPrompt] = []
        for item in sequence(map[field: "prompts"], "prompts", inWhat, "{text, source}", reader: &r) {
            guard let entry = r.mapping(item, "a prompt") else { continue }
            r.unknownKeys(entry, allowed: ["text", "source"], in: "a prompt")
            guard let text = r.requiredString(entry, "text", in: "a prompt", owner: item),
                  let source = r.requiredString(entry, "source", in: "a prompt", owner: item) else { continue }
            if !sources.contains(where: { $0.id == source }) {
                let known = sources.map(\.id).joined(separator: ", ")
                r.problem("a prompt names source `\(source)`, which is not in the instrument's `sources`"
                          + (known.isEmpty ? "; add a `sources` list" : " (\(known))"), at: entry[field: "source"])
            }
            prompts.append(SourcedPrompt(text: text, source: source))
        }
        return ElementGuidance(minutes: minutes, probes: probes, evidence: evidence, levelDifferences: levels,
                               pitfalls: pitfalls, overlaps: overlaps, prompts: prompts)
    }

    private static func sequence(_ node: Node?, _ key: String, _ what: String, _ shape: String, reader r: inout YAMLReader) -> [Node] {
        guard let node else { return [] }
        guard let list = node.sequence else {
            r.problem("`\(key)` of \(what) must be a list of \(shape)", at: node)
            return []
        }
        return Array(list)
    }
}
