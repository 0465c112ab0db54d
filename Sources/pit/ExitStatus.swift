import ArgumentParser
import Instruments
import Reports
import Room
import SessionEngine

/// The one mapping from what went wrong to a sysexits(3) code, so every command gives a
/// script the same answer for the same trouble: a busy (locked) session is 75 whether
/// `report`, `open` or `merge` met it, and so is a room's port that is taken.
enum ExitStatus {
    static func code(for error: Error) -> ExitCode {
        known(error) ?? .software
    }

    /// The code for one of pit's own errors; nil for the argument parser's (usage, help,
    /// version), which it maps itself.
    static func known(_ error: Error) -> ExitCode? {
        switch error {
        case let code as ExitCode: return code
        case let file as SessionFileError: return code(for: file)
        case is SessionError, is MergeError, is SessionJSONError, is DiagnosticList: return .dataError
        case is DemoUnavailable, is SiteAssets.Problem: return .config
        // A taken port may be free again soon, or another may be chosen: try again later.
        case RoomServerError.portInUse: return .tempFail
        case is RoomServerError: return .unavailable
        // Another room serves the file; it may close (or go stale) soon.
        case is LiveRoomError: return .tempFail
        default: return nil
        }
    }

    static func code(for error: SessionFileError) -> ExitCode {
        switch error {
        case .missing, .unreadable: return .noInput
        case .notAPitSession, .newerSchema, .damaged, .offScale, .foreignJournal, .changedWhileOpening: return .dataError
        case .alreadyExists, .cannotCreate: return .cannotCreate
        // The file is there and was read; writing to it failed (disk full, read-only).
        case .notWritable, .replacedWhileOpen, .noSpace: return .ioError
        // Another process holds the lock: trying again later may well work.
        case .busy: return .tempFail
        }
    }
}
