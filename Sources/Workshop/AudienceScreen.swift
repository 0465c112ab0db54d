import Foundation
import SessionEngine
import TerminalKit

/// `pit present`: the audience's screen. It follows the facilitator's focus from the
/// session file; no key changes the session (`q` quits, `f` stops or resumes following).
public struct AudienceScreen: Screen {
    /// Whether the view moves with the facilitator.
    public private(set) var following = true
    /// The focus shown while not following.
    public private(set) var held: RoomFocus?

    public init() {}

    public func title(context: WorkshopContext) -> String { "Audience" }

    public func keys(context: WorkshopContext) -> [KeyHelp] {
        [KeyHelp("f", "stop or resume following the facilitator"), KeyHelp("q  Ctrl-C", "quit")]
    }

    /// Every key is taken here, so none reaches the global keys (no theme, matrices or groups).
    public var isModal: Bool { true }

    public mutating func handle(_ key: Key, context: WorkshopContext) -> Navigation {
        switch key {
        case .char("q"), .escape: return .quit
        case .char("f"):
            following.toggle()
            held = following ? nil : context.session?.store.focus
        default: break
        }
        return .stay
    }

    /// The focus on screen: the facilitator's, or the one held when following stopped.
    public func focus(context: WorkshopContext) -> RoomFocus? {
        following ? context.session?.store.focus : held
    }

    public func render(into canvas: inout Canvas, area: Rect, context: WorkshopContext) {
        AudienceView(context: context, focus: focus(context: context), now: context.now(), following: following)
            .draw(in: area, on: &canvas)
    }
}
