/// The seven parts of the Population Intervention Triangle.
public enum ComponentID: String, CaseIterable, Hashable, Sendable, Codable {
    case civic, service, community, centre
    case civicCommunity = "civic-community"
    case serviceCommunity = "service-community"
    case civicService = "civic-service"

    public var kind: ComponentKind {
        switch self {
        case .civic, .service, .community: .segment
        case .centre: .centre
        default: .seam
        }
    }
}

public enum ComponentKind: String, Hashable, Sendable, Codable {
    case segment, seam, centre
}

/// A titled block of content on a component's detail screen.
public struct ContentSection: Hashable, Sendable {
    public var title: String
    public var intro: String
    public var items: [String]

    public init(title: String, intro: String = "", items: [String]) {
        self.title = title; self.intro = intro; self.items = items
    }
}

public struct Component: Hashable, Sendable {
    public var id: ComponentID
    public var name: String
    public var short: String
    /// The colour role name (civic, service, community, centre).
    public var role: String
    /// For a seam, the two segments it joins.
    public var between: [ComponentID]
    public var summary: String
    /// Ids of the instruments that assess this component.
    public var instruments: [String]
    public var sections: [ContentSection]

    public var kind: ComponentKind { id.kind }

    public init(id: ComponentID, name: String, short: String, role: String, between: [ComponentID] = [],
                summary: String, instruments: [String] = [], sections: [ContentSection] = []) {
        self.id = id; self.name = name; self.short = short; self.role = role; self.between = between
        self.summary = summary; self.instruments = instruments; self.sections = sections
    }
}

/// The triangle as data: every component once, in a fixed order.
public struct Triangle: Hashable, Sendable {
    public var components: [Component]

    public init(components: [Component]) { self.components = components }

    public subscript(id: ComponentID) -> Component? { components.first { $0.id == id } }

    /// The order used for lists and keyboard cycling: the three segments, the centre, the seams.
    public static let order: [ComponentID] = [.civic, .community, .service, .centre, .civicCommunity, .serviceCommunity, .civicService]
}
