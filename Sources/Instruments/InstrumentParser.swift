import Yams
import YAMLDocument

/// Reads an instrument file and checks every rule in Assessments/README.md,
/// returning all the problems found rather than the first.
public enum InstrumentParser {
    public static let supportedSchema = 1
    /// The screen columns a `short` name may take: lists and tables give it this many.
    public static let shortColumns = 16

    public static func parse(_ text: String, file: String) -> (instrument: Instrument?, problems: [Diagnostic]) {
        var r = YAMLReader(file: file)
        guard let root = r.compose(text), let map = r.mapping(root, "an instrument file") else { return (nil, r.problems) }
        let what = "the instrument"
        r.unknownKeys(map, allowed: ["schema", "id", "version", "title", "short", "placement", "summary", "scale", "sections", "elements", "room", "sources"], in: what)

        if let schema = r.requiredInt(map, "schema", in: what, owner: root) {
            if schema < 1 {
                r.problem("schema \(schema) is not a schema version; versions start at 1 (this pit reads 1 to \(supportedSchema))", at: map[field: "schema"])
            } else if schema > supportedSchema {
                r.problem("schema \(schema) is newer than this pit understands (\(supportedSchema)); update pit", at: map[field: "schema"])
            }
        }
        let id = r.requiredString(map, "id", in: what, owner: root)
        if let id, !isIdentifier(id) {
            r.problem("id `\(id)` may use only lowercase letters, digits and '-'", at: map[field: "id"])
        }
        let version = r.requiredInt(map, "version", in: what, owner: root)
        if let version, version < 1 {
            r.problem("version \(version) must be 1 or more", at: map[field: "version"])
        }
        let title = r.requiredString(map, "title", in: what, owner: root)
        checkOneLine(title, "`title`", at: map[field: "title"], reader: &r)
        let short = r.requiredString(map, "short", in: what, owner: root)
        checkOneLine(short, "`short`", at: map[field: "short"], reader: &r)
        if let short, AuthoredText.columns(short) > shortColumns {
            r.problem("`short` takes \(AuthoredText.columns(short)) columns on screen; keep it to \(shortColumns) so it fits narrow screens "
                      + "(a CJK character or emoji takes two)", at: map[field: "short"])
        }
        var placement: ComponentID?
        if let text = r.requiredString(map, "placement", in: what, owner: root) {
            placement = ComponentID(rawValue: text)
            if placement == nil {
                let known = ComponentID.allCases.map(\.rawValue).joined(separator: ", ")
                r.problem("unknown placement `\(text)`; use one of: \(known)", at: map[field: "placement"])
            }
        }
        let summary = r.optionalString(map, "summary") ?? ""
        let scale = parseScale(map[field: "scale"], reader: &r)
        let sections = parseSections(map[field: "sections"], reader: &r)
        let room = r.stringList(map, "room", in: what) ?? []
        let sources = GuidanceParser.parseSources(map[field: "sources"], reader: &r)
        let elements = parseElements(map[field: "elements"], owner: root, scale: scale, sections: sections, sources: sources, reader: &r)

        guard r.problems.isEmpty, let id, let version, let title, let short, let placement else { return (nil, r.problems) }
        var instrument = Instrument(id: id, version: version, title: title, short: short, placement: placement,
                                    summary: summary, scale: scale, sections: sections, elements: elements, source: file)
        instrument.room = room
        instrument.sources = sources
        return (instrument, [])
    }

    static func isIdentifier(_ text: String) -> Bool { AuthoredText.isIdentifier(text) }

    /// A text shown on one line (a title, a short name, a label): a line break or control
    /// character in it is a problem at its place in the file.
    static func checkOneLine(_ text: String?, _ what: String, at node: Node?, reader r: inout YAMLReader) {
        guard let text, let found = AuthoredText.lineBreaker(in: text) else { return }
        r.problem("\(what) holds \(found); it is shown on one line, so write it as one line of plain text", at: node)
    }

    static func parseScale(_ node: Node?, reader r: inout YAMLReader) -> Scale {
        guard let node else { return .standard }
        guard let map = r.mapping(node, "`scale`") else { return .standard }
        r.unknownKeys(map, allowed: ["levels", "notApplicable"], in: "`scale`")
        var levels: [ScaleLevel] = []
        if let list = map[field: "levels"]?.sequence {
            for item in list {
                guard let level = r.mapping(item, "a scale level") else { continue }
                r.unknownKeys(level, allowed: ["value", "label", "meaning"], in: "a scale level")
                guard let value = r.requiredInt(level, "value", in: "a scale level", owner: item) else { continue }
                if !(1...9).contains(value) {
                    r.problem("scale value \(value) is outside 1-9", at: level[field: "value"])
                } else if let last = levels.last, value <= last.value {
                    r.problem("scale values must be unique and ascending; \(value) comes after \(last.value)", at: level[field: "value"])
                }
                let label = r.requiredString(level, "label", in: "scale level \(value)", owner: item) ?? ""
                checkOneLine(label, "the label of scale level \(value)", at: level[field: "label"], reader: &r)
                let meaning = r.optionalString(level, "meaning") ?? ""
                levels.append(ScaleLevel(value: value, label: label, meaning: meaning))
            }
        } else {
            r.problem("`scale` needs a `levels` list", at: node)
        }
        if levels.count < 2 { r.problem("a scale needs at least two levels", at: map[field: "levels"] ?? node) }
        var notApplicable = true
        if let na = map[field: "notApplicable"] {
            if let flag = YAMLReader.boolean(na) { notApplicable = flag } else { r.problem("`notApplicable` must be true or false", at: na) }
        }
        return Scale(levels: levels, allowsNotApplicable: notApplicable)
    }

    static func parseSections(_ node: Node?, reader r: inout YAMLReader) -> [ElementSection] {
        guard let node else { return [] }
        guard let list = node.sequence else {
            r.problem("`sections` must be a list of {id, title}", at: node)
            return []
        }
        var sections: [ElementSection] = []
        for item in list {
            guard let map = r.mapping(item, "a section") else { continue }
            r.unknownKeys(map, allowed: ["id", "title"], in: "a section")
            guard let id = r.requiredString(map, "id", in: "a section", owner: item),
                  let title = r.requiredString(map, "title", in: "section `\(id)`", owner: item) else { continue }
            if sections.contains(where: { $0.id == id }) { r.problem("duplicate section id `\(id)`", at: map[field: "id"]) }
            sections.append(ElementSection(id: id, title: title))
        }
        return sections
    }

    static func parseElements(_ node: Node?, owner: Node, scale: Scale, sections: [ElementSection], sources: [InstrumentSource] = [],
                              reader r: inout YAMLReader) -> [Element] {
        guard let node else {
            r.problem("the instrument is missing `elements`", at: owner)
            return []
        }
        guard let list = node.sequence, !list.isEmpty else {
            r.problem("`elements` must be a non-empty list", at: node)
            return []
        }
        var elements: [Element] = []
        var links: [(from: String, to: String, node: Node)] = []
        var overlaps: [(from: String, to: String, node: Node)] = []
        var seen: Set<String> = []
        for item in list {
            guard let map = r.mapping(item, "an element") else { continue }
            r.unknownKeys(map, allowed: ["id", "title", "section", "focus", "good", "levels", "questions", "links", "guidance"], in: "an element")
            guard let id = r.requiredString(map, "id", in: "an element", owner: item) else { continue }
            let what = "element `\(id)`"
            if !isIdentifier(id) {
                r.problem("element id `\(id)` may use only lowercase letters, digits and '-', as instrument ids do", at: map[field: "id"])
            }
            if !seen.insert(id).inserted { r.problem("duplicate element id `\(id)`", at: map[field: "id"]) }
            let title = r.requiredString(map, "title", in: what, owner: item) ?? ""
            checkOneLine(title, "`title` of \(what)", at: map[field: "title"], reader: &r)
            let focus = r.requiredString(map, "focus", in: what, owner: item) ?? ""
            let good = r.requiredString(map, "good", in: what, owner: item) ?? ""
            let section = r.optionalString(map, "section")
            if let section, !sections.contains(where: { $0.id == section }) {
                r.problem("\(what) names section `\(section)`, which is not in `sections`", at: map[field: "section"])
            }
            var levels: [Int: String] = [:]
            if let levelNode = map[field: "levels"], let levelMap = r.mapping(levelNode, "`levels` of \(what)") {
                for (key, value) in levelMap {
                    guard let level = YAMLReader.integer(key) else {
                        r.problem("level keys must be numbers on the scale (\(scale.values.map(String.init).joined(separator: ", ")))", at: key)
                        continue
                    }
                    if !scale.values.contains(level) {
                        r.problem("level \(level) of \(what) is not on the scale (\(scale.values.map(String.init).joined(separator: ", ")))", at: key)
                    }
                    guard let text = value.scalar?.string, !text.trimmed.isEmpty else {
                        r.problem("level \(level) of \(what) needs a descriptor", at: value)
                        continue
                    }
                    levels[level] = text.trimmed
                }
                for required in Set([scale.lowest, scale.middle, scale.highest]).sorted() where levels[required] == nil {
                    r.problem("\(what) needs a descriptor for level \(required)", at: r.key(map, "levels") ?? levelNode)
                }
            } else if map[field: "levels"] == nil {
                r.problem("\(what) is missing `levels` (descriptors for at least levels \(scale.lowest), \(scale.middle) and \(scale.highest))", at: item)
            }
            let questions = r.stringList(map, "questions", in: what) ?? []
            if questions.isEmpty { r.problem("\(what) needs at least one diagnostic question", at: map[field: "questions"] ?? item) }
            let elementLinks = r.stringList(map, "links", in: what) ?? []
            for link in elementLinks { links.append((id, link, map[field: "links"]!)) }
            let guidance = GuidanceParser.parseGuidance(map[field: "guidance"], of: what, sources: sources, reader: &r) { see, node in
                overlaps.append((id, see, node))
            }
            elements.append(Element(id: id, number: elements.count + 1, title: title, section: section, focus: focus,
                                    good: good, levels: levels, questions: questions, links: elementLinks, guidance: guidance))
        }
        for link in links where !seen.contains(link.to) {
            r.problem("element `\(link.from)` links to `\(link.to)`, which is not an element of this instrument", at: link.node)
        }
        // `instrument/element` overlaps point at other files and are checked when the catalogue loads.
        for overlap in overlaps where !overlap.to.contains("/") && !seen.contains(overlap.to) {
            r.problem("element `\(overlap.from)` overlaps `\(overlap.to)`, which is not an element of this instrument; write `instrument/element` for another instrument",
                      at: overlap.node)
        }
        return elements
    }
}
