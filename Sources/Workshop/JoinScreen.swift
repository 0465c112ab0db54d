import SessionEngine
import TerminalKit

/// The live room's join screen, for the projector: the QR code, the address and the room
/// code, and beside them which groups have a device (◉), joins and leaves. The
/// facilitator can release a group's devices or close the room from here.
public struct JoinScreen: Screen {
    public var selected = 0

    public init() {}

    public static let globalKey = KeyHelp("J", "the live room: open it and show how to join")

    public func title(context: WorkshopContext) -> String { "Join the room" }

    public func keys(context: WorkshopContext) -> [KeyHelp] {
        [KeyHelp("↑↓", "choose a group"),
         KeyHelp("d", "release the chosen group's devices", hint: true, short: "release"),
         KeyHelp("c", "close the room (every device is disconnected)", hint: true, short: "close room")]
    }

    public mutating func handle(_ key: Key, context: WorkshopContext) -> Navigation {
        guard let link = context.liveRoom, let room = link.view() else { return .unhandled }
        switch key {
        case .down, .char("j"): selected = min(max(0, room.groups.count - 1), selected + 1)
        case .up, .char("k"): selected = max(0, selected - 1)
        case .char("d"):
            guard room.groups.indices.contains(selected) else { return .stay }
            let group = room.groups[selected]
            link.release(group: group.groupID)
            context.say(group.devices == 0 ? "\(group.name) has no device to release"
                                           : "Released \(group.name)'s device\(group.devices == 1 ? "" : "s"); they can join again with the code")
        case .char("c"):
            link.close()
            context.say("The room is closed; J opens it again with a new code")
            return .pop
        default: return .unhandled
        }
        return .stay
    }

    public func render(into canvas: inout Canvas, area: Rect, context: WorkshopContext) {
        let inner = area.inset(dx: 1, dy: 0)
        guard let room = context.liveRoom?.view() else {
            canvas.text("The room is closed. Press J to open it.", x: inner.x, y: inner.y + 1, role: .muted, maxWidth: inner.width)
            return
        }
        let qrSize = QRBlocks.size(room.qr)
        let showQR = canvas.glyphs.isUnicode && qrSize.width + 24 <= inner.width && qrSize.height <= inner.height
        var textX = inner.x
        if showQR {
            for (i, line) in QRBlocks.lines(room.qr).enumerated() {
                canvas.text(line, x: inner.x, y: inner.y + i, role: .qr)
            }
            textX = inner.x + qrSize.width + 2
        }
        let width = inner.maxX - textX
        var y = inner.y + (showQR ? 1 : 0)
        func line(_ text: String, role: Role = .text, emphasis: Emphasis = []) {
            guard y < inner.maxY else { return }
            canvas.text(text, x: textX, y: y, role: role, emphasis: emphasis, maxWidth: width)
            y += 1
        }
        line(showQR ? "Scan, or open:" : "Open on a phone or laptop:", role: .muted)
        line(room.address, role: .accent, emphasis: .bold)
        line("Room code:", role: .muted)
        line(room.code, role: .title, emphasis: .bold)
        y += 1
        let dot = canvas.glyphs.isUnicode ? "◉" : "@"
        let none = canvas.glyphs.isUnicode ? "○" : "."
        line("\(room.withDevice) of \(room.groups.count) groups have a device", role: .muted)
        for (i, group) in room.groups.enumerated() {
            guard y < inner.maxY else { break }
            let mark = group.devices > 0 ? dot : none
            let count = group.devices == 0 ? "" : " (\(group.devices))"
            if i == selected { canvas.fill(Rect(x: textX, y: y, width: width, height: 1), role: .selection) }
            // A long name ends in an ellipsis; the device count stays.
            let name = DisplayWidth.truncate(group.name, to: max(1, width - 2 - DisplayWidth.of(count)), ellipsis: canvas.glyphs.ellipsis)
            line("\(mark) \(name)\(count)", role: i == selected ? .selection : (group.devices > 0 ? .success : .muted))
        }
        if !room.recent.isEmpty, y + 1 < inner.maxY {
            y += 1
            for entry in room.recent.suffix(max(0, inner.maxY - y)) { line(entry, role: .muted) }
        }
    }
}
