import Foundation
import Instruments
import Reports
import SessionEngine
import TerminalKit

/// The session's matrices on screen: who chose which level, the groups' heat map,
/// the triangle roll-up, priorities and the transcript. Tab switches between them.
public struct MatrixScreen: Screen {
    public enum View: Int, CaseIterable, Sendable {
        case levels, heatmap, rollup, priorities, actions, transcript

        var shortName: String {
            switch self {
            case .levels: "Levels"
            case .heatmap: "Heat map"
            case .rollup: "Roll-up"
            case .priorities: "Priorities"
            case .actions: "Actions"
            case .transcript: "Transcript"
            }
        }

        var name: String {
            switch self {
            case .levels: "Level matrix"
            case .heatmap: "Group heat map"
            case .rollup: "Triangle roll-up"
            case .priorities: "Priorities"
            case .actions: "Actions"
            case .transcript: "Transcript"
            }
        }
    }

    public var view: View
    public var scroll = 0
    /// First group column shown in the heat map, when the groups do not all fit.
    public var firstGroup = 0
    /// The selected action in the actions view.
    public var selectedAction = 0
    /// Show each element's first round of scores instead of the latest (`f`).
    public var firstRound = false

    public init(view: View = .heatmap) { self.view = view }

    public func title(context: WorkshopContext) -> String { "Matrices" }

    public func keys(context: WorkshopContext) -> [KeyHelp] {
        [KeyHelp("Tab", "next matrix (Shift-Tab: previous)", hint: true, short: "next view"),
         KeyHelp("1-6", "level matrix, heat map, roll-up, priorities, actions, transcript"),
         KeyHelp("↑↓ PgUp PgDn", "scroll", hint: true, short: "scroll"),
         KeyHelp("← →", "more groups (heat map)"),
         KeyHelp("e", "export a report to a file", hint: true, short: "export"),
         KeyHelp("f", "first round / latest round, where an element was scored twice")]
            + (view == .actions ? [KeyHelp("Enter", "mark the selected action done (u undoes)", hint: true, short: "done")] + UndoKeys.help : [])
    }

    public mutating func handle(_ key: Key, context: WorkshopContext) -> Navigation {
        let views = View.allCases
        switch key {
        case .tab: view = views[(view.rawValue + 1) % views.count]; scroll = 0
        case .backTab: view = views[(view.rawValue + views.count - 1) % views.count]; scroll = 0
        case .char(let c) where c.wholeNumberValue.map({ (1...views.count).contains($0) }) == true:
            view = views[c.wholeNumberValue! - 1]; scroll = 0
        // Both ends clamp to what the heat map can show now, so no arrow press is lost past the end.
        case .left: firstGroup = max(0, min(firstGroup, extent(context).lastFirstGroup) - 1)
        case .right: firstGroup = min(firstGroup + 1, extent(context).lastFirstGroup)
        case .char("e"): return ExportPrompt.open(over: self, context: context)
        case .char("f") where context.session?.state.hasLaterRounds == true:
            firstRound.toggle()
            context.say(firstRound ? "Showing each element's first round" : "Showing the latest round")
        case .up where view == .actions: selectedAction = max(0, selectedAction - 1)
        case .down where view == .actions:
            let count = context.session.map { MatrixScreen.orderedActions($0.state.actions).count } ?? 0
            selectedAction = min(max(0, count - 1), selectedAction + 1)
        case .enter where view == .actions: markDone(context: context)
        case .char("u") where view == .actions, .char("U") where view == .actions:
            if let session = context.session { return UndoKeys.handle(key, session: session, context: context) ?? .stay }
        default:
            let page = MatrixScreen.body(in: context.screenArea).height
            guard let next = Scrolling.offset(after: key, current: scroll, page: page) else { return .unhandled }
            scroll = Scrolling.clamp(next, total: extent(context).lines, visible: page)
        }
        return .stay
    }

    public func render(into canvas: inout Canvas, area: Rect, context: WorkshopContext) {
        let inner = area.inset(dx: 1, dy: 0)
        // The tabs: every view named, the current one highlighted, with its number key.
        var x = inner.x
        let long = View.allCases.map { DisplayWidth.of(" \($0.rawValue + 1) \($0.name) ") }.reduce(0, +) <= inner.width
        for v in View.allCases {
            let label = " \(v.rawValue + 1) \(long ? v.name : v.shortName) "
            let fits = x + DisplayWidth.of(label) <= inner.maxX
            let text = fits ? label : " \(v.rawValue + 1) "
            x += canvas.text(text, x: x, y: inner.y, role: v == view ? .selection : .muted, emphasis: v == view ? .bold : [])
            if v == view { canvas.cursor = Point(x: x - DisplayWidth.of(text) + 1, y: inner.y) }
        }
        if firstRound {
            // On the row between the tabs and the view, for as long as it holds: a passing
            // message was all that said these were not the latest levels.
            canvas.text("First round: each element as first scored (f: the latest)", x: inner.x, y: inner.y + 1,
                        role: .accent, emphasis: .bold, maxWidth: inner.width)
        }
        let body = MatrixScreen.body(in: area)
        guard context.session != nil else {
            canvas.text("Open a session to see its matrices.", x: body.x, y: body.y, role: .muted)
            return
        }
        drawView(into: &canvas, body: body, context: context)
    }

    /// Below the tabs: where the current view draws.
    static func body(in area: Rect) -> Rect {
        let inner = area.inset(dx: 1, dy: 0)
        return Rect(x: inner.x, y: inner.y + 2, width: inner.width, height: inner.height - 2)
    }

    /// How far the current view reaches at the size the App was last given: the view is
    /// drawn off screen, so keys and frames agree on its length by construction.
    func extent(_ context: WorkshopContext) -> MatrixTables.Extent {
        let body = MatrixScreen.body(in: context.screenArea)
        var scratch = Canvas(width: max(0, body.maxX), height: max(0, body.maxY))
        return drawView(into: &scratch, body: body, context: context)
    }

    @discardableResult
    private func drawView(into canvas: inout Canvas, body: Rect, context: WorkshopContext) -> MatrixTables.Extent {
        guard let session = context.session else { return MatrixTables.Extent(lines: 0) }
        let state = firstRound ? session.state.firstRound : session.state
        let catalogue = context.catalogue
        let threshold = session.divergenceThreshold
        // The first round is another state of the same revision: it is part of every key.
        func memo<T>(_ variant: String = "", _ make: () -> T) -> T {
            session.memo.value(for: session.store, threshold: threshold, variant: "\(variant) round \(firstRound ? 1 : 0)", make: make)
        }
        switch view {
        case .levels:
            let lines = memo("levels \(body.width)") {
                MatrixTables.levelLines(LevelMatrix.make(state: state, catalogue: catalogue, divergenceThreshold: threshold), width: body.width)
            }
            return MatrixTables.draw(lines, in: body, scroll: scroll, canvas: &canvas, context: context)
        case .heatmap:
            let matrix = memo { GroupMatrix.make(state: state, catalogue: catalogue, divergenceThreshold: threshold) }
            return MatrixTables.heatmap(matrix, in: body, scroll: scroll, firstGroup: firstGroup, canvas: &canvas, context: context)
        case .rollup:
            let rollup = memo { TriangleRollup.make(state: state, catalogue: catalogue) }
            MatrixTables.rollup(rollup, in: body, canvas: &canvas, context: context)
            return MatrixTables.Extent(lines: 1)
        case .priorities:
            let priorities = memo { Priorities.make(state: state, catalogue: catalogue, divergenceThreshold: threshold) }
            return MatrixTables.priorities(priorities, in: body, scroll: scroll, canvas: &canvas, context: context)
        case .actions:
            MatrixTables.actions(state.actions, selected: selectedAction, in: body, canvas: &canvas, context: context)
            return MatrixTables.Extent(lines: MatrixScreen.orderedActions(state.actions).count)
        case .transcript:
            let lines = memo("transcript \(body.width) \(context.timeZone.identifier)") {
                let transcript = Transcript.make(events: session.store.events, state: session.store.state, catalogue: catalogue)
                return MatrixTables.transcriptLines(transcript, width: body.width, timeZone: context.timeZone)
            }
            return MatrixTables.draw(lines, in: body, scroll: scroll, canvas: &canvas, context: context)
        }
    }

    /// The transcript view's body for `events`, drawn on its own (the benchmark measures it).
    public static func renderTranscript(events: [Event], size: Size, context: WorkshopContext) -> Canvas {
        var canvas = Canvas(width: size.width, height: size.height)
        let transcript = Transcript.make(events: events, catalogue: context.catalogue)
        MatrixTables.transcript(transcript, in: Rect(x: 0, y: 0, width: size.width, height: size.height), scroll: 0,
                                canvas: &canvas, context: context)
        return canvas
    }

    /// The actions as the actions view lists them: open ones first, then done, each by when added.
    static func orderedActions(_ actions: [Action]) -> [Action] {
        actions.filter { !$0.done } + actions.filter(\.done)
    }

    private mutating func markDone(context: WorkshopContext) {
        guard let session = context.session,
              let action = MatrixScreen.orderedActions(session.state.actions)[safe: selectedAction] else { return }
        if action.done {
            context.say("Already done; u takes it back")
        } else if session.record(.actionDone(id: action.id)) {
            // A done action moves down among the done ones: the selection goes with it, so a
            // second Enter cannot mark the action that moved up into its row.
            selectedAction = MatrixScreen.orderedActions(session.state.actions).firstIndex { $0.id == action.id } ?? selectedAction
            context.say("Saved: done: \(action.what)")
        } else {
            context.say("NOT saved: \(session.lastFailure ?? "")", error: true)
        }
    }
}
