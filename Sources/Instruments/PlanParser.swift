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
    /// The largest plan file pit reads, as for instrument files; a plan is a few hundred bytes.
    public static let maxFileBytes = Catalogue.maxFileBytes

    /// Why a plan file's text could not be had: it is not there, it cannot be read (a
    /// folder, a FIFO, a device, a link to nothing, no permission), or what it holds is
    /// not a plan's text (too large, not UTF-8). Each message says what to do.
    public enum ReadProblem: Error, Equatable {
        case missing
        case unreadable(String)
        case badContent(String)
    }

    /// The plan file's text, read as instrument files are: a FIFO or device is refused
    /// before it is opened for reading, so it can neither block nor run on.
    public static func text(at path: String) -> Result<String, ReadProblem> {
        switch BoundedRead.data(at: path, limit: maxFileBytes) {
        case .success(let data):
            guard let text = String(data: data, encoding: .utf8) else {
                return .failure(.badContent("the plan is not UTF-8 text; save it as UTF-8 (a plan is a YAML file, see Plans/)"))
            }
            return .success(text)
        case .failure(.missing): return .failure(.missing)
        case .failure(let failure):
            if case .tooLarge = failure { return .failure(.badContent(BoundedRead.message(failure, for: "plan files"))) }
            return .failure(.unreadable(BoundedRead.message(failure, for: "plan files")))
        }
    }

    /// Reads a plan and checks it against the instruments that are loaded and the limits a
    /// session keeps (`PlanLimits`): every problem with its line and column.
    public static func parse(_ text: String, file: String, name: String, catalogue: Catalogue) -> (plan: PlanTemplate?, problems: [Diagnostic]) {
        var r = YAMLReader(file: file)
        guard let root = r.compose(text), let map = r.mapping(root, "a plan file") else { return (nil, r.problems) }
        let what = "the plan"
        r.unknownKeys(map, allowed: ["schema", "title", "items"], in: what)
        if let schema = r.requiredInt(map, "schema", in: what, owner: root) {
            if schema < 1 {
                r.problem("schema \(schema) is not a schema version; versions start at 1 (this pit reads 1 to \(supportedSchema))", at: map[field: "schema"])
            } else if schema > supportedSchema {
                r.problem("schema \(schema) is newer than this pit understands (\(supportedSchema)); update pit", at: map[field: "schema"])
            }
        }
        let title = r.requiredString(map, "title", in: what, owner: root)
        if let title {
            checkText(title, "the plan's `title`", at: map[field: "title"], reader: &r)
            if let found = AuthoredText.lineBreaker(in: title) {
                r.problem("the plan's `title` holds \(found); it is shown on one line, so write it as one line of plain text", at: map[field: "title"])
            }
        }
        var items: [PlanTemplate.Item] = []
        if let node = map[field: "items"] {
            if let list = node.sequence, !list.isEmpty {
                if list.count > PlanLimits.items {
                    r.problem("the plan has \(list.count) items; a plan has at most \(PlanLimits.items): split it into two sessions", at: node)
                }
                var takenBy: [String: Int] = [:]  // "tool-a/leadership": the item that takes it first
                for (i, entry) in list.enumerated() {
                    guard let item = parseItem(entry, number: i + 1, catalogue: catalogue, reader: &r) else { continue }
                    items.append(item)
                    // A plan over the limit is told to split first; its clashes would bury that.
                    if list.count <= PlanLimits.items {
                        checkTakenOnce(item, number: i + 1, at: entry, takenBy: &takenBy, catalogue: catalogue, reader: &r)
                    }
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

    static func parseItem(_ entry: Node, number: Int, catalogue: Catalogue, reader r: inout YAMLReader) -> PlanTemplate.Item? {
        let itemWhat = "item \(number)"
        guard let itemMap = r.mapping(entry, itemWhat) else { return nil }
        r.unknownKeys(itemMap, allowed: ["instrument", "elements", "minutes"], in: itemWhat)
        let id = r.requiredString(itemMap, "instrument", in: itemWhat, owner: entry)
        let minutes = r.requiredInt(itemMap, "minutes", in: itemWhat, owner: entry)
        if let minutes, !PlanLimits.minutes.contains(minutes) {
            r.problem("`minutes` of \(itemWhat) must be between \(PlanLimits.minutes.lowerBound) and \(PlanLimits.minutes.upperBound)",
                      at: itemMap[field: "minutes"])
        }
        let elements = r.stringList(itemMap, "elements", in: itemWhat)
        if let elementsNode = itemMap[field: "elements"], let list = elementsNode.sequence {
            checkElementList(list, at: elementsNode, in: itemWhat, reader: &r)
        }
        guard let id else { return nil }
        guard let instrument = catalogue.instrument(id) else {
            let known = catalogue.instruments.map(\.id).joined(separator: ", ")
            r.problem("\(itemWhat) names the instrument `\(id)`, which is not loaded; use one of: \(known)",
                      at: itemMap[field: "instrument"])
            return nil
        }
        for element in elements ?? [] where instrument.element(element) == nil {
            r.problem("\(itemWhat): \(instrument.short) has no element `\(element)`; its elements are "
                      + instrument.elements.map(\.id).joined(separator: ", "), at: itemMap[field: "elements"])
        }
        guard let minutes else { return nil }
        return .init(instrument: id, elements: elements, minutes: minutes)
    }

    /// An element taken by two items (named in both, or in one that takes every element of
    /// its instrument) would be scored twice over, as one named twice in an item would:
    /// an error at the later item, naming the earlier. Coming back to an element is a
    /// change of agenda on the day (the plan screen reorders items), not a second item.
    static func checkTakenOnce(_ item: PlanTemplate.Item, number: Int, at entry: Node, takenBy: inout [String: Int],
                               catalogue: Catalogue, reader r: inout YAMLReader) {
        let elements = item.elements ?? catalogue.instrument(item.instrument)?.elements.map(\.id) ?? []
        let place = entry.mapping?[field: "elements"] ?? entry.mapping?[field: "instrument"] ?? entry
        var clashes: [(element: String, first: Int)] = []
        for element in elements {
            let key = "\(item.instrument)/\(element)"
            // Named twice within this item is `checkElementList`'s to report.
            if let first = takenBy[key] { if first != number { clashes.append((element, first)) } } else { takenBy[key] = number }
        }
        guard let earliest = clashes.first else { return }
        let named = clashes.filter { $0.first == earliest.first }.map { "`\($0.element)`" }
        let shown = named.count > 3 ? named.prefix(2).joined(separator: ", ") + " and \(named.count - 2) more" : named.joined(separator: ", ")
        let others = clashes.count > named.count ? " (and \(clashes.count - named.count) that other items take)" : ""
        r.problem("item \(number) takes \(shown) of \(item.instrument), which item \(earliest.first) "
                  + "takes already\(others); an element is scored once: take each in one item only", at: place)
    }

    /// An item's `elements`: none would leave an item with nothing to score (to take them
    /// all, `elements` is left out), the same one twice would be scored twice over, and a
    /// session keeps at most `PlanLimits.elementsPerItem`.
    static func checkElementList(_ list: Node.Sequence, at node: Node, in itemWhat: String, reader r: inout YAMLReader) {
        if list.isEmpty {
            r.problem("`elements` of \(itemWhat) is empty; leave `elements` out to take every element, or name at least one", at: node)
        }
        if list.count > PlanLimits.elementsPerItem {
            r.problem("\(itemWhat) names \(list.count) elements; an item names at most \(PlanLimits.elementsPerItem)", at: node)
        }
        var seen: Set<String> = []
        for entry in list {
            guard let text = entry.scalar?.string.trimmed, !text.isEmpty else { continue }
            if !seen.insert(text).inserted {
                r.problem("\(itemWhat) names the element `\(text)` twice; name it once", at: entry)
            }
            checkText(text, "an element id", at: entry, reader: &r)
        }
    }

    /// A text a session keeps is at most `PlanLimits.textBytes` bytes.
    static func checkText(_ text: String, _ what: String, at node: Node?, reader r: inout YAMLReader) {
        if text.utf8.count > PlanLimits.textBytes {
            r.problem("\(what) is \(text.utf8.count) bytes; a session keeps at most \(PlanLimits.textBytes): shorten it", at: node)
        }
    }
}
