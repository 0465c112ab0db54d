import Foundation

/// A session file that cannot be used. Each message names the file and what to do;
/// a file refused with one of these has not been written.
public enum SessionFileError: Error, CustomStringConvertible, Equatable, Sendable {
    /// No file at that path.
    case missing(path: String)
    /// The file exists but is not a pit session (text, empty, another program's database).
    case notAPitSession(path: String, reason: String)
    /// Written by a newer pit: its schema version is higher than this one understands.
    case newerSchema(path: String, found: Int, supported: Int)
    /// A pit session, but damaged (truncated, corrupt pages, missing tables).
    case damaged(path: String, detail: String)
    /// Whole, but a score in it is on a level its instrument's scale, as pit has it now,
    /// lacks: it was recorded with a different version of that instrument.
    case offScale(path: String, instrument: String, level: Int, detail: String)
    /// Cannot be read (permissions, I/O error).
    case unreadable(path: String, detail: String)
    /// `create` would overwrite an existing file.
    case alreadyExists(path: String)
    /// The file could not be created or written.
    case cannotCreate(path: String, detail: String)
    /// The disk is full: nothing was written (no new file, or not the change).
    case noSpace(path: String)
    /// Another process kept the file locked for too long.
    case busy(path: String)
    /// The session could be read but a change could not be saved (read-only file, disk full ...).
    case notWritable(path: String, detail: String)
    /// A rollback journal (`FILE-journal`) lies beside the file but was not written for it;
    /// SQLite would play it into the file, so pit refuses before anything opens the file.
    case foreignJournal(path: String, detail: String)
    /// The file pit has open is no longer the session it read: another program replaced
    /// it (a backup copied over it, a sync), or it was moved or deleted. Nothing is written.
    case replacedWhileOpen(path: String, detail: String)
    /// Opening went wrong after SQLite had already changed the file (it played back an
    /// interrupted save). Said plainly, never "has not been changed".
    case changedWhileOpening(path: String, detail: String)

    public var path: String {
        switch self {
        case .missing(let p), .notAPitSession(let p, _), .newerSchema(let p, _, _), .damaged(let p, _), .offScale(let p, _, _, _),
             .unreadable(let p, _), .alreadyExists(let p), .cannotCreate(let p, _), .noSpace(let p), .busy(let p),
             .notWritable(let p, _), .foreignJournal(let p, _), .changedWhileOpening(let p, _), .replacedWhileOpen(let p, _):
            return p
        }
    }

    /// Whether the message tells the user the file has not been changed.
    public var claimsUnchanged: Bool {
        switch self {
        case .notAPitSession, .newerSchema, .damaged, .offScale, .foreignJournal: return true
        default: return false
        }
    }

    /// The specific reason, without the advice around it.
    public var detail: String {
        switch self {
        case .notAPitSession(_, let d), .damaged(_, let d), .offScale(_, _, _, let d), .unreadable(_, let d), .cannotCreate(_, let d),
             .notWritable(_, let d), .foreignJournal(_, let d), .changedWhileOpening(_, let d), .replacedWhileOpen(_, let d):
            return d
        case .newerSchema(_, let found, let supported): return "session format \(found), newer than \(supported)"
        case .missing: return "no such file"
        case .alreadyExists: return "it already exists"
        case .noSpace: return "the disk is full"
        case .busy: return "another pit kept it locked"
        }
    }

    public var description: String {
        switch self {
        case .missing(let p):
            return "\(p): no such file. Check the name, or start a new session with `pit new`."
        case .notAPitSession(let p, let reason):
            return "\(p) is not a pit session (\(reason)). Open a .pit file made by pit; this file has not been changed."
        case .newerSchema(let p, let found, let supported):
            return "\(p) was written by a newer version of pit (session format \(found); this version reads up to \(supported)). Update pit to open it; the file has not been changed."
        case .damaged(let p, let detail):
            return "\(p) is damaged (\(detail)). It has not been changed. Restore it from a backup or a copy sent by a partner; `sqlite3 \(p) .recover` may rescue part of it."
        case .offScale(let p, let instrument, let level, let detail):
            return "\(p) was recorded with a different version of \(instrument) (\(detail)); the file has not been changed. To open it, use the version of \(instrument) it was recorded with, one whose scale has level \(level) (`pit instruments show \(instrument)` shows the scale pit has now)."
        case .unreadable(let p, let detail):
            return "\(p) cannot be read (\(detail)). Check that the file exists and that you may read and write it."
        case .alreadyExists(let p):
            return "\(p) already exists. Choose another name (-o FILE) or open it with `pit open \(p)`."
        case .noSpace(let p):
            return "\(p): the disk is full, so nothing was written. Free some space or choose another place, then try again."
        case .cannotCreate(let p, let detail):
            return "\(p) cannot be created (\(detail)). Check that the folder exists and that you may write to it."
        case .notWritable(let p, let detail):
            return "\(p): the change was not saved (\(detail)). Check that the disk has space and that you may write the file, then try again."
        case .foreignJournal(let p, let detail):
            return "\(p) has a leftover rollback journal, \(p)-journal, that does not belong to it (\(detail)). pit has not opened or changed the file. If \(p) is the copy you want (for example one restored from a backup) and no other program was writing to it, move the journal aside (a journal another program left mid-save holds the only way back from its half-made change), e.g. `mv '\(p)-journal' '\(p)-journal.old'`, and try again."
        case .changedWhileOpening(let p, let detail):
            return "\(p) was changed while pit opened it (SQLite played back an interrupted save from \(p)-journal, or another program wrote to it), and then it could not be used: \(detail). Keep a copy of the file as it is now, and restore the session from a backup or a copy sent by a partner."
        case .replacedWhileOpen(let p, let detail):
            return "\(p): \(detail), so pit writes nothing more to it (no change is saved). Quit, and open the session again to see what it holds now."
        case .busy(let p):
            return "\(p) is busy: another pit kept it locked. Try again in a moment, or close the other pit window."
        }
    }
}

/// A change the engine refuses, because it would make the record inconsistent.
public enum SessionError: Error, CustomStringConvertible, Equatable, Sendable {
    case invalidEvent(String)
    /// The store was closed.
    case closed

    public var description: String {
        switch self {
        case .invalidEvent(let why): return "Not recorded: \(why)."
        case .closed: return "The session is closed; open it again to make changes."
        }
    }
}

/// Why `pit merge` refused its inputs.
public enum MergeError: Error, CustomStringConvertible, Equatable, Sendable {
    case noInputs
    /// The input is a pit session but not a one-partner self-assessment.
    case notSelfAssessment(path: String, detail: String)
    /// Two inputs name the same partner.
    case duplicatePartner(name: String, paths: [String])
    /// A `--rename` that is not `Old=New`, or renames a partner no input has.
    case badRename(String)
    /// The same file was given twice.
    case sameFileTwice(path: String)
    /// A record in an input breaks a rule new records keep (a due date not on the calendar).
    case recordRefused(path: String, seq: Int64, why: String)

    public var description: String {
        switch self {
        case .noInputs:
            return "No input files: give the partners' .pit files, e.g. `pit merge a.pit b.pit -o workshop.pit`."
        case .notSelfAssessment(let p, let detail):
            return "\(p) is not a partner's self-assessment (\(detail)). Merge only files made with `pit assess`."
        case .duplicatePartner(let name, let paths):
            return "Two files are from the same partner \"\(name)\": \(paths.joined(separator: ", ")). Give one a new name with --rename \"\(name)=New name\" (renames apply to the later files)."
        case .badRename(let s):
            return "Bad rename \"\(s)\": write it as --rename \"Old name=New name\", with a partner name that appears in the inputs."
        case .sameFileTwice(let p):
            return "\(p) is given twice. Give each partner's file once."
        case .recordRefused(let p, let seq, let why):
            return "\(p), event \(seq): \(why). Correct it in that file (`pit open \(p)`, or `pit assess`) and merge again; nothing was written."
        }
    }
}
