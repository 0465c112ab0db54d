import Instruments

/// Where the facilitator was in a session: an instrument's element (or its list), so that
/// reopening the session returns there. The program keeps one per session file in its
/// state folder (not in the session file: a place is one person's view, not a decision).
public struct SessionPlace: Codable, Hashable, Sendable {
    public enum View: String, Codable, Sendable {
        /// The instrument's list of elements, `index` selected.
        case list
        /// One element, open.
        case element
    }

    public var instrument: String
    public var index: Int
    public var view: View

    public init(instrument: String, index: Int, view: View) {
        self.instrument = instrument; self.index = index; self.view = view
    }

    /// The deepest element or element list on a screen stack, if any.
    init?(stack: [any Screen]) {
        for screen in stack.reversed() {
            if let element = screen as? ElementScreen {
                self.init(instrument: element.instrumentID, index: element.index, view: .element)
                return
            }
            if let list = screen as? ElementListScreen {
                self.init(instrument: list.instrumentID, index: list.selected, view: .list)
                return
            }
        }
        return nil
    }

    /// The screens that lead back to this place, after `base` (the triangle, or a partner's
    /// instrument list); nil when the instrument or element no longer exists.
    func screens(catalogue: Catalogue) -> [any Screen]? {
        guard let instrument = catalogue.instrument(self.instrument), instrument.elements.indices.contains(index) else { return nil }
        let list = ElementListScreen(instrument: instrument.id, selected: index)
        return view == .element ? [list, ElementScreen(instrument: instrument.id, index: index)] : [list]
    }
}
