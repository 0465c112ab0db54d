import Instruments
import SessionEngine
import TerminalKit

/// A screen that can say where the facilitator is, for the shared room focus.
protocol FocusReporting {
    func roomFocus(context: WorkshopContext) -> RoomFocus?
}

extension TriangleScreen: FocusReporting {
    func roomFocus(context: WorkshopContext) -> RoomFocus? {
        RoomFocus(screen: .triangle, component: selected.rawValue)
    }
}

extension ComponentScreen: FocusReporting {
    func roomFocus(context: WorkshopContext) -> RoomFocus? {
        RoomFocus(screen: .component, component: component.rawValue)
    }
}

extension ElementListScreen: FocusReporting {
    func roomFocus(context: WorkshopContext) -> RoomFocus? {
        let element = context.catalogue.instrument(instrumentID)?.elements[safe: selected]?.id
        return RoomFocus(screen: .elementList, instrument: instrumentID, element: element)
    }
}

extension ElementScreen: FocusReporting {
    func roomFocus(context: WorkshopContext) -> RoomFocus? {
        guard let element = context.catalogue.instrument(instrumentID)?.elements[safe: index] else {
            return RoomFocus(screen: .elementList, instrument: instrumentID)
        }
        let ref = ElementRef(instrument: instrumentID, element: element.id)
        return RoomFocus(screen: .element, instrument: instrumentID, element: element.id,
                         revealed: context.session?.state.revealed.contains(ref) ?? false)
    }
}

extension MatrixScreen: FocusReporting {
    func roomFocus(context: WorkshopContext) -> RoomFocus? {
        RoomFocus(screen: .matrices, view: view.focusName)
    }
}

extension MatrixScreen.View {
    /// The view's name in the room focus (stable: other processes read it).
    public var focusName: String {
        switch self {
        case .levels: "levels"
        case .heatmap: "heatmap"
        case .rollup: "rollup"
        case .priorities: "priorities"
        case .actions: "actions"
        case .transcript: "transcript"
        }
    }

    public init?(focusName: String) {
        guard let view = Self.allCases.first(where: { $0.focusName == focusName }) else { return nil }
        self = view
    }
}

extension App {
    /// Where the facilitator is: the top-most screen that can say (a form or the groups
    /// screen over an element leaves the room on the element), with the session's timer
    /// and plan position.
    public var roomFocus: RoomFocus? {
        guard let session = context.session else { return nil }
        for screen in stack.reversed() {
            if let reporting = screen as? FocusReporting, var focus = reporting.roomFocus(context: context) {
                focus.timer = session.timer
                focus.planPosition = focus.elementRef.flatMap { session.state.plan?.itemIndex(containing: $0, catalogue: context.catalogue) }
                    ?? session.planPosition
                return focus
            }
        }
        return nil
    }

    /// Shares the focus with the other processes on the file when it moved. Called after
    /// every key and on the idle tick (another process may have revealed the element).
    public func publishFocus() {
        guard let focus = roomFocus else { return }
        context.session?.publish(focus)
    }
}
