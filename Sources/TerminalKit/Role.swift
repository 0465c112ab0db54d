/// What a cell means, not how it looks: the Theme decides the colours and attributes,
/// so the same screen reads correctly in colour, in 8 colours and in monochrome.
public enum Role: Hashable, Sendable, CaseIterable {
    case text, muted, accent, title, border, status, statusKey
    case civic, service, community, centre
    case civicFill, serviceFill, communityFill, centreFill
    case heat1, heat2, heat3, heat4, heat5, heatNA
    case warning, success, selection
    /// A QR code: dark modules on a light ground in every theme, because phone readers
    /// refuse a code drawn light on dark.
    case qr

    public static func heat(_ level: Int) -> Role {
        switch level {
        case ...1: return .heat1
        case 2: return .heat2
        case 3: return .heat3
        case 4: return .heat4
        default: return .heat5
        }
    }

    /// The key used for this role in theme files.
    public var name: String {
        switch self {
        case .text: "text"
        case .muted: "muted"
        case .accent: "accent"
        case .title: "title"
        case .border: "border"
        case .status: "status"
        case .statusKey: "statusKey"
        case .civic: "civic"
        case .service: "service"
        case .community: "community"
        case .centre: "centre"
        case .civicFill: "civicFill"
        case .serviceFill: "serviceFill"
        case .communityFill: "communityFill"
        case .centreFill: "centreFill"
        case .heat1: "heat1"
        case .heat2: "heat2"
        case .heat3: "heat3"
        case .heat4: "heat4"
        case .heat5: "heat5"
        case .heatNA: "heatNA"
        case .warning: "warning"
        case .success: "success"
        case .selection: "selection"
        case .qr: "qr"
        }
    }

    /// One letter per role for colour snapshots, so a test can see which role painted a cell.
    public var code: Character {
        switch self {
        case .text: "."
        case .muted: "m"
        case .accent: "a"
        case .title: "T"
        case .border: "b"
        case .status: "s"
        case .statusKey: "k"
        case .civic: "C"
        case .service: "S"
        case .community: "Y"
        case .centre: "P"
        case .civicFill: "c"
        case .serviceFill: "v"
        case .communityFill: "y"
        case .centreFill: "p"
        case .heat1: "1"
        case .heat2: "2"
        case .heat3: "3"
        case .heat4: "4"
        case .heat5: "5"
        case .heatNA: "0"
        case .warning: "!"
        case .success: "+"
        case .selection: "#"
        case .qr: "Q"
        }
    }

    public init?(name: String) {
        guard let role = Role.allCases.first(where: { $0.name == name }) else { return nil }
        self = role
    }
}

/// Emphasis a screen may add on top of a role (e.g. the selected row is reversed).
public struct Emphasis: OptionSet, Hashable, Sendable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }
    public static let bold = Emphasis(rawValue: 1)
    public static let underline = Emphasis(rawValue: 2)
    public static let reverse = Emphasis(rawValue: 4)
}
