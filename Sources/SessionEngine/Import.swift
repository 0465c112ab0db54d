import Foundation

extension SessionStore {
    /// Creates a new session file holding exactly `events`: the same sequence numbers,
    /// times (to the millisecond) and authors, so the same state. Used to turn an exported
    /// session (JSON) back into a `.pit` file.
    ///
    /// The events must number 1, 2, 3 ... with a `sessionCreated` first and no other; each is
    /// checked as `append` checks a live change, so a log the engine would never have
    /// written is refused with `SessionError.invalidEvent`. Like `create`, this refuses to
    /// overwrite an existing file (`SessionFileError.alreadyExists`), commits with
    /// `synchronous=FULL`, and the file appears complete or not at all.
    ///
    /// - Parameters:
    ///   - scales: the levels each instrument's scale allows; every imported level is held to them.
    ///   - withoutNotApplicable: the instruments whose scale has no "not applicable"
    ///     (`notApplicable: false`); an imported answer of N/A on one of them is refused, as
    ///     the screens and the live room never offer it.
    ///   - clock: the clock for later changes made through the returned store.
    public static func importEvents(_ events: [Event], at url: URL, scales: InstrumentScales,
                                    withoutNotApplicable: Set<String> = [],
                                    clock: @escaping SessionClock = { Date() }) throws -> SessionStore {
        guard let first = events.first else { throw SessionError.invalidEvent("there are no events to import") }
        guard case .sessionCreated(let info) = first.payload else {
            throw SessionError.invalidEvent("the first event must create the session, not \(first.payload.kind)")
        }
        for (i, e) in events.enumerated() {
            if e.seq != Int64(i + 1) {
                throw SessionError.invalidEvent("event \(i + 1) has the number \(e.seq); events must be numbered 1, 2, 3 … without gaps")
            }
            if i > 0, case .sessionCreated = e.payload {
                throw SessionError.invalidEvent("event \(e.seq) creates the session a second time")
            }
            if let element = notApplicable(in: e.payload), withoutNotApplicable.contains(element.instrument) {
                throw SessionError.invalidEvent("event \(e.seq) (\(e.payload.kind)) answers \"not applicable\" for "
                    + "\(element.instrument)/\(element.element), but the scale of \(element.instrument) has no \"not applicable\" "
                    + "(notApplicable: false in its file); give a level, or remove the event")
            }
        }
        let createdAt = storedDate(first.at)
        let store = try create(at: url, info: info, groups: [], author: first.author, scales: scales, clock: { createdAt }) { store in
            try store.append(timed: events.dropFirst().map { ($0.payload, $0.author, $0.at) }, fromALog: true)
            let written = store.events.map { Event(seq: $0.seq, at: $0.at, author: $0.author, payload: $0.payload) }
            let expected = events.map { Event(seq: $0.seq, at: storedDate($0.at), author: $0.author, payload: $0.payload) }
            if written != expected {
                throw SessionError.invalidEvent("the imported events did not read back identically")
            }
        }
        store.close()
        return try open(at: url, scales: scales, clock: clock)
    }

    /// The element a score or an agreed score answers "not applicable" for; nil otherwise.
    static func notApplicable(in payload: EventPayload) -> ElementRef? {
        switch payload {
        case .scoreRecorded(_, let e, .notApplicable, _), .agreedScoreRecorded(let e, .notApplicable, _): e
        default: nil
        }
    }
}
