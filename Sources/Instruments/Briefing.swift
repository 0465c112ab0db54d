import Yams
import YAMLDocument

/// The "why it matters" reading: the case for acting on health inequalities and a
/// glossary, each part attributed to the document its facts come from.
public struct Briefing: Hashable, Sendable {
    public struct Section: Hashable, Sendable {
        public var title: String
        public var paragraphs: [String]
        public var points: [String]
        /// Ids of `sources` the section's facts come from.
        public var sources: [String]
    }

    public struct Term: Hashable, Sendable {
        public var term: String
        public var meaning: String
        public var source: String
    }

    public var title: String
    public var sections: [Section]
    public var glossary: [Term]
    public var sources: [InstrumentSource]

    public func source(_ id: String) -> InstrumentSource? { sources.first { $0.id == id } }

    public static let fileName = "context/why-it-matters.yaml"
}

/// Reads `why-it-matters.yaml`, reporting every problem with its line.
public enum BriefingParser {
    public static func parse(_ text: String, file: String) -> (briefing: Briefing?, problems: [Diagnostic]) {
        var r = YAMLReader(file: file)
        guard let root = r.compose(text), let map = r.mapping(root, "the why-it-matters file") else { return (nil, r.problems) }
        let what = "the why-it-matters file"
        r.unknownKeys(map, allowed: ["schema", "title", "sources", "sections", "glossary"], in: what)
        if let schema = r.requiredInt(map, "schema", in: what, owner: root), schema > InstrumentParser.supportedSchema {
            r.problem("schema \(schema) is newer than this pit understands (\(InstrumentParser.supportedSchema)); update pit", at: map[field: "schema"])
        }
        let title = r.requiredString(map, "title", in: what, owner: root) ?? ""
        let sources = GuidanceParser.parseSources(map[field: "sources"], reader: &r)
        func checkSource(_ id: String, at node: Node?) {
            if !sources.contains(where: { $0.id == id }) {
                r.problem("source `\(id)` is not in `sources` (\(sources.map(\.id).joined(separator: ", ")))", at: node)
            }
        }
        var sections: [Briefing.Section] = []
        if let list = map[field: "sections"]?.sequence, !list.isEmpty {
            for item in list {
                guard let section = r.mapping(item, "a section") else { continue }
                r.unknownKeys(section, allowed: ["title", "paragraphs", "points", "sources"], in: "a section")
                guard let heading = r.requiredString(section, "title", in: "a section", owner: item) else { continue }
                let inWhat = "section `\(heading)`"
                let paragraphs = r.stringList(section, "paragraphs", in: inWhat) ?? []
                let points = r.stringList(section, "points", in: inWhat) ?? []
                if paragraphs.isEmpty && points.isEmpty { r.problem("\(inWhat) needs `paragraphs` or `points`", at: item) }
                let cited = r.stringList(section, "sources", in: inWhat) ?? []
                if cited.isEmpty { r.problem("\(inWhat) must name its `sources`", at: item) }
                for id in cited { checkSource(id, at: section[field: "sources"]) }
                sections.append(Briefing.Section(title: heading, paragraphs: paragraphs, points: points, sources: cited))
            }
        } else {
            r.problem("\(what) needs a non-empty `sections` list", at: map[field: "sections"] ?? root)
        }
        var glossary: [Briefing.Term] = []
        for item in map[field: "glossary"]?.sequence ?? [] {
            guard let entry = r.mapping(item, "a glossary entry") else { continue }
            r.unknownKeys(entry, allowed: ["term", "meaning", "source"], in: "a glossary entry")
            guard let term = r.requiredString(entry, "term", in: "a glossary entry", owner: item) else { continue }
            let meaning = r.requiredString(entry, "meaning", in: "glossary entry `\(term)`", owner: item) ?? ""
            let source = r.requiredString(entry, "source", in: "glossary entry `\(term)`", owner: item) ?? ""
            if !source.isEmpty { checkSource(source, at: entry[field: "source"]) }
            glossary.append(Briefing.Term(term: term, meaning: meaning, source: source))
        }
        guard r.problems.isEmpty else { return (nil, r.problems) }
        return (Briefing(title: title, sections: sections, glossary: glossary, sources: sources), [])
    }
}
