import Escaping
import Foundation
import SessionEngine

/// The export's wire types written with `PrettyJSONWriter`: each record's members under
/// the names its `Codable` conformance uses (the import reads them back with
/// `JSONDecoder`), in ascending byte order of the names, nil members left out.
extension SessionJSON {
    /// The document's bytes, the same as `JSONEncoder` with `[.prettyPrinted, .sortedKeys,
    /// .withoutEscapingSlashes]` followed by `Escape.jsonInert` would give.
    /// With `streamingEvents`, those events stand in for the document's own, each event's
    /// record made as it is written.
    static func write(_ doc: Doc, streamingEvents events: [Event]? = nil, capacity: Int = 0) throws -> Data {
        var w = PrettyJSONWriter(capacity: capacity)
        try doc.write(to: &w, streaming: events)
        return Data(w.bytes)
    }
}

extension SessionJSON.Doc {
    func write(to w: inout PrettyJSONWriter, streaming streamed: [Event]? = nil) throws {
        try w.object { w in
            if let streamed {
                w.key("events"); w.array(streamed) { SessionJSON.record($1).write(to: &$0) }
            } else if let events {
                w.key("events"); w.array(events) { $1.write(to: &$0) }
            }
            w.field("format", format)
            if let groups { w.key("groups"); w.array(groups) { $1.write(to: &$0) } }
            if let session { w.key("session"); session.write(to: &w) }
            if let state { w.key("state"); try state.write(to: &w) }
            w.field("version", version)
        }
    }
}

extension SessionJSON.Info {
    func write(to w: inout PrettyJSONWriter) {
        w.object { w in
            w.field("date", date)
            w.field("facilitator", facilitator)
            w.field("instruments", instruments)
            w.field("mode", mode)
            w.field("place", place)
            w.field("title", title)
        }
    }
}

extension SessionJSON.GroupRec {
    func write(to w: inout PrettyJSONWriter) {
        w.object { w in
            w.field("id", id)
            w.field("initials", initials)
            w.field("name", name)
            w.field("sector", sector)
        }
    }
}

extension SessionJSON.EventRec {
    func write(to w: inout PrettyJSONWriter) {
        w.object { w in
            w.field("at", at)
            w.field("author", author)
            w.field("dontKnow", dontKnow)
            w.field("due", due)
            w.field("element", element)
            w.field("group", group)
            w.field("id", id)
            w.field("initials", initials)
            w.field("instrument", instrument)
            w.field("kind", kind)
            w.field("level", level)
            w.field("name", name)
            w.field("notApplicable", notApplicable)
            w.field("note", note)
            w.field("owner", owner)
            if let plan { w.key("plan"); plan.write(to: &w) }
            w.field("rationale", rationale)
            w.field("sector", sector)
            w.field("seq", seq)
            if let session { w.key("session"); session.write(to: &w) }
            w.field("target", target)
            w.field("text", text)
            w.field("what", what)
        }
    }
}

extension SessionPlan {
    func write(to w: inout PrettyJSONWriter) {
        w.object { w in
            w.key("items")
            w.array(items) { w, item in
                w.object { w in
                    if let elements = item.elements { w.field("elements", elements) }
                    w.field("instrument", item.instrument)
                    w.field("minutes", item.minutes)
                    w.field("skipped", item.skipped)
                }
            }
            w.field("name", name)
            w.field("title", title)
        }
    }
}

extension SessionJSON.StateRec {
    func write(to w: inout PrettyJSONWriter) throws {
        try w.object { w in
            w.key("actions"); w.array(actions) { $1.write(to: &$0) }
            w.key("agreed"); w.array(agreed) { $1.write(to: &$0) }
            w.key("elements"); try w.array(elements) { try $1.write(to: &$0) }
            w.field("lastSeq", lastSeq)
            w.key("locked"); w.array(locked) { $1.write(to: &$0) }
            w.key("notes"); w.array(notes) { $1.write(to: &$0) }
            w.key("revealed"); w.array(revealed) { $1.write(to: &$0) }
            w.key("scores"); w.array(scores) { $1.write(to: &$0) }
            w.key("triangle"); try w.array(triangle) { try $1.write(to: &$0) }
            w.key("undone"); w.array(undone) { $0.int($1) }
        }
    }
}

extension SessionJSON.ScoreRec {
    func write(to w: inout PrettyJSONWriter) {
        w.object { w in
            w.field("at", at)
            w.field("author", author)
            w.field("dontKnow", dontKnow)
            w.field("element", element)
            w.field("group", group)
            w.field("instrument", instrument)
            w.field("level", level)
            w.field("notApplicable", notApplicable)
            w.field("note", note)
        }
    }
}

extension SessionJSON.AgreedRec {
    func write(to w: inout PrettyJSONWriter) {
        w.object { w in
            w.field("at", at)
            w.field("author", author)
            w.field("dontKnow", dontKnow)
            w.field("element", element)
            w.field("instrument", instrument)
            w.field("level", level)
            w.field("notApplicable", notApplicable)
            w.field("rationale", rationale)
        }
    }
}

extension SessionJSON.NoteRec {
    func write(to w: inout PrettyJSONWriter) {
        w.object { w in
            w.field("at", at)
            w.field("author", author)
            w.field("element", element)
            w.field("id", id)
            w.field("instrument", instrument)
            w.field("seq", seq)
            w.field("text", text)
        }
    }
}

extension SessionJSON.ActionRec {
    func write(to w: inout PrettyJSONWriter) {
        w.object { w in
            w.field("at", at)
            w.field("author", author)
            w.field("done", done)
            w.field("doneAt", doneAt)
            w.field("due", due)
            w.field("element", element)
            w.field("id", id)
            w.field("instrument", instrument)
            w.field("owner", owner)
            w.field("seq", seq)
            w.field("what", what)
        }
    }
}

extension SessionJSON.RefRec {
    func write(to w: inout PrettyJSONWriter) {
        w.object { w in
            w.field("element", element)
            w.field("instrument", instrument)
        }
    }
}

extension SessionJSON.SummaryRec {
    func write(to w: inout PrettyJSONWriter) throws {
        try w.object { w in
            w.field("divergent", divergent)
            w.field("dontKnow", dontKnow)
            w.field("element", element)
            w.field("instrument", instrument)
            w.field("levels", levels)
            w.field("max", max)
            try w.field("median", median)
            w.field("min", min)
            w.field("notApplicable", notApplicable)
            w.field("notScored", notScored)
            try w.field("score", score)
            w.field("scoreBasis", scoreBasis)
            w.field("title", title)
        }
    }
}

extension SessionJSON.ComponentRec {
    func write(to w: inout PrettyJSONWriter) throws {
        try w.object { w in
            w.field("agreed", agreed)
            w.field("component", component)
            try w.field("max", max)
            try w.field("median", median)
            try w.field("min", min)
            w.field("scored", scored)
            w.field("total", total)
        }
    }
}
