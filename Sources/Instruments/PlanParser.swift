import Foundation
import YAMLDocument
import Yams

/// A plan file (`Plans/*.yaml`): an agenda of instruments, each with all or some of its
/// elements and the minutes for it. See Plans/README.md for the format.
public struct PlanTemplate: Hashable, Sendable {
    public struct Item: Hashable, Sendable {
        public var instrument: String
        /// nil: every element of the instrument.
        public var elements: [String]?
        public var minutes: Int
    }

    public var name: String
    public var title: String
    public var items: [Item]

    /// Every instrument the plan uses, in first-use order.
    public var instruments: [String] {
        var seen: [String] = []
        for item in items where !seen.contains(item.instrument) { seen.append(item.instrument) }
        return seen
    }
}

public enum PlanParser {
    public static let supportedSchema = 1

    /// Reads a plan and checks it against the instruments that are loaded: every problem
    /// with its line and column.
    public static func parse(_ text: String, file: String, name: String, catalogue: Catalogue) -> (plan: PlanTemplate?, problems: [Diagnostic]) {
        var r = YAMLReader(file: file)
        guard let root = r.compose(text), let map = r.mapping(root, "a plan file") else { return (nil, r.problems) }
        let what = "the plan"
        r.unknownKeys(map, allowed: ["schema", "title", "items"], in: what)
        if let schema = r.requiredInt(map, "schema", in: what, owner: root), schema > supportedSchema {
            r.problem("schema \(schema) is newer than this pit understands (\(supportedSchema)); update pit", at: map[field: "schema"])
        }
        let title = r.requiredString(map, "title", in: what, owner: root)
        var items: [PlanTemplate.Item] = []
        if let node = map[field: "items"] {
            if let list = node.sequence, !list.isEmpty {
                for (i, entry) in list.enumerated() {
                    let itemWhat = "item \(i + 1)"
                    guard let itemMap = r.mapping(entry, itemWhat) else { continue }
                    r.unknownKeys(itemMap, allowed: ["instrument", "elements", "minutes"], in: itemWhat)
                    let id = r.requiredString(itemMap, "instrument", in: itemWhat, owner: entry)
                    let minutes = r.requiredInt(itemMap, "minutes", in: itemWhat, owner: entry)
                    if let minutes, minutes < 1 || minutes > 24 * 60 {
                        r.problem("`minutes` of \(itemWhat) must be between 1 and 1440", at: itemMap[field: "minutes"])
                    }
                    let elements = r.stringList(itemMap, "elements", in: itemWhat)
                    guard let id else { continue }
                    guard let instrument = catalogue.instrument(id) else {
                        let known = catalogue.instruments.map(\.id).joined(separator: ", ")
                        r.problem("\(itemWhat) names the instrument `\(id)`, which is not loaded; use one of: \(known)",
                                  at: itemMap[field: "instrument"])
                        continue
                    }
                    for element in elements ?? [] where instrument.element(element) == nil {
                        r.problem("\(itemWhat): \(instrument.short) has no element `\(element)`; its elements are "
                                  + instrument.elements.map(\.id).joined(separator: ", "), at: itemMap[field: "elements"])
                    }
                    if let minutes { items.append(.init(instrument: id, elements: elements, minutes: minutes)) }
                }
            } else {
                r.problem("`items` must be a non-empty list of instruments with their minutes", at: node)
            }
        } else {
            r.problem("\(what) is missing `items`", at: root)
        }
        guard r.problems.isEmpty, let title else { return (nil, r.problems) }
        return (PlanTemplate(name: name, title: title, items: items), [])
    }
}
