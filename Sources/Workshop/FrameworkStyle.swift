import Instruments
import TerminalKit

/// How the framework's parts look on screen: colour roles and triangle positions.
enum FrameworkStyle {
    static func role(for component: Component) -> Role { role(named: component.role) }

    static func role(named name: String) -> Role {
        switch name {
        case "civic": .civic
        case "service": .service
        case "community": .community
        default: .centre
        }
    }

    static func fillRole(for component: Component) -> Role {
        switch component.role {
        case "civic": .civicFill
        case "service": .serviceFill
        case "community": .communityFill
        default: .centreFill
        }
    }

    /// Where each component sits on the drawing (the report's figure: civic at the top,
    /// community bottom left, service bottom right).
    static func part(for id: ComponentID) -> TrianglePart {
        switch id {
        case .civic: .top
        case .community: .bottomLeft
        case .service: .bottomRight
        case .centre: .centre
        case .civicCommunity: .leftSeam
        case .civicService: .rightSeam
        case .serviceCommunity: .baseSeam
        }
    }

    /// Approximate positions used to move between components with the arrow keys.
    static func position(of id: ComponentID) -> (x: Double, y: Double) {
        switch id {
        case .civic: (0, -2)
        case .civicCommunity: (-1.6, -0.8)
        case .civicService: (1.6, -0.8)
        case .centre: (0, 0)
        case .community: (-2.2, 1.2)
        case .serviceCommunity: (0, 1.2)
        case .service: (2.2, 1.2)
        }
    }

    /// The nearest component in the direction of an arrow key, if any.
    static func neighbour(of id: ComponentID, dx: Double, dy: Double) -> ComponentID? {
        let here = position(of: id)
        var best: (ComponentID, Double)?
        for other in ComponentID.allCases where other != id {
            let p = position(of: other)
            let vx = p.x - here.x, vy = p.y - here.y
            let along = vx * dx + vy * dy
            guard along > 0.3 else { continue }
            let across = abs(vx * dy - vy * dx)
            let cost = along + across * 2
            if best == nil || cost < best!.1 { best = (other, cost) }
        }
        return best?.0
    }

    /// The letter a seam's tool goes by ("B" for Tool B), from its first instrument's short name.
    static func triangleLabels(_ catalogue: Catalogue) -> [TrianglePart: PartLabel] {
        var labels: [TrianglePart: PartLabel] = [:]
        for component in catalogue.triangle.components {
            let part = part(for: component.id)
            let tool = component.instruments.first.flatMap { catalogue.instrument($0) }
            switch component.kind {
            case .seam:
                let toolName = tool?.short ?? ""
                let letter = String(toolName.split(separator: " ").last ?? Substring(component.short.prefix(1)))
                labels[part] = PartLabel(long: "\(toolName): \(component.short)", short: "\(letter) \(component.short)",
                                         letter: letter, role: .accent)
            case .segment:
                labels[part] = PartLabel(long: component.short.uppercased(), short: component.short, letter: String(component.short.prefix(3)),
                                         caption: caption(component), role: role(for: component), fillRole: fillRole(for: component))
            case .centre:
                labels[part] = PartLabel(long: component.name, short: component.short, letter: String(component.short.prefix(1)),
                                         role: role(for: component), fillRole: fillRole(for: component))
            }
        }
        return labels
    }

    static func caption(_ component: Component) -> String {
        switch component.id {
        case .civic: "civic-level"
        case .service: "service-based"
        case .community: "community-centred"
        default: ""
        }
    }
}
