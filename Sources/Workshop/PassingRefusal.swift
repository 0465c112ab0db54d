import SessionEngine

/// Why the file refused a change when trying again later can save it. What to do first
/// goes with the reason, and each place names its own way to try again (Ctrl-R on the
/// screens, Enter in a form, the undo key for an undo).
public enum PassingRefusal: Equatable, Sendable {
    /// Another process held the file's lock.
    case busy
    /// The disk was full.
    case diskFull

    /// nil for a refusal that trying again cannot mend (the file replaced, not writable).
    init?(_ error: SessionFileError) {
        switch error {
        case .busy: self = .busy
        case .noSpace: self = .diskFull
        default: return nil
        }
    }

    /// What happened, without advice.
    var reason: String {
        switch self {
        case .busy: return "the file is busy, held by another program"
        case .diskFull: return "the disk is full, so nothing was written"
        }
    }

    /// What to do before trying again, if anything.
    var first: String {
        switch self {
        case .busy: return ""
        case .diskFull: return "free some space, then "
        }
    }

    /// What to do, ending with `retry` ("free some space, then Ctrl-R tries again").
    func howToRetry(_ retry: String) -> String { first + retry }

    /// The status line's words: the reason, then `howToRetry`.
    func advice(_ retry: String) -> String { "\(reason); \(howToRetry(retry))" }
}
