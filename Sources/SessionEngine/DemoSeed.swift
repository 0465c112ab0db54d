import Foundation

/// A small deterministic generator (SplitMix64) whose output does not depend on the
/// standard library's algorithms, so a seed means the same data everywhere.
public struct SeededGenerator: RandomNumberGenerator, Sendable {
    private var state: UInt64
    public init(seed: UInt64) { state = seed }
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    /// Uniform-enough integer in `range` (modulo; fine for demo data and tests).
    public mutating func int(_ range: ClosedRange<Int>) -> Int {
        range.lowerBound + Int(next() % UInt64(range.upperBound - range.lowerBound + 1))
    }
    public mutating func chance(_ p: Double) -> Bool { Double(next() >> 11) / Double(1 << 53) < p }
    public mutating func pick<T>(_ a: [T]) -> T { a[int(0...(a.count - 1))] }
}

/// Sample workshop data for `pit demo` and for trying the screens.
public enum DemoSeed {
    /// The four demo tables.
    public static let groups: [Group] = [
        Group(id: "council", name: "City Council", sector: .localAuthority, initials: "CC"),
        Group(id: "nhs", name: "NHS Trust", sector: .nhs, initials: "NHS"),
        Group(id: "vcse", name: "Voluntary Sector Forum", sector: .vcse, initials: "VSF"),
        Group(id: "residents", name: "Residents' Panel", sector: .residents, initials: "RP"),
    ]

    /// The demo's details; its date is the day of `start` in `timeZone`, the machine's own
    /// by default, as `pit new` dates a session, so the date and the records' times agree.
    public static func info(start: Date, instruments: [String], timeZone: TimeZone = .current) -> SessionInfo {
        SessionInfo(title: "Healthier Northbridge: place-based planning workshop", place: "Northbridge Community Hall",
                    date: SessionInfo.day(of: start, timeZone: timeZone),
                    facilitator: "Sam Okafor", instruments: instruments, mode: .workshop)
    }

    /// Creates a demo session file. The creation events take their time from `clock`
    /// (give `{ start }` for a file that is identical run after run); the demo data are
    /// timed from `start`; later changes take their time from `clock`.
    /// `alsoUsing` names further instruments the session scores that get no demo data.
    /// `timeZone` gives the day the session is dated and its actions' due dates count from:
    /// the machine's zone for `pit demo`, like `pit new`; tests give a fixed one.
    public static func create(at url: URL, elements: [(instrument: String, elements: [String])],
                              alsoUsing: [String] = [], seed: UInt64 = 1, start: Date, scales: InstrumentScales,
                              timeZone: TimeZone = .current,
                              clock: @escaping SessionClock = { Date() }) throws -> SessionStore {
        let info = info(start: start, instruments: elements.map(\.instrument) + alsoUsing, timeZone: timeZone)
        let store = try SessionStore.create(at: url, info: info, groups: groups, author: info.facilitator,
                                            scales: scales, clock: clock)
        try fill(store, elements: elements, seed: seed, start: start, timeZone: timeZone)
        return store
    }

    /// Reasons for an agreed level, by level (1 to 5), so that each reason fits its level.
    static let rationales: [Int: [String]] = [
        1: ["Nobody could point to an example of this happening yet.",
            "Agreed after discussion: good intentions, but no sign of it in practice."],
        2: ["Some joint work exists, led mostly by the council; residents want a bigger say.",
            "The data exist but are not brought together or shared routinely."],
        3: ["Partners agreed there is a shared plan, but it is not yet used to steer budgets.",
            "In place for the council and the NHS; the voluntary sector and residents see gaps."],
        4: ["Strong at senior level and shared by most partners; less visible to frontline staff.",
            "Most partners work this way and could show evidence that it works."],
        5: ["Everyone recognised this as a strength built over several years.",
            "How the partnership routinely works, reviewed each year."],
    ]

    /// A reason that fits `level` (levels off the 1–5 scale take the nearest).
    static func rationale(for level: Int, rng: inout SeededGenerator) -> String {
        rng.pick(rationales[min(5, max(1, level))]!)
    }
    static let scoreNotes = [
        "Based on the last joint strategic needs assessment.",
        "We see this differently on the ground.",
        "Depends which neighbourhood you look at.",
        "Improving since the new partnership board.",
    ]
    static let notes = [
        "Residents' Panel described being consulted late, after decisions were made.",
        "NHS and council scores differ because of separate planning cycles.",
        "Idea: a shared outcomes dashboard reviewed at each partnership board.",
        "Come back to this after the data-sharing agreement is signed.",
    ]
    static let closingNote = "Next workshop in six months to review progress against the actions."

    static let actions: [(what: String, ownerIndex: Int, days: Int)] = [
        ("Draft a data-sharing agreement covering the four partners", 1, 30),
        ("Set up a residents' seat on the partnership board", 0, 60),
        ("Map community assets with VCSE partners in two neighbourhoods", 2, 90),
    ]

    /// Fills a session with plausible workshop data: the four demo groups (added if
    /// missing); for each instrument, scores on all but its last element, the first ~60%
    /// revealed and most of those agreed, some divergent; a not-applicable or two, notes
    /// and actions. Every instrument given gets data, so every screen has something.
    /// Deterministic for a given seed, start date, element list, starting session and zone
    /// (the zone only moves the due dates, counted in days from `start`'s day there).
    public static func fill(_ store: SessionStore, elements: [(instrument: String, elements: [String])],
                            seed: UInt64, start: Date, timeZone: TimeZone = TimeZone(identifier: "UTC")!) throws {
        var rng = SeededGenerator(seed: seed)
        let facilitator = store.state.info.facilitator.isEmpty ? "Facilitator" : store.state.info.facilitator
        var t = start
        var out: [(payload: EventPayload, author: String, at: Date)] = []
        func emit(_ p: EventPayload, _ author: String) {
            t = t.addingTimeInterval(Double(rng.int(15...90)))
            out.append((p, author, t))
        }
        for g in groups where store.state.group(id: g.id) == nil { emit(.groupAdded(g), facilitator) }
        var all = store.state.groups
        for g in groups where !all.contains(where: { $0.id == g.id }) { all.append(g) }

        let dueFormatter = { (days: Int) in
            SessionInfo.day(of: start.addingTimeInterval(Double(days) * 86_400), timeZone: timeZone)
        }
        var noteIndex = 0
        // Where the actions go: revealed elements of the first instrument.
        var actionElements: [ElementRef] = []
        for item in elements {
            let flat = item.elements.map { ElementRef(instrument: item.instrument, element: $0) }
            let n = flat.count
            let unscored = n > 1 ? n - 1 : -1
            let frontier = n > 1 ? max(1, Int((Double(n) * 0.6).rounded())) : n
            if actionElements.isEmpty, frontier > 0, n > 0 {
                actionElements = (0..<actions.count).map { k in flat[min(k * 2 + 1, max(0, frontier - 1))] }
            }
            for (i, el) in flat.enumerated() where i != unscored {
                // Levels for this element.
                let divergent = i % 3 == 1
                var levels: [Answer] = []
                if divergent {
                    let lo = rng.int(1...3), hi = min(5, lo + 2 + rng.int(0...1))
                    levels = all.map { _ in .level(rng.int(lo...hi)) }
                    if all.count >= 2 {
                        let a = rng.int(0...(all.count - 1))
                        let b = (a + 1 + rng.int(0...(all.count - 2))) % all.count
                        levels[a] = .level(lo); levels[b] = .level(hi)
                    }
                } else {
                    let base = rng.int(1...4)
                    levels = all.map { _ in .level(base + rng.int(0...1)) }
                }
                // A not-applicable or two.
                if i == 2, let r = all.lastIndex(where: { $0.sector == .residents }) { levels[r] = .notApplicable }
                if i == 5, let v = all.firstIndex(where: { $0.sector == .vcse }) { levels[v] = .notApplicable }
                // Beyond the frontier, not every group has scored yet.
                for (gi, g) in all.enumerated() {
                    if i > frontier && gi == all.count - 1 { continue }
                    let note: String? = rng.chance(0.15) ? rng.pick(scoreNotes) : nil
                    emit(.scoreRecorded(group: g.id, element: el, answer: levels[gi], note: note), g.name)
                }
                guard i < frontier else { continue }
                emit(.revealed(el), facilitator)
                if divergent && noteIndex < notes.count {
                    emit(.noteAdded(id: "note\(noteIndex + 1)", element: el, text: notes[noteIndex]), facilitator)
                    noteIndex += 1
                }
                if i < frontier - 1 { // the last revealed element is still under discussion
                    emit(.votingLocked(el), facilitator)
                    let nums = levels.compactMap(\.level)
                    let agreedLevel = medianOfLevels(nums).map { Int($0.rounded(.down)) } ?? 3
                    emit(.agreedScoreRecorded(element: el, answer: .level(agreedLevel),
                                              rationale: rationale(for: agreedLevel, rng: &rng)), facilitator)
                }
            }
        }
        // Actions, tied to revealed elements where there are some.
        for (k, a) in actions.enumerated() {
            let el: ElementRef? = actionElements.indices.contains(k) ? actionElements[k] : nil
            let owner = all.isEmpty ? "Partnership board" : all[a.ownerIndex % all.count].name
            emit(.actionAdded(id: "action\(k + 1)", element: el, what: a.what, owner: owner, due: dueFormatter(a.days)),
                 facilitator)
        }
        emit(.actionDone(id: "action1"), facilitator)
        while noteIndex < 2 && noteIndex < notes.count {
            emit(.noteAdded(id: "note\(noteIndex + 1)", element: nil, text: notes[noteIndex]), facilitator)
            noteIndex += 1
        }
        emit(.noteAdded(id: "note-general", element: nil, text: closingNote), facilitator)
        try store.append(timed: out)
    }
}
