import Foundation

extension SessionState {
    /// Whether any element has been scored in more than one round.
    public var hasLaterRounds: Bool { previousRounds.values.contains { !$0.isEmpty } }

    /// The state as it stood in each element's first round: its first-round scores in
    /// place of the latest (elements with one round are unchanged). For matrices that
    /// show the first round on request.
    public var firstRound: SessionState {
        var s = self
        for (ref, rounds) in previousRounds {
            guard let first = rounds.first else { continue }
            s.scores[ref] = first.isEmpty ? nil : first
        }
        return s
    }
}
