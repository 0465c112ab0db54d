import Foundation
import Instruments
import SessionEngine

/// Why a JSON file could not be imported.
public enum SessionJSONError: Error, CustomStringConvertible, Equatable, Sendable {
    case notJSON(String)
    /// Not UTF-8 text: pit writes its exports in UTF-8, so the file was saved another way.
    case notUTF8
    /// Valid JSON, with a value pit cannot take where it stands (3.5 or 1e30 for a level,
    /// a number for a text), at a place such as `"level" in event 198` (`place`).
    case wrongValue(at: String)
    case wrongFormat(found: String?)
    case newerVersion(found: Int, supported: Int)
    case badEvent(index: Int, detail: String)
    case missing(String)

    public var description: String {
        switch self {
        case .notJSON(let why):
            return "it is not valid JSON (\(why)). Export the session again with `pit report FILE --format json`."
        case .notUTF8:
            return "it is not UTF-8 text, as pit writes every export; it was saved in another encoding. Save it as UTF-8, or export the session again with `pit report FILE --format json`."
        case .wrongValue(let path):
            return "the value at \(path) is not of the kind pit writes there (a whole number in range, text, or true or false; see docs/json-schema.md). Correct it, or export the session again with `pit report FILE --format json`."
        case .wrongFormat(let found):
            return "it is not a pit session export (\"format\" is \(found.map { "\"\($0)\"" } ?? "missing"); expected \"pit-session\")."
        case .newerVersion(let found, let supported):
            return "it was exported by a newer pit (version \(found); this pit reads up to \(supported)). Update pit to import it."
        case .badEvent(let index, let detail):
            return "event \(index + 1) in the file is unusable: \(detail)."
        case .missing(let what):
            return "it has no \(what)."
        }
    }
}

/// The whole session as JSON, for interchange: `"format": "pit-session"`, `"version": 1`.
/// See docs/json-schema.md. Times are UTC, ISO 8601 with milliseconds.
public enum SessionJSON {
    public static let format = "pit-session"
    public static let version = 1

    // MARK: Wire types

    struct Doc: Codable {
        var format: String?
        var version: Int?
        var session: Info?
        var groups: [GroupRec]?
        var events: [EventRec]?
        var state: StateRec?
    }

    struct Info: Codable {
        var title: String
        var place: String
        var date: String
        var facilitator: String
        var instruments: [String]
        var mode: String
    }

    struct GroupRec: Codable {
        var id: String
        var name: String
        var sector: String
        var initials: String
    }

    struct EventRec: Codable {
        var seq: Int64?
        var at: String?
        var author: String?
        var kind: String?
        var session: Info?
        var group: String?
        var name: String?
        var sector: String?
        var initials: String?
        var instrument: String?
        var element: String?
        var level: Int?
        var notApplicable: Bool?
        /// Present (true) only for a "don't know" answer.
        var dontKnow: Bool?
        var note: String?
        var rationale: String?
        var id: String?
        var text: String?
        var what: String?
        var owner: String?
        var due: String?
        var target: Int64?
        var plan: SessionPlan?

        /// The member that holds a text field of `EventFields`, under the field's name, for
        /// `body` to read or set; nil for the fields that are not text. A switch, not a key
        /// path: writing through a key path cost more than the rest of an event's record.
        @discardableResult
        mutating func withText<T>(_ field: EventField, _ body: (inout String?) -> T) -> T? {
            switch field {
            case .group: body(&group)
            case .id: body(&id)
            case .note: body(&note)
            case .rationale: body(&rationale)
            case .text: body(&text)
            case .name: body(&name)
            case .sector: body(&sector)
            case .initials: body(&initials)
            case .what: body(&what)
            case .owner: body(&owner)
            case .due: body(&due)
            case .instrument: body(&instrument)
            case .session, .element, .answer, .target, .plan: nil
            }
        }
    }

    struct ScoreRec: Codable {
        var instrument: String
        var element: String
        var group: String
        var level: Int?
        var notApplicable: Bool
        /// Present (true) only for a "don't know" answer.
        var dontKnow: Bool?
        var note: String?
        var at: String
        var author: String
    }

    struct AgreedRec: Codable {
        var instrument: String
        var element: String
        var level: Int?
        var notApplicable: Bool
        /// Present (true) only for a "don't know" answer.
        var dontKnow: Bool?
        var rationale: String
        var at: String
        var author: String
    }

    struct NoteRec: Codable {
        var id: String
        var instrument: String?
        var element: String?
        var text: String
        var at: String
        var author: String
        var seq: Int64
    }

    struct ActionRec: Codable {
        var id: String
        var instrument: String?
        var element: String?
        var what: String
        var owner: String
        var due: String?
        var done: Bool
        var doneAt: String?
        var at: String
        var author: String
        var seq: Int64
    }

    struct RefRec: Codable, Hashable {
        var instrument: String
        var element: String
    }

    struct SummaryRec: Codable {
        var instrument: String
        var element: String
        var title: String
        var levels: Int
        var notApplicable: Int
        var dontKnow: Int
        var notScored: Int
        var median: Double?
        var min: Int?
        var max: Int?
        var divergent: Bool
        var score: Double?
        var scoreBasis: String
    }

    struct ComponentRec: Codable {
        var component: String
        var median: Double?
        var min: Double?
        var max: Double?
        var scored: Int
        var agreed: Int
        var total: Int
    }

    struct StateRec: Codable {
        var scores: [ScoreRec]
        var agreed: [AgreedRec]
        var notes: [NoteRec]
        var actions: [ActionRec]
        var revealed: [RefRec]
        var locked: [RefRec]
        var undone: [Int64]
        var lastSeq: Int64
        var elements: [SummaryRec]
        var triangle: [ComponentRec]
    }

    // MARK: Times

    /// "2026-01-01T10:42:05.123Z" (UTC, milliseconds).
    static func timestamp(_ d: Date) -> String { TimeFormat.utcMillis(d) }

    /// Parses `yyyy-mm-ddThh:mm:ss[.fff]` followed by `Z` or `±hh:mm`; whole milliseconds.
    static func parseTimestamp(_ s: String) -> Date? {
        let u = Array(s.utf8)
        func num(_ from: Int, _ len: Int) -> Int? {
            guard from + len <= u.count else { return nil }
            var v = 0
            for i in from..<(from + len) {
                guard u[i] >= 48 && u[i] <= 57 else { return nil }
                v = v * 10 + Int(u[i] - 48)
            }
            return v
        }
        guard u.count >= 20, let y = num(0, 4), u[4] == 45, let mo = num(5, 2), u[7] == 45, let d = num(8, 2),
              u[10] == 84 || u[10] == 116, let h = num(11, 2), u[13] == 58, let mi = num(14, 2), u[16] == 58,
              let se = num(17, 2) else { return nil }
        var i = 19
        var ms = 0
        if i < u.count, u[i] == 46 {
            i += 1
            var digits = 0
            while i < u.count, u[i] >= 48, u[i] <= 57 {
                if digits < 3 { ms = ms * 10 + Int(u[i] - 48) }
                digits += 1
                i += 1
            }
            guard digits > 0 else { return nil }
            for _ in digits..<3 where digits < 3 { ms *= 10 }
        }
        var offset = 0
        guard i < u.count else { return nil }
        if u[i] == 90 || u[i] == 122 {
            i += 1
        } else if u[i] == 43 || u[i] == 45, let oh = num(i + 1, 2), i + 3 < u.count, u[i + 3] == 58, let om = num(i + 4, 2) {
            offset = (oh * 3600 + om * 60) * (u[i] == 45 ? -1 : 1)
            i += 6
        } else { return nil }
        guard i == u.count, (1...12).contains(mo), (1...31).contains(d), h < 24, mi < 60, se < 61 else { return nil }
        let base = TimeFormat.utcSeconds(year: y, month: mo, day: d, hour: h, minute: mi, second: se)
        let total = base * 1000 + Int64(ms) - Int64(offset) * 1000
        return Date(timeIntervalSince1970: Double(total) / 1000)
    }

    // MARK: Export

    static func info(_ i: SessionInfo) -> Info {
        Info(title: i.title, place: i.place, date: i.date, facilitator: i.facilitator, instruments: i.instruments,
             mode: i.mode.rawValue)
    }

    /// An event's record, written from its `EventFields`, each field under its name (the
    /// element as `instrument` and `element`, the answer as `level`, `notApplicable` or
    /// `dontKnow`).
    static func record(_ e: Event) -> EventRec {
        let fields = EventFields(e.payload)
        var r = EventRec(seq: e.seq, at: timestamp(e.at), author: e.author, kind: fields.kind)
        for field in EventFields.layout(of: fields.kind) ?? [] {
            switch field {
            case .session: r.session = fields.session.map(info)
            case .element: r.instrument = fields.element?.instrument; r.element = fields.element?.element
            case .answer:
                switch fields.answer {
                case .level(let l)?: r.level = l
                case .notApplicable?: r.notApplicable = true
                case .dontKnow?: r.dontKnow = true
                case nil: break
                }
            case .target: r.target = fields.target
            case .plan: r.plan = fields.plan
            default: r.withText(field) { $0 = fields[text: field] }
            }
        }
        return r
    }

    /// The whole session: metadata, current groups, every event, and the derived state
    /// (scores, agreed scores, notes, actions, per-element summaries and the roll-up).
    public static func render(state: SessionState, events: [Event], catalogue: Catalogue,
                              options: ReportOptions = ReportOptions()) throws -> Data {
        // The whole session, whatever `options.instruments` says. About 500 bytes an event.
        // Each event's record is written as it is made, not first kept for all 11,000 events
        // of a large merge (the same bytes as `write(document(…))`; `JSONWriterTests`).
        let doc = document(state: state, events: [], catalogue: catalogue)
        var data = try write(doc, streamingEvents: events, capacity: 512 * (events.count + 16))
        data.append(0x0A)
        return data
    }

    /// The document `render` writes.
    static func document(state: SessionState, events: [Event], catalogue: Catalogue) -> Doc {
        let scope = ReportScope.make(state: state, catalogue: catalogue)
        let rollup = TriangleRollup.make(state: state, scope: scope, triangle: catalogue.triangle)
        func answerFields(_ a: Answer) -> (Int?, Bool, Bool?) {
            switch a {
            case .level(let l): return (l, false, nil)
            case .notApplicable: return (nil, true, nil)
            case .dontKnow: return (nil, false, true)
            }
        }
        var scores: [ScoreRec] = []
        var agreed: [AgreedRec] = []
        for ref in scope.elements.map(\.ref) {
            let byGroup = state.scores[ref] ?? [:]
            for g in state.groups {
                guard let s = byGroup[g.id] else { continue }
                let (l, na, dk) = answerFields(s.answer)
                scores.append(ScoreRec(instrument: ref.instrument, element: ref.element, group: g.id, level: l,
                                       notApplicable: na, dontKnow: dk, note: s.note, at: timestamp(s.at), author: s.author))
            }
            if let a = state.agreed[ref] {
                let (l, na, dk) = answerFields(a.answer)
                agreed.append(AgreedRec(instrument: ref.instrument, element: ref.element, level: l, notApplicable: na,
                                        dontKnow: dk, rationale: a.rationale, at: timestamp(a.at), author: a.author))
            }
        }
        let notes = state.notes.map {
            NoteRec(id: $0.id, instrument: $0.element?.instrument, element: $0.element?.element, text: $0.text,
                    at: timestamp($0.at), author: $0.author, seq: $0.seq)
        }
        let actions = state.actions.map {
            ActionRec(id: $0.id, instrument: $0.element?.instrument, element: $0.element?.element, what: $0.what,
                      owner: $0.owner, due: $0.due, done: $0.done, doneAt: $0.doneAt.map(timestamp),
                      at: timestamp($0.at), author: $0.author, seq: $0.seq)
        }
        let summaries = rollup.instruments.flatMap { inst in
            inst.elements.map { v in
                SummaryRec(instrument: v.element.ref.instrument, element: v.element.ref.element, title: v.element.title,
                           levels: v.summary.count, notApplicable: v.summary.notApplicableCount,
                           dontKnow: v.summary.dontKnowCount,
                           notScored: v.summary.notScored.count, median: v.summary.median, min: v.summary.min,
                           max: v.summary.max, divergent: v.summary.divergent, score: v.score.value,
                           scoreBasis: v.score.source.rawValue)
            }
        }
        let triangle = rollup.components.map {
            ComponentRec(component: $0.id.rawValue, median: $0.score.median, min: $0.score.min, max: $0.score.max,
                         scored: $0.score.scored, agreed: $0.score.agreed, total: $0.score.total)
        }
        func refs(_ s: Set<ElementRef>) -> [RefRec] { s.sorted().map { RefRec(instrument: $0.instrument, element: $0.element) } }
        return Doc(format: format, version: version, session: info(state.info),
                   groups: state.groups.map { GroupRec(id: $0.id, name: $0.name, sector: $0.sector.rawValue, initials: $0.initials) },
                   events: events.map(record),
                   state: StateRec(scores: scores, agreed: agreed, notes: notes, actions: actions,
                                   revealed: refs(state.revealed), locked: refs(state.locked),
                                   undone: state.notInEffect.sorted(), lastSeq: state.lastSeq,
                                   elements: summaries, triangle: triangle))
    }

    // MARK: Import

    /// What an import needs: the events (authoritative) and, for messages, the metadata.
    public struct Imported: Sendable {
        public var info: SessionInfo
        public var events: [Event]
    }

    /// Reads a `pit-session` JSON document. Only the events are used to rebuild the
    /// session; `session`, `groups` and `state` are derived and ignored on import.
    public static func decode(_ data: Data) throws -> Imported {
        let doc: ImportDoc
        do {
            doc = try JSONDecoder().decode(ImportDoc.self, from: data)
        } catch let DecodingError.dataCorrupted(ctx) where !ctx.codingPath.isEmpty {
            throw SessionJSONError.wrongValue(at: place(path(ctx.codingPath)))
        } catch let DecodingError.typeMismatch(_, ctx) {
            throw SessionJSONError.wrongValue(at: place(path(ctx.codingPath)))
        } catch let DecodingError.keyNotFound(key, ctx) {
            throw SessionJSONError.missing("\"\(key.stringValue)\" at \(place(path(ctx.codingPath)))")
        } catch {
            // Looked for only now, so a sound file is never read twice.
            if String(data: data, encoding: .utf8) == nil { throw SessionJSONError.notUTF8 }
            if let misfit = misfitNumber(in: data) { throw SessionJSONError.wrongValue(at: place(misfit)) }
            if case DecodingError.dataCorrupted(let ctx) = error {
                throw SessionJSONError.notJSON(ctx.underlyingError.map { "\($0.localizedDescription)" } ?? ctx.debugDescription)
            }
            throw SessionJSONError.notJSON("\(error)")
        }
        guard doc.format == format else { throw SessionJSONError.wrongFormat(found: doc.format) }
        guard let v = doc.version else { throw SessionJSONError.missing("\"version\"") }
        if v > version { throw SessionJSONError.newerVersion(found: v, supported: version) }
        guard let recs = doc.events, !recs.isEmpty else { throw SessionJSONError.missing("events") }
        let events = try recs.enumerated().map { try event($1, index: $0) }
        guard case .sessionCreated(let info) = events[0].payload else {
            throw SessionJSONError.badEvent(index: 0, detail: "the first event must be sessionCreated")
        }
        return Imported(info: info, events: events)
    }

    /// What an import decodes: `session`, `groups` and `state` are derived from the events,
    /// so they are not read at all, and a value in them can neither stop an import nor be
    /// taken for the cause of a failure (`misfitNumber`).
    struct ImportDoc: Decodable {
        var format: String?
        var version: Int?
        var events: [EventRec]?
    }

    /// Any JSON value, to find where a number sits.
    enum AnyJSON: Decodable {
        case whole, fraction, other
        case array([AnyJSON])
        case object([String: AnyJSON])

        init(from decoder: Decoder) throws {
            let value = try decoder.singleValueContainer()
            if (try? value.decode(Bool.self)) != nil { self = .other }
            else if (try? value.decode(Int64.self)) != nil { self = .whole }
            else if (try? value.decode(Double.self)) != nil { self = .fraction }
            else if let object = try? value.decode([String: AnyJSON].self) { self = .object(object) }
            else if let array = try? value.decode([AnyJSON].self) { self = .array(array) }
            else { self = .other }
        }
    }

    /// Where the decoder met a number that does not fit: for 3.5 or 1e30 where a whole
    /// number belongs it says only "not valid JSON", with no path. The whole numbers an
    /// import reads are `version` and the events' (seq, level, target, a plan's minutes), so
    /// the first number there that is not a whole number in range is the one; nil if the
    /// file is not JSON at all.
    static func misfitNumber(in data: Data) -> String? {
        guard case .object(let top)? = try? JSONDecoder().decode(AnyJSON.self, from: data) else { return nil }
        func find(_ value: AnyJSON, _ at: String) -> String? {
            switch value {
            case .fraction: return at
            case .whole, .other: return nil
            case .array(let items): return items.indices.lazy.compactMap { find(items[$0], "\(at)[\($0)]") }.first
            case .object(let fields): return fields.keys.sorted().lazy.compactMap { find(fields[$0]!, "\(at).\($0)") }.first
            }
        }
        if case .fraction? = top["version"] { return "version" }
        return top["events"].flatMap { find($0, "events") }
    }

    /// A path in the file as a user finds it: `events[196].level` is `"level" in event 197`.
    /// Every import message counts events so, from 1 in the order of the file, which in a
    /// file pit wrote is each event's "seq" (docs/decisions.md); other paths are kept.
    static func place(_ path: String) -> String {
        guard path.hasPrefix("events["), let close = path.firstIndex(of: "]"),
              let index = Int(path[path.index(path.startIndex, offsetBy: 7)..<close]) else { return path }
        var rest = path[path.index(after: close)...]
        if rest.first == "." { rest = rest.dropFirst() }
        return rest.isEmpty ? "event \(index + 1)" : "\"\(rest)\" in event \(index + 1)"
    }

    /// "events[197].level", as the path would be written in code.
    static func path(_ p: [CodingKey]) -> String {
        guard !p.isEmpty else { return "the top level" }
        var text = ""
        for key in p {
            if let index = key.intValue { text += "[\(index)]" } else { text += (text.isEmpty ? "" : ".") + key.stringValue }
        }
        return text
    }

    static func event(_ r: EventRec, index: Int) throws -> Event {
        func bad(_ why: String) -> SessionJSONError { .badEvent(index: index, detail: why) }
        guard let seq = r.seq else { throw bad("no \"seq\"") }
        guard let atText = r.at else { throw bad("no \"at\"") }
        guard let at = parseTimestamp(atText) else { throw bad("\"at\" is not an ISO 8601 time: \(atText)") }
        guard let author = r.author else { throw bad("no \"author\"") }
        guard let kind = r.kind else { throw bad("no \"kind\"") }
        // The kind's fields, each read from its key; then the one description of an event
        // (`EventFields`) puts the payload together.
        guard let layout = EventFields.layout(of: kind) else { throw bad("unknown kind \"\(kind)\"") }
        var fields = EventFields(kind: kind)
        var record = r   // read through `withText`, which also sets
        for field in layout {
            switch field {
            case .session:
                guard let i = r.session else { continue }
                guard let mode = SessionMode(rawValue: i.mode) else { throw bad("unknown mode \"\(i.mode)\"") }
                fields.session = SessionInfo(title: i.title, place: i.place, date: i.date, facilitator: i.facilitator,
                                             instruments: i.instruments, mode: mode)
            case .element:
                switch (r.instrument, r.element) {
                case (nil, nil): break
                case (let i?, let e?): fields.element = ElementRef(instrument: i, element: e)
                default: throw bad("\"instrument\" and \"element\" go together")
                }
            case .answer:
                if r.notApplicable == true {
                    fields.answer = .notApplicable
                } else if r.dontKnow == true {
                    fields.answer = .dontKnow
                } else {
                    fields.answer = r.level.map(Answer.level)
                }
            case .target: fields.target = r.target
            case .plan: fields.plan = r.plan
            default: record.withText(field) { fields[text: field] = $0 }
            }
        }
        let payload: EventPayload
        do {
            payload = try fields.payload()
        } catch EventFieldsError.missing(let field) {
            let key = field == .element ? "instrument" : field == .answer ? "level" : field.rawValue
            throw bad("a \(kind) event needs \"\(key)\"")
        } catch EventFieldsError.unknownSector(let raw) {
            throw bad("unknown sector \"\(raw)\"")
        } catch {
            throw bad("\(error)")
        }
        return Event(seq: seq, at: at, author: author, payload: payload)
    }
}
