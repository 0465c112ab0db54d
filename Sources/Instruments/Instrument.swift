/// One step of a scale, e.g. 3 "Developing".
public struct ScaleLevel: Hashable, Sendable {
    public var value: Int
    public var label: String
    public var meaning: String

    public init(value: Int, label: String, meaning: String) {
        self.value = value; self.label = label; self.meaning = meaning
    }
}

public struct Scale: Hashable, Sendable {
    public var levels: [ScaleLevel]
    public var allowsNotApplicable: Bool

    public init(levels: [ScaleLevel], allowsNotApplicable: Bool) {
        self.levels = levels; self.allowsNotApplicable = allowsNotApplicable
    }

    /// Used when an instrument names no scale of its own.
    public static let standard = Scale(levels: [
        ScaleLevel(value: 1, label: "Not evident", meaning: "No sign of this in how the place works today."),
        ScaleLevel(value: 2, label: "Emerging", meaning: "Talked about or tried in pockets; not yet shared or relied on."),
        ScaleLevel(value: 3, label: "Developing", meaning: "In place for some partners or topics, with gaps others can name."),
        ScaleLevel(value: 4, label: "Established", meaning: "Shared practice across most partners, with evidence it works."),
        ScaleLevel(value: 5, label: "Embedded", meaning: "How the place routinely works, reviewed and improved over time."),
    ], allowsNotApplicable: true)

    public var values: [Int] { levels.map(\.value) }
    public var lowest: Int { levels.first?.value ?? 1 }
    public var highest: Int { levels.last?.value ?? 5 }
    /// The middle level (3 on a five-level scale).
    public var middle: Int { levels.isEmpty ? 3 : levels[levels.count / 2].value }

    public func level(_ value: Int) -> ScaleLevel? { levels.first { $0.value == value } }
    public func label(for value: Int) -> String { level(value)?.label ?? "level \(value)" }
}

public struct ElementSection: Hashable, Sendable {
    public var id: String
    public var title: String
    public init(id: String, title: String) { self.id = id; self.title = title }
}

/// One thing a group scores: a planning step, a seam action, a POTS element...
public struct Element: Hashable, Sendable {
    public var id: String
    /// 1-based position in its instrument ("Step 3").
    public var number: Int
    public var title: String
    public var section: String?
    public var focus: String
    public var good: String
    public var levels: [Int: String]
    public var questions: [String]
    public var links: [String]
    /// The facilitator's guidance (probes, evidence, minutes...), if the file gives it.
    public var guidance: ElementGuidance?

    public init(id: String, number: Int, title: String, section: String? = nil, focus: String, good: String,
                levels: [Int: String], questions: [String], links: [String] = [], guidance: ElementGuidance? = nil) {
        self.id = id; self.number = number; self.title = title; self.section = section; self.focus = focus
        self.good = good; self.levels = levels; self.questions = questions; self.links = links; self.guidance = guidance
    }
}

/// An assessment: what a group scores for one part of the triangle.
public struct Instrument: Hashable, Sendable {
    public var id: String
    public var version: Int
    public var title: String
    public var short: String
    public var placement: ComponentID
    public var summary: String
    public var scale: Scale
    public var sections: [ElementSection]
    public var elements: [Element]
    /// Where it was loaded from, for messages.
    public var source: String
    /// Who should be in the room when a group uses it.
    public var room: [String] = []
    /// The documents it draws on.
    public var sources: [InstrumentSource] = []

    public init(id: String, version: Int, title: String, short: String, placement: ComponentID, summary: String,
                scale: Scale = .standard, sections: [ElementSection] = [], elements: [Element], source: String = "") {
        self.id = id; self.version = version; self.title = title; self.short = short; self.placement = placement
        self.summary = summary; self.scale = scale; self.sections = sections; self.elements = elements; self.source = source
    }

    public func element(_ id: String) -> Element? { elements.first { $0.id == id } }
    public func source(_ id: String) -> InstrumentSource? { sources.first { $0.id == id } }
    public func index(of elementID: String) -> Int? { elements.firstIndex { $0.id == elementID } }
}
