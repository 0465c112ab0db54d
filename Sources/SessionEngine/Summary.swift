import Foundation

/// One group's answer in a summary.
public struct GroupAnswer: Hashable, Sendable {
    public var group: Group
    public var score: Score
}

/// Where the room stands on one element. There is deliberately no mean: the centre is the
/// median, always shown with its range.
public struct ElementSummary: Hashable, Sendable {
    public var element: ElementRef
    /// Current groups' answers, in group order (levels and not-applicable alike).
    public var scores: [GroupAnswer]
    /// Current groups that have not answered yet, in group order.
    public var notScored: [Group]
    /// Number of numeric (level) answers: the sample the median and range describe.
    public var count: Int
    /// Number of "not applicable" answers.
    public var notApplicableCount: Int
    /// Number of "don't know" answers (evidence gaps), counted apart from not applicable.
    public var dontKnowCount: Int = 0
    /// Median of the levels; for an even count, the mean of the two middle values. nil if no levels.
    public var median: Double?
    public var min: Int?
    public var max: Int?
    /// The divergence threshold used, in levels.
    public var threshold: Int
    /// Levels -> ids of the groups that chose them (group order).
    public var groupsByLevel: [Int: [String]]
    public var agreed: Agreed?
    public var revealed: Bool
    public var locked: Bool

    /// max - min, nil if no levels.
    public var range: Int? {
        guard let lo = min, let hi = max else { return nil }
        return hi - lo
    }

    /// The groups sit `threshold` or more levels apart.
    public var divergent: Bool { (range ?? 0) >= threshold && count >= 2 }

    /// Everyone who answered (levels, not applicable and don't know).
    public var respondedCount: Int { count + notApplicableCount + dontKnowCount }

    /// Every current group has answered.
    public var everyoneScored: Bool { notScored.isEmpty }

    /// "3.5 (2–5)" style text: the median with its range; "–" when there is no level.
    public var medianAndRange: String {
        guard let m = median, let lo = min, let hi = max else { return "–" }
        let ms = Formatting.number(m)
        return lo == hi ? "\(ms) (\(lo))" : "\(ms) (\(lo)–\(hi))"
    }
}

extension SessionState {
    /// Aggregates one element over the current groups.
    /// - Parameter threshold: range (in levels) at or above which the element is flagged divergent.
    public func summary(for element: ElementRef, threshold: Int = 2) -> ElementSummary {
        let byGroup = scores[element] ?? [:]
        var answers: [GroupAnswer] = []
        var missing: [Group] = []
        var levels: [Int] = []
        var na = 0, unknown = 0
        var byLevel: [Int: [String]] = [:]
        for g in groups {
            guard let s = byGroup[g.id] else { missing.append(g); continue }
            answers.append(GroupAnswer(group: g, score: s))
            switch s.answer {
            case .level(let l):
                levels.append(l)
                byLevel[l, default: []].append(g.id)
            case .notApplicable:
                na += 1
            case .dontKnow:
                unknown += 1
            }
        }
        levels.sort()
        var median: Double? = nil
        if !levels.isEmpty {
            let n = levels.count
            median = n % 2 == 1 ? Double(levels[n / 2]) : Double(levels[n / 2 - 1] + levels[n / 2]) / 2
        }
        return ElementSummary(element: element, scores: answers, notScored: missing, count: levels.count,
                              notApplicableCount: na, dontKnowCount: unknown, median: median, min: levels.first,
                              max: levels.last, threshold: threshold, groupsByLevel: byLevel, agreed: agreed[element],
                              revealed: revealed.contains(element), locked: locked.contains(element))
    }
}

/// Median of a list of levels (mean of the two middle values for an even count); nil if empty.
public func medianOfLevels(_ levels: [Int]) -> Double? {
    let s = levels.sorted()
    guard !s.isEmpty else { return nil }
    let n = s.count
    return n % 2 == 1 ? Double(s[n / 2]) : Double(s[n / 2 - 1] + s[n / 2]) / 2
}
