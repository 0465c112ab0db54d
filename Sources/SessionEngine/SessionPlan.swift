import Foundation

/// A session's agenda: instruments in order, each with all or some of its elements and
/// the minutes set aside for it. Recorded whole by a `planSet` event whenever it changes
/// (created, reordered, an item skipped or retimed), so the record shows every version.
public struct SessionPlan: Codable, Hashable, Sendable {
    public struct Item: Codable, Hashable, Sendable {
        public var instrument: String
        /// The elements to cover, in order; nil for all of the instrument's.
        public var elements: [String]?
        public var minutes: Int
        public var skipped: Bool

        public init(instrument: String, elements: [String]? = nil, minutes: Int, skipped: Bool = false) {
            self.instrument = instrument
            self.elements = elements
            self.minutes = minutes
            self.skipped = skipped
        }
    }

    /// The name it was made from ("tool-a-90", or a file name).
    public var name: String
    public var title: String
    public var items: [Item]

    public init(name: String, title: String, items: [Item]) {
        self.name = name
        self.title = title
        self.items = items
    }

    /// Minutes planned for the items not skipped.
    public var plannedMinutes: Int { items.filter { !$0.skipped }.reduce(0) { $0 + $1.minutes } }
}
