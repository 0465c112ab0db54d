import Foundation

/// `pit merge`: partners' self-assessment files into one workshop session.
public enum Merge {
    /// Parses a `--rename` value, "Old name=New name".
    public static func parseRename(_ s: String) throws -> (old: String, new: String) {
        guard let eq = s.firstIndex(of: "=") else { throw MergeError.badRename(s) }
        let old = s[..<eq].trimmingCharacters(in: .whitespaces)
        let new = s[s.index(after: eq)...].trimmingCharacters(in: .whitespaces)
        guard !old.isEmpty, !new.isEmpty else { throw MergeError.badRename(s) }
        return (old, new)
    }

    /// Merges self-assessment sessions (each with its single partner group) into a new
    /// workshop session at `into`, one group per input, holding that partner's scores,
    /// notes and actions as they stand (undone events left out, a score set aside by a
    /// new round left out), re-recorded in time
    /// order with their original times and authors. Inputs are only read.
    ///
    /// - Parameter renames: "Old=New" pairs. The key is a partner name, or an input's file
    ///   name or path. A partner-name key (compared ignoring case and outer spaces) renames
    ///   that partner; when several inputs share the name, it renames all but the first.
    ///   Names that still clash after renaming (ignoring case and outer spaces) are refused.
    public static func merge(inputs: [URL], into output: URL, renames: [String: String] = [:],
                             title: String, place: String = "", author: String, scales: InstrumentScales,
                             clock: @escaping SessionClock = { Date() }) throws -> SessionStore {
        guard !inputs.isEmpty else { throw MergeError.noInputs }
        var seen = Set<String>()
        for u in inputs where !seen.insert(u.standardizedFileURL.resolvingSymlinksInPath().path).inserted {
            throw MergeError.sameFileTwice(path: u.path)
        }
        // Read and check every input before anything is written.
        var snaps: [SessionSnapshot] = []
        for u in inputs {
            let snap = try SessionStore.snapshot(at: u, scales: scales)
            guard snap.state.info.mode == .selfAssessment else {
                throw MergeError.notSelfAssessment(path: u.path, detail: "it is a workshop session")
            }
            guard snap.state.groups.count == 1 else {
                throw MergeError.notSelfAssessment(path: u.path, detail: "it has \(snap.state.groups.count) partners, not one")
            }
            snaps.append(snap)
        }

        // Partner names after renames.
        func norm(_ s: String) -> String { s.trimmingCharacters(in: .whitespaces).lowercased() }
        var names = snaps.map { $0.state.groups[0].name }
        var used = Set<String>()
        for (key, new) in renames.sorted(by: { $0.key < $1.key }) {
            if let i = inputs.firstIndex(where: { $0.path == key || $0.lastPathComponent == key }) {
                names[i] = new
                used.insert(key)
            }
        }
        for (key, new) in renames.sorted(by: { $0.key < $1.key }) where !used.contains(key) {
            let hits = snaps.indices.filter { norm(snaps[$0].state.groups[0].name) == norm(key) }
            guard !hits.isEmpty else { throw MergeError.badRename("\(key)=\(new)") }
            for i in (hits.count > 1 ? Array(hits.dropFirst()) : hits) { names[i] = new }
        }
        for i in names.indices {
            let dups = names.indices.filter { norm(names[$0]) == norm(names[i]) }
            if dups.count > 1 {
                throw MergeError.duplicatePartner(name: names[i], paths: dups.map { inputs[$0].path })
            }
        }

        // Groups and the session.
        var groups: [Group] = []
        for (i, snap) in snaps.enumerated() {
            let g = snap.state.groups[0]
            let initials = names[i] == g.name && !groups.contains(where: { $0.initials == g.initials })
                ? g.initials : Group.uniqueInitials(for: names[i], taken: groups.map(\.initials))
            groups.append(Group(id: "g\(i + 1)", name: names[i], sector: g.sector, initials: initials))
        }
        var instruments: [String] = []
        for s in snaps { for i in s.state.info.instruments where !instruments.contains(i) { instruments.append(i) } }
        let info = SessionInfo(title: title, place: place, date: SessionInfo.day(of: clock()), facilitator: author,
                               instruments: instruments, mode: .workshop)

        // The partners' own records, in time order.
        struct Item { var at: Date; var input: Int; var seq: Int64; var payload: EventPayload; var author: String }
        var items: [Item] = []
        for (i, snap) in snaps.enumerated() {
            let old = snap.state.groups[0].id, new = groups[i].id, prefix = "p\(i + 1)-"
            var scored = Set<ElementRef>()
            for e in snap.events where snap.state.isInEffect(e.seq) {
                let mapped: EventPayload?
                switch e.payload {
                case .scoreRecorded(let g, let el, let a, let note) where g == old:
                    scored.insert(el)
                    mapped = .scoreRecorded(group: new, element: el, answer: a, note: note)
                case .scoreCleared(let g, let el) where g == old:
                    scored.remove(el)
                    mapped = .scoreCleared(group: new, element: el)
                // A new round on the partner's own file set its score aside. In the
                // workshop a round is the whole room's, so only this partner's score is
                // taken away: its score as it stands is none until it scores again.
                case .roundStarted(let el) where scored.contains(el):
                    scored.remove(el)
                    mapped = .scoreCleared(group: new, element: el)
                case .noteAdded(let id, let el, let text):
                    mapped = .noteAdded(id: prefix + id, element: el, text: text)
                case .actionAdded(let id, let el, let what, let owner, let due):
                    mapped = .actionAdded(id: prefix + id, element: el, what: what, owner: owner, due: due)
                case .actionDone(let id):
                    mapped = .actionDone(id: prefix + id)
                case .noteEdited(let id, let text):
                    mapped = .noteEdited(id: prefix + id, text: text)
                case .noteDeleted(let id):
                    mapped = .noteDeleted(id: prefix + id)
                case .actionEdited(let id, let what, let owner, let due):
                    mapped = .actionEdited(id: prefix + id, what: what, owner: owner, due: due)
                case .actionDeleted(let id):
                    mapped = .actionDeleted(id: prefix + id)
                default:
                    mapped = nil
                }
                guard let m = mapped else { continue }
                // Refused here, naming the partner's file and its own event, rather than by
                // the store as an event of a merged session nobody can see.
                if let why = RecordRules.newRecordViolation(in: Event(seq: e.seq, at: e.at, author: e.author, payload: e.payload)) {
                    throw MergeError.recordRefused(path: inputs[i].path, seq: e.seq, why: why)
                }
                items.append(Item(at: e.at, input: i, seq: e.seq, payload: m, author: e.author))
            }
        }
        items.sort { ($0.at, $0.input, $0.seq) < ($1.at, $1.input, $1.seq) }
        // The merged session is dated from its earliest record, so its log reads in time
        // order; changes made after the merge take the real clock.
        let now = clock()
        let created = CreationClock(creation: min(items.first.map { $0.at } ?? now, now), then: clock)
        let store = try SessionStore.create(at: output, info: info, groups: groups, author: author, scales: scales,
                                            clock: { created.now() }) { store in
            try store.append(timed: items.map { ($0.payload, $0.author, $0.at) })
        }
        created.live = true
        return store
    }
}

/// Gives a fixed creation time until `live` is set, then the real clock: for a session
/// whose log should start before records written into it when it is made.
public final class CreationClock: @unchecked Sendable {
    public let creation: Date
    let then: SessionClock
    public var live = false

    public init(creation: Date, then: @escaping SessionClock = { Date() }) {
        self.creation = creation
        self.then = then
    }

    public func now() -> Date { live ? then() : creation }
}
