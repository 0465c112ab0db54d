import SessionEngine
import TerminalKit

/// The groups in the room: add, rename and remove them.
public struct GroupsScreen: Screen {
    public var selected = 0
    public var confirmingRemoval = false

    public init() {}

    public func title(context: WorkshopContext) -> String { "Groups" }

    public func keys(context: WorkshopContext) -> [KeyHelp] {
        [KeyHelp("a", "add a group", hint: true),
         KeyHelp("Enter", "rename the selected group", hint: true),
         KeyHelp("d", "remove the selected group (asks first)", hint: true),
         KeyHelp("↑↓", "choose")] + UndoKeys.help
    }

    public static let sectorChoices = "1 local authority, 2 NHS, 3 VCSE, 4 residents, 5 other"

    /// Why `name` cannot be a group's: another group has it (whatever the case), so the
    /// reports and the join page could not tell them apart. Nil when it is free.
    static func nameTaken(_ name: String, in others: [Group]) -> String? {
        others.contains { $0.name.lowercased() == name.lowercased() } ? "There is already a group called \(name)" : nil
    }

    public static func sector(from text: String) -> Sector? {
        let t = text.lowercased()
        switch t {
        case "1", "la", "local authority", "council": return .localAuthority
        case "2", "nhs": return .nhs
        case "3", "vcse", "voluntary": return .vcse
        case "4", "residents", "resident", "community": return .residents
        case "5", "other", "": return .other
        default: return Sector(rawValue: text)
        }
    }

    public mutating func handle(_ key: Key, context: WorkshopContext) -> Navigation {
        guard let session = context.session else { return .unhandled }
        let groups = session.state.groups
        if confirmingRemoval {
            confirmingRemoval = false
            guard key == .char("y"), let group = groups[safe: selected] else {
                context.say("Kept the group")
                return .stay
            }
            if session.record(.groupRemoved(id: group.id)) {
                context.say("Removed \(group.name); its scores leave the matrices (u brings them back)")
                selected = max(0, min(selected, groups.count - 2))
            } else {
                context.say("NOT saved: \(session.lastFailure ?? "")", error: true)
            }
            return .stay
        }
        switch key {
        case .down, .char("j"): selected = min(max(0, groups.count - 1), selected + 1)
        case .up, .char("k"): selected = max(0, selected - 1)
        case .char("a"):
            return .push(PromptScreen("Add a group", fields: [
                .init("Name", hint: "e.g. NHS Trust"),
                .init("Sector", hint: GroupsScreen.sectorChoices, value: "5"),
            ], over: self) { values in
                guard let sector = GroupsScreen.sector(from: values[1]) else { return "Sector: \(GroupsScreen.sectorChoices)" }
                if let taken = GroupsScreen.nameTaken(values[0], in: session.state.groups) { return taken }
                let initials = Group.uniqueInitials(for: values[0], taken: session.state.groups.map(\.initials))
                let group = Group(id: session.store.newID("g"), name: values[0], sector: sector, initials: initials)
                guard session.record(.groupAdded(group)) else { return session.notSavedInForm }
                context.say("Saved: added \(group.name)")
                return nil
            })
        case .enter:
            guard let group = groups[safe: selected] else { return .stay }
            return .push(PromptScreen("Rename \(group.name)", fields: [.init("New name", value: group.name)], over: self) { values in
                let others = session.state.groups.filter { $0.id != group.id }
                if let taken = GroupsScreen.nameTaken(values[0], in: others) { return taken }
                let initials = Group.uniqueInitials(for: values[0], taken: others.map(\.initials))
                guard session.record(.groupRenamed(id: group.id, name: values[0], initials: initials)) else {
                    return session.notSavedInForm
                }
                context.say("Saved: renamed to \(values[0])")
                return nil
            })
        case .char("d"), .delete:
            guard let group = groups[safe: selected] else { return .stay }
            confirmingRemoval = true
            context.say("Remove \(group.name)? Press y to remove, any other key to keep")
        case .char("u"), .char("U"):
            return UndoKeys.handle(key, session: session, context: context) ?? .stay
        default: return .unhandled
        }
        return .stay
    }

    public func render(into canvas: inout Canvas, area: Rect, context: WorkshopContext) {
        let inner = area.inset(dx: 2, dy: 1)
        guard let session = context.session else {
            canvas.text("No session is open.", x: inner.x, y: inner.y, role: .muted)
            return
        }
        canvas.text("Groups in this session", x: inner.x, y: inner.y, role: .title, emphasis: .bold)
        let items = session.state.groups.map { group in
            ListItem(group.name, detail: "\(group.sector.displayName)", role: .text, marker: group.initials)
        }
        if items.isEmpty {
            canvas.text("No groups yet: press a to add one.", x: inner.x, y: inner.y + 2, role: .muted)
        } else {
            ListView.draw(items, selected: min(selected, items.count - 1),
                          in: Rect(x: inner.x, y: inner.y + 2, width: min(inner.width, 70), height: inner.height - 2), on: &canvas)
        }
    }
}
