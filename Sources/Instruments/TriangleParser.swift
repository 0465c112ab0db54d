import Yams
import YAMLDocument

/// Reads `triangle.yaml`: the seven components and their detail content.
public enum TriangleParser {
    public static func parse(_ text: String, file: String) -> (triangle: Triangle?, problems: [Diagnostic]) {
        var r = YAMLReader(file: file)
        guard let root = r.compose(text), let map = r.mapping(root, "the triangle file") else { return (nil, r.problems) }
        r.unknownKeys(map, allowed: ["schema", "components"], in: "the triangle file")
        guard let list = map[field: "components"]?.sequence else {
            r.problem("the triangle file needs a `components` list", at: root)
            return (nil, r.problems)
        }
        var components: [Component] = []
        for item in list {
            guard let c = r.mapping(item, "a component") else { continue }
            r.unknownKeys(c, allowed: ["id", "kind", "name", "short", "role", "between", "summary", "instruments", "sections"], in: "a component")
            guard let idText = r.requiredString(c, "id", in: "a component", owner: item) else { continue }
            guard let id = ComponentID(rawValue: idText) else {
                r.problem("unknown component `\(idText)`; use one of: \(ComponentID.allCases.map(\.rawValue).joined(separator: ", "))", at: c[field: "id"])
                continue
            }
            if components.contains(where: { $0.id == id }) { r.problem("component `\(idText)` appears twice", at: c[field: "id"]) }
            let what = "component `\(idText)`"
            if let kind = r.optionalString(c, "kind"), kind != id.kind.rawValue {
                r.problem("\(what) is a \(id.kind.rawValue), not a \(kind)", at: c[field: "kind"])
            }
            let name = r.requiredString(c, "name", in: what, owner: item) ?? idText
            let short = r.requiredString(c, "short", in: what, owner: item) ?? idText
            if short.count > 12 { r.problem("`short` of \(what) is \(short.count) characters; keep it to 12", at: c[field: "short"]) }
            let role = r.optionalString(c, "role") ?? "centre"
            let between = (r.stringList(c, "between", in: what) ?? []).compactMap { text -> ComponentID? in
                guard let segment = ComponentID(rawValue: text), segment.kind == .segment else {
                    r.problem("`between` of \(what) must name segments; `\(text)` is not one", at: c[field: "between"])
                    return nil
                }
                return segment
            }
            if id.kind == .seam && between.count != 2 { r.problem("seam \(what) needs `between` with its two segments", at: c[field: "between"] ?? item) }
            let summary = r.requiredString(c, "summary", in: what, owner: item) ?? ""
            let instruments = r.stringList(c, "instruments", in: what) ?? []
            var sections: [ContentSection] = []
            if let sectionList = c[field: "sections"]?.sequence {
                for s in sectionList {
                    guard let sm = r.mapping(s, "a section of \(what)") else { continue }
                    r.unknownKeys(sm, allowed: ["title", "intro", "items"], in: "a section of \(what)")
                    let title = r.requiredString(sm, "title", in: "a section of \(what)", owner: s) ?? ""
                    let intro = r.optionalString(sm, "intro") ?? ""
                    let items = r.stringList(sm, "items", in: "section `\(title)`") ?? []
                    sections.append(ContentSection(title: title, intro: intro, items: items))
                }
            }
            components.append(Component(id: id, name: name, short: short, role: role, between: between,
                                        summary: summary, instruments: instruments, sections: sections))
        }
        for id in ComponentID.allCases where !components.contains(where: { $0.id == id }) {
            r.problem("the triangle is missing component `\(id.rawValue)`", at: map[field: "components"])
        }
        guard r.problems.isEmpty else { return (nil, r.problems) }
        let ordered = Triangle.order.compactMap { id in components.first { $0.id == id } }
        return (Triangle(components: ordered), [])
    }
}
