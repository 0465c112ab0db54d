/// What a space shows: only its background, unless it is underlined or reversed
/// (a reversed space shows its foreground as the background). So a run of spaces can be
/// painted in the style of a neighbouring cell wherever that looks the same, and the
/// terminal is sent no colour or attribute change between them: the triangle's tinted
/// areas are runs of spaces between lines and labels, and each style change costs
/// ncurses a reset and both colours (about 30 bytes).
public enum BlankCell {
    static let visibleOnBlank: TextAttributes = [.underline, .reverse]

    /// Whether a space in `blank`'s style looks the same painted in `left`'s style.
    public static func looksTheSame(_ blank: ResolvedStyle, paintedAs left: ResolvedStyle) -> Bool {
        blank.attributes.isDisjoint(with: visibleOnBlank)
            && left.attributes.isDisjoint(with: visibleOnBlank)
            && blank.background == left.background
    }

    /// For each cell of a row (`nil`: the second column of a wide character), the index of
    /// the cell whose style paints it. A run of plain spaces on one background takes the
    /// style of the cell before it, else of the cell after it, where it looks the same;
    /// a neighbour with the run's own attributes is preferred, since a bold neighbour is
    /// often a highlight that moves on, and the run would then change (invisibly) with it.
    public static func painters(looks: [ResolvedStyle?], isSpace: [Bool]) -> [Int] {
        var painters = Array(looks.indices)
        func plainSpace(_ i: Int) -> ResolvedStyle? {
            guard isSpace[i], let look = looks[i], look.attributes.isDisjoint(with: visibleOnBlank) else { return nil }
            return look
        }
        var x = 0
        while x < looks.count {
            guard let first = plainSpace(x) else { x += 1; continue }
            var end = x + 1
            while end < looks.count, let next = plainSpace(end), next.background == first.background { end += 1 }
            // The neighbour before, then the one after; without arrays, since this runs for
            // every run of spaces of every frame.
            func fits(_ i: Int) -> Bool { looks[i].map { looksTheSame(first, paintedAs: $0) } ?? false }
            let before = x > 0 && fits(painters[x - 1]) ? painters[x - 1] : nil
            let after = end < looks.count && fits(end) ? end : nil
            func withOwnAttributes(_ i: Int?) -> Int? { i.flatMap { looks[$0]?.attributes == first.attributes ? $0 : nil } }
            if let painter = withOwnAttributes(before) ?? withOwnAttributes(after) ?? before ?? after {
                for i in x..<end { painters[i] = painter }
            }
            x = end
        }
        return painters
    }
}
