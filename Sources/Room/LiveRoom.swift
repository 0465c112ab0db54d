import Foundation
import Instruments
import SessionEngine

/// One device that joined: which group it speaks for and how it signs its scores.
public struct Device: Hashable, Sendable {
    public var token: DeviceToken
    public var groupID: String
    /// 1 for a group's first device, 2 for its second...
    public var number: Int
    public var joinedAt: Date
    /// The author recorded with its scores, naming the group's device ("City Council device 2").
    public var author: String
}

/// Why a room could not open on a session file.
public enum LiveRoomError: Error, CustomStringConvertible, Equatable {
    /// Another process serves a room on this file now (its presence is fresh): one room
    /// per file, so devices and the facilitator's screens agree on who is in.
    case alreadyOpen(path: String, retryAfterSeconds: Int)

    public var description: String {
        switch self {
        case .alreadyOpen(let path, let seconds):
            return "a live room is already open on \(path) (pit room, or J in another pit): use that room, or close it first; "
                + "if it was stopped without closing, try again in \(seconds) second\(seconds == 1 ? "" : "s")"
        }
    }
}

/// What the facilitator may know about the room: who has a device, who has scored the
/// element in view, never what they scored.
public struct RoomStatus: Equatable, Sendable {
    public struct Presence: Equatable, Sendable {
        public var groupID: String
        public var name: String
        public var initials: String
        public var devices: Int
        public var connected: Int
        public var scored: Bool
    }

    public var code: RoomCode
    public var element: ElementRef?
    public var groups: [Presence]
    /// Joins and leaves, newest last (a few only).
    public var recent: [String]

    public var scoredCount: Int { groups.filter(\.scored).count }
    public var withDevice: Int { groups.filter { $0.devices > 0 }.count }
}

/// The room's rules, independent of HTTP: joining with the code, scoring as ordinary
/// score events committed to the session file before "saved", releasing devices, and the
/// live updates each device receives. Thread-safe: every entry point takes one lock, so a
/// score is validated and written against the state as it is at that moment.
public final class LiveRoom: @unchecked Sendable {
    public let code: RoomCode
    public let catalogue: Catalogue
    private let lock = NSLock()
    /// Scores waiting to be committed, and whether a commit is under way (its own lock, so
    /// devices can queue while the store's lock is held for a write).
    private let pendingLock = NSLock()
    private var pending: [ScoreRequest] = []
    private var committing = false
    private let commitQueue = DispatchQueue(label: "pit.room.commit")
    private let store: SessionStore
    private let clock: @Sendable () -> Date
    private var devices: [DeviceToken: Device] = [:]
    private var devicesMade: [String: Int] = [:]
    /// Devices the facilitator released, with their group's name: their pages say so,
    /// rather than that the device left.
    private var released: [DeviceToken: String] = [:]
    private var limiter: WrongCodeLimiter
    /// Waits for a paced code check's turn (tests pass one that moves their clock instead).
    private let pause: @Sendable (TimeInterval) async -> Void
    private var listeners: [DeviceToken: [UUID: AsyncStream<String>.Continuation]] = [:]
    private var lastSent: [DeviceToken: ParticipantView] = [:]
    private var recent: [String] = []
    /// The reason the file last refused the devices' scores, said once until one is saved.
    private var lastWriteFailure: String?
    private var closed = false
    /// How often the presence row is refreshed when nothing changes (seconds).
    private let presenceInterval: TimeInterval
    /// Whether who is in changed since the presence was last written.
    private var presenceDirty = true
    /// Changes are written at most this often (seconds): a burst of joins costs a few
    /// commits, not one each, so devices' scores do not queue behind them.
    static let presenceGap: TimeInterval = 1
    private var presenceWrittenAt: Date?
    /// Told of each join and leave, and of scores the file refused (the `pit room` command
    /// prints them).
    public var onActivity: (@Sendable (String) -> Void)?

    public var path: String { store.path }

    /// Opens its own connection to the session file (the facilitator's screens keep theirs;
    /// each sees the other's writes through SQLite).
    public init(session url: URL, catalogue: Catalogue, code: RoomCode = .random(),
                limiter: WrongCodeLimiter = WrongCodeLimiter(), clock: @escaping @Sendable () -> Date = { Date() },
                pause: @escaping @Sendable (TimeInterval) async -> Void = { try? await Task.sleep(for: .seconds($0)) },
                presenceInterval: TimeInterval = RoomPresence.defaultInterval) throws {
        store = try SessionStore.open(at: url, scales: catalogue.scaleLevels)
        self.catalogue = catalogue
        self.code = code
        self.limiter = limiter
        self.clock = clock
        self.pause = pause
        self.presenceInterval = presenceInterval
        let now = clock()
        if let other = store.presence, other.isFresh(at: now) {
            store.close()
            throw LiveRoomError.alreadyOpen(path: url.path, retryAfterSeconds: max(1, Int(other.freshUntil.timeIntervalSince(now).rounded(.up))))
        }
        _ = try? store.readFocus()
        locked { publishPresenceLocked() }
    }

    private func locked<T>(_ body: () throws -> T) rethrows -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body()
    }

    // MARK: Joining

    public enum CodeCheck: Equatable, Sendable {
        case right
        case wrong
        /// This address got the code wrong too often.
        case tooManyTries(waitSeconds: Int)
        /// The room is checking codes one at a time and too many wait their turn.
        case roomBusy(waitSeconds: Int)
    }

    /// Checks a typed code, counting wrong ones against the client's address. After many
    /// wrong codes in the room, it first waits its turn (`WrongCodeLimiter`).
    public func check(code typed: String, client: String) async -> CodeCheck {
        switch locked({ limiter.admit(client: client, at: clock()) }) {
        case .clientLimited(let wait): return .tooManyTries(waitSeconds: wait)
        case .roomBusy(let wait): return .roomBusy(waitSeconds: wait)
        case .after(let wait): await pause(wait)
        case .now: break
        }
        return locked {
            let now = clock()
            guard limiter.mayTry(client: client, at: now) else {
                return .tooManyTries(waitSeconds: limiter.waitSeconds(client: client, at: now))
            }
            if code.matches(typed) { return .right }
            limiter.recordWrong(client: client, at: now)
            return .wrong
        }
    }

    /// The groups a device can pick from (only after the right code).
    public var groups: [Group] { locked { refreshQuietly(); return store.state.groups } }

    public enum JoinOutcome: Equatable, Sendable {
        case joined(Device)
        case wrongCode
        case tooManyTries(waitSeconds: Int)
        case roomBusy(waitSeconds: Int)
        case noSuchGroup
    }

    /// Joins a device to a group: the right code and a group that exists earn a new token.
    /// A browser that is already a device of the room (`current`, its cookie) stays that
    /// device when it picks the same group again (scanning the QR code twice is one
    /// device, not two); picking another group moves it, as if it had left first, since a
    /// browser holds one device cookie.
    public func join(code typed: String, group groupID: String, client: String, current: DeviceToken? = nil) async -> JoinOutcome {
        switch await check(code: typed, client: client) {
        case .wrong: return .wrongCode
        case .tooManyTries(let wait): return .tooManyTries(waitSeconds: wait)
        case .roomBusy(let wait): return .roomBusy(waitSeconds: wait)
        case .right: break
        }
        let device: Device? = locked {
            refreshQuietly()
            guard !closed, let group = store.state.group(id: groupID) else { return nil }
            if let current, let device = devices[current] {
                if device.groupID == groupID { return device }
                leaveLocked(current)
            }
            let number = devicesMade[groupID, default: 0] + 1
            devicesMade[groupID] = number
            let device = Device(token: DeviceToken.random(), groupID: groupID, number: number, joinedAt: clock(),
                                author: "\(group.name) device \(number)")
            devices[device.token] = device
            presenceDirty = true
            note("\(device.author) joined")
            return device
        }
        return device.map { .joined($0) } ?? .noSuchGroup
    }

    public func device(_ token: DeviceToken) -> Device? { locked { devices[token] } }

    /// Where a token presented by a browser stands in this room.
    public enum Standing: Equatable, Sendable {
        case joined(Device)
        /// The facilitator released the devices of this group (named).
        case released(groupName: String)
        /// Not a device of this room: it joined a room that has since closed or restarted
        /// (device tokens live only as long as their room), or never joined at all.
        case unknown
    }

    public func standing(_ token: DeviceToken) -> Standing {
        locked {
            if let device = devices[token] { return .joined(device) }
            if let name = released[token] { return .released(groupName: name) }
            return .unknown
        }
    }

    /// Forgets a device (the device's own "Leave").
    public func leave(_ token: DeviceToken) {
        locked { leaveLocked(token) }
    }

    private func leaveLocked(_ token: DeviceToken) {
        guard let device = devices.removeValue(forKey: token) else { return }
        presenceDirty = true
        note("\(device.author) left")
        endListeners(of: token)
    }

    /// Forgets every device of a group (the facilitator's "release"); their live pages close.
    @discardableResult
    public func release(group groupID: String) -> Int {
        locked {
            let tokens = devices.values.filter { $0.groupID == groupID }.map(\.token)
            let name = store.state.group(id: groupID)?.name ?? groupID
            for token in tokens {
                devices[token] = nil
                released[token] = name
                endListeners(of: token)
            }
            if !tokens.isEmpty {
                presenceDirty = true
                note("\(name): \(tokens.count) device\(tokens.count == 1 ? "" : "s") released")
            }
            return tokens.count
        }
    }

    // MARK: What a device sees

    /// The device's view, or nil when the token is unknown or its group was removed.
    public func view(for token: DeviceToken) -> ParticipantView? {
        locked {
            refreshQuietly()
            return viewLocked(token)
        }
    }

    private func viewLocked(_ token: DeviceToken) -> ParticipantView? {
        guard let device = devices[token], let group = store.state.group(id: device.groupID) else { return nil }
        return ParticipantView.make(state: store.state, focus: store.focus, catalogue: catalogue, group: group)
    }

    // MARK: Scoring

    public enum ScoreOutcome: Equatable, Sendable {
        /// Committed to the session file.
        case saved(ParticipantView)
        /// Refused; nothing stored. `status` is the HTTP status that says why.
        case refused(status: Int, message: String)
    }

    /// Records a device's score as an ordinary score event, after checking that the device
    /// joined, speaks for `group` (when the form names one), that the facilitator is on
    /// `element`, and that `answer` is on that instrument's scale. Returns only once the
    /// event is committed (the store writes with synchronous=FULL). Scores that arrive
    /// while another commit is under way are committed together, in one transaction.
    public func score(token: DeviceToken?, element: String, answer: String, group: String? = nil) async -> ScoreOutcome {
        await withCheckedContinuation { continuation in
            let request = ScoreRequest(token: token, element: element, answer: answer, group: group, reply: continuation)
            pendingLock.lock()
            pending.append(request)
            let start = !committing
            committing = true
            pendingLock.unlock()
            if start { commitQueue.async { self.commitPending() } }
        }
    }

    private struct ScoreRequest {
        var token: DeviceToken?
        var element: String
        var answer: String
        var group: String?
        var reply: CheckedContinuation<ScoreOutcome, Never>
    }

    /// A score that passed every check, ready to write.
    private struct CheckedScore {
        var device: Device
        var element: ElementRef
        var answer: Answer
    }

    /// Takes every waiting score, checks each against the session as it is now, writes the
    /// good ones in one transaction and answers each device; again until none wait.
    private func commitPending() {
        while true {
            pendingLock.lock()
            let batch = pending
            pending.removeAll()
            if batch.isEmpty { committing = false }
            pendingLock.unlock()
            if batch.isEmpty { return }
            let outcomes: [ScoreOutcome] = locked {
                refreshQuietly()
                var outcomes: [ScoreOutcome?] = []
                var toWrite: [(index: Int, score: CheckedScore)] = []
                for (i, request) in batch.enumerated() {
                    switch checkScore(request) {
                    case .failure(let refusal): outcomes.append(refusal.outcome)
                    case .success(let checked):
                        outcomes.append(nil)
                        // The latest request for a group wins; the same level as stored writes nothing.
                        toWrite.removeAll { $0.score.device.groupID == checked.device.groupID && $0.score.element == checked.element }
                        if store.state.score(group: checked.device.groupID, element: checked.element)?.answer != checked.answer {
                            toWrite.append((i, checked))
                        }
                    }
                }
                var failure: ScoreOutcome?
                if !toWrite.isEmpty {
                    do {
                        try store.append(batch: toWrite.map {
                            (payload: .scoreRecorded(group: $0.score.device.groupID, element: $0.score.element, answer: $0.score.answer, note: nil),
                             author: $0.score.device.author)
                        })
                    } catch {
                        failure = writeRefusal(error)
                    }
                }
                // The scoring devices' own pages say "Saved" too: the page also gets the
                // reply to its post, with the notice, and the two can arrive in either order.
                if failure == nil {
                    if !toWrite.isEmpty, lastWriteFailure != nil {
                        lastWriteFailure = nil
                        note("Scores are saved again")
                    }
                    pushLocked(saved: Set(toWrite.compactMap { batch[$0.index].token }))
                }
                return batch.enumerated().map { i, request in
                    if let refused = outcomes[i] { return refused }
                    if let failure { return failure }
                    guard let token = request.token, let view = viewLocked(token) else {
                        return .refused(status: 410, message: "Your group is no longer in this session.")
                    }
                    return .saved(view)
                }
            }
            for (request, outcome) in zip(batch, outcomes) { request.reply.resume(returning: outcome) }
        }
    }

    private struct Refusal: Error {
        var status: Int
        var message: String
        var outcome: ScoreOutcome { .refused(status: status, message: message) }
    }

    /// What a device is told when the file refused its score, and, once for each new
    /// reason, the facilitator (the `pit room` terminal and the room's panel): the device
    /// gets no path and no advice meant for the facilitator's own machine.
    private func writeRefusal(_ error: Error) -> ScoreOutcome {
        let outcome = LiveRoom.deviceRefusal(error)
        if let error = error as? SessionFileError {
            let reason = "scores cannot be saved: \(error.detail)"
            if reason != lastWriteFailure { note(Formatting.sentence(reason)) }
            lastWriteFailure = reason
        }
        return outcome
    }

    static func deviceRefusal(_ error: Error) -> ScoreOutcome {
        switch error {
        case let error as SessionError:
            return .refused(status: 423, message: "Not saved: \(error).")
        case SessionFileError.busy:
            return .refused(status: 503, message: "Not saved: the session was busy for a moment. Try again.")
        case SessionFileError.noSpace:
            return .refused(status: 503, message: "Not saved: the facilitator's computer has no space left to save it. Tell the facilitator, and score again when they say.")
        default:
            return .refused(status: 503, message: "Not saved: the room cannot save scores just now. Tell the facilitator.")
        }
    }

    /// Every check a score must pass, against the session as this connection last read it.
    private func checkScore(_ request: ScoreRequest) -> Result<CheckedScore, Refusal> {
        guard !closed else { return .failure(Refusal(status: 503, message: "The room is closed.")) }
        guard let token = request.token, let device = devices[token] else {
            if let name = request.token.flatMap({ released[$0] }) {
                return .failure(Refusal(status: 401, message: "Not saved: the facilitator released \(name)'s devices. Enter the room code again to join."))
            }
            return .failure(Refusal(status: 401, message: "Not saved: this device is not in this room (it was closed or restarted since the device joined). Enter the room code again."))
        }
        guard let myGroup = store.state.group(id: device.groupID) else {
            return .failure(Refusal(status: 410, message: "Your group is no longer in this session. Ask the facilitator."))
        }
        if let group = request.group, group != device.groupID {
            return .failure(Refusal(status: 403, message: "This device joined for \(myGroup.name); it cannot score for another group."))
        }
        guard let focus = store.focus, focus.screen == .element, let current = focus.elementRef,
              let instrument = catalogue.instrument(current.instrument), instrument.element(current.element) != nil else {
            return .failure(Refusal(status: 409, message: "The room is not on a step to score right now. Nothing was saved."))
        }
        guard request.element == current.description else {
            return .failure(Refusal(status: 409, message: "The facilitator has moved on to another step; your score was not saved. Score this one."))
        }
        let scale = instrument.scale
        let parsed: Answer
        if request.answer == "na" {
            guard scale.allowsNotApplicable else {
                return .failure(Refusal(status: 422, message: "This step has no \"not applicable\" answer."))
            }
            parsed = .notApplicable
        } else if request.answer == "dk" {
            parsed = .dontKnow
        } else if request.answer.count <= 4, let value = Int(request.answer), scale.values.contains(value) {
            parsed = .level(value)
        } else {
            return .failure(Refusal(status: 422, message: "That is not a level on this step's scale (\(scale.lowest) to \(scale.highest)\(scale.allowsNotApplicable ? ", not applicable" : "") or don't know)."))
        }
        if store.state.locked.contains(current) {
            return .failure(Refusal(status: 423, message: "Voting on this step is locked; your score was not changed."))
        }
        // After the reveal a group has seen the others' scores: a change now would move the
        // spread the room is discussing, with the first answer gone from it. A new round
        // (the facilitator's R) is the way to score again, and keeps the first.
        if store.state.revealed.contains(current) {
            return .failure(Refusal(status: 423, message: "The scores are revealed; your score was not changed. The facilitator can start a new round to score again."))
        }
        return .success(CheckedScore(device: device, element: current, answer: parsed))
    }

    // MARK: The facilitator's view

    public func status() -> RoomStatus {
        locked {
            let element = store.focus.flatMap { $0.screen == .element ? $0.elementRef : nil }
            let scores = element.flatMap { store.state.scores[$0] } ?? [:]
            let presence = store.state.groups.map { group -> RoomStatus.Presence in
                let mine = devices.values.filter { $0.groupID == group.id }
                return RoomStatus.Presence(groupID: group.id, name: group.name, initials: group.initials, devices: mine.count,
                                           connected: mine.filter { !(listeners[$0.token]?.isEmpty ?? true) }.count,
                                           scored: scores[group.id] != nil)
            }
            return RoomStatus(code: code, element: element, groups: presence, recent: recent)
        }
    }

    // MARK: Live updates

    /// A stream of page fragments for one device: its current view now, and again whenever
    /// it changes. nil for an unknown token.
    public func subscribe(_ token: DeviceToken) -> (id: UUID, updates: AsyncStream<String>)? {
        locked {
            guard !closed, let view = viewLocked(token) else { return nil }
            let id = UUID()
            let (stream, continuation) = AsyncStream<String>.makeStream(bufferingPolicy: .bufferingNewest(4))
            listeners[token, default: [:]][id] = continuation
            presenceDirty = true
            lastSent[token] = view
            continuation.yield(Pages.deviceMain(view))
            return (id, stream)
        }
    }

    public func unsubscribe(_ token: DeviceToken, id: UUID) {
        locked {
            listeners[token]?[id]?.finish()
            if listeners[token]?[id] != nil { presenceDirty = true }
            listeners[token]?[id] = nil
            if listeners[token]?.isEmpty ?? false { listeners[token] = nil }
        }
    }

    /// Looks for changes made by other connections (the facilitator moving, revealing,
    /// locking) and sends every device whose view changed its new page. Cheap when nothing
    /// changed: one `PRAGMA data_version`.
    /// Also publishes who is in when that changed, and at least every `presenceInterval`.
    public func poll() {
        locked {
            guard !closed else { return }
            if let changes = try? store.refreshChanges(), !changes.isEmpty { pushLocked() }
            publishPresenceLocked()
        }
    }

    /// Writes who is in to the session file for the facilitator's other processes: when it
    /// changed (at most every `presenceGap`) or the last write is `presenceInterval` old.
    /// A busy file is tried again on the next tick.
    private func publishPresenceLocked() {
        guard !closed else { return }
        let now = clock()
        if let last = presenceWrittenAt, now >= last {
            let since = now.timeIntervalSince(last)
            let due = since >= presenceInterval || (presenceDirty && since >= Self.presenceGap)
            if !due { return }
        }
        let groups = store.state.groups.map { group -> RoomPresence.GroupPresence in
            let mine = devices.values.filter { $0.groupID == group.id }
            return RoomPresence.GroupPresence(groupID: group.id, devices: mine.count,
                                              connected: mine.filter { !(listeners[$0.token]?.isEmpty ?? true) }.count)
        }
        let presence = RoomPresence(at: now, interval: presenceInterval, groups: groups, recent: recent)
        do {
            try store.writePresence(presence)
            presenceDirty = false
            presenceWrittenAt = now
        } catch {
            presenceDirty = true
        }
    }

    /// Sends every live page whose view changed its new page; `saved`: devices whose score
    /// was just written, whose page says so.
    private func pushLocked(saved: Set<DeviceToken> = []) {
        for (token, streams) in listeners where !streams.isEmpty {
            guard let view = viewLocked(token) else {
                endListeners(of: token)
                continue
            }
            if lastSent[token] == view { continue }
            lastSent[token] = view
            let html = Pages.deviceMain(view, notice: saved.contains(token) ? Pages.Notice("Saved") : nil)
            for continuation in streams.values { continuation.yield(html) }
        }
    }

    private func endListeners(of token: DeviceToken) {
        if let streams = listeners[token] {
            if !streams.isEmpty { presenceDirty = true }
            for continuation in streams.values { continuation.finish() }
        }
        listeners[token] = nil
        lastSent[token] = nil
    }

    private func refreshQuietly() { _ = try? store.refreshChanges() }

    private func note(_ line: String) {
        recent.append(line)
        if recent.count > 5 { recent.removeFirst(recent.count - 5) }
        onActivity?(line)
    }

    /// Ends every live connection and closes the session file.
    public func close() {
        locked {
            guard !closed else { return }
            closed = true
            let farewell = Pages.roomClosedMain()
            for streams in listeners.values { for continuation in streams.values { continuation.yield(farewell) } }
            for token in Array(listeners.keys) { endListeners(of: token) }
            devices.removeAll()
            // The facilitator's other processes stop showing devices at once.
            try? store.clearPresence()
            store.close()
        }
    }

    public var isClosed: Bool { locked { closed } }
}
