/// What pit says about its own scale wherever one is shown: the levels are pit's, not the report's.
public enum ScaleOwnership {
    public static let note = "The levels and their descriptors are pit's own aid to discussion, not the report's: the PHE report defines no maturity levels."
    /// For a phone's page and the projector, where a line is all there is room for.
    public static let short = "The levels are pit's own aid to discussion, not the report's."
}

/// A document an instrument draws on, named so reports can list it.
public struct InstrumentSource: Hashable, Sendable {
    /// Short id that guidance prompts refer to ("phe-2019").
    public var id: String
    public var title: String
    /// Who published it.
    public var by: String
    public var year: String
    /// What the instrument takes from it, in a phrase.
    public var use: String

    public init(id: String, title: String, by: String, year: String, use: String = "") {
        self.id = id; self.title = title; self.by = by; self.year = year; self.use = use
    }

    /// "Title (Publisher, 2019)".
    public var citation: String { "\(title) (\(by), \(year))" }
}

/// A prompt for discussion taken from a named source; it informs the talk, never the score.
public struct SourcedPrompt: Hashable, Sendable {
    public var text: String
    /// The id of one of the instrument's `sources`.
    public var source: String
    public init(text: String, source: String) { self.text = text; self.source = source }
}

/// Where an element overlaps another (in this instrument or another one): score once, cross-refer.
public struct Overlap: Hashable, Sendable {
    /// `element` in the same instrument, or `instrument/element`.
    public var see: String
    public var note: String
    /// Where `see` is written in the instrument file: a reference to another instrument is
    /// checked only when the catalogue loads, and its problem points here.
    public var line: Int
    public var column: Int
    public init(see: String, note: String, line: Int = 1, column: Int = 1) {
        self.see = see; self.note = note; self.line = line; self.column = column
    }

    /// The referenced element, resolved against the instrument the overlap sits in.
    public func ref(in instrument: String) -> (instrument: String, element: String) {
        let parts = see.split(separator: "/", maxSplits: 1).map(String.init)
        return parts.count == 2 ? (parts[0], parts[1]) : (instrument, see)
    }
}

/// The facilitator's notes for one element: never shown to the room.
public struct ElementGuidance: Hashable, Sendable {
    /// Suggested time for the discussion.
    public var minutes: Int
    /// Follow-up questions that open the discussion up.
    public var probes: [String]
    /// Things a group could bring to show where it stands.
    public var evidence: [String]
    /// How to tell neighbouring levels apart.
    public var levelDifferences: [String]
    /// Common mistakes in scoring or discussing this element.
    public var pitfalls: [String]
    public var overlaps: [Overlap]
    /// Attributed prompts from the sources (practice examples, data-sharing themes, barriers).
    public var prompts: [SourcedPrompt]

    public init(minutes: Int, probes: [String], evidence: [String], levelDifferences: [String] = [],
                pitfalls: [String] = [], overlaps: [Overlap] = [], prompts: [SourcedPrompt] = []) {
        self.minutes = minutes; self.probes = probes; self.evidence = evidence
        self.levelDifferences = levelDifferences; self.pitfalls = pitfalls; self.overlaps = overlaps; self.prompts = prompts
    }
}
