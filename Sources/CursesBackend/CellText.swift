import TerminalKit

/// The code points one terminal cell carries for a grapheme cluster.
enum CellText {
    /// How many code points an ncurses cell holds (CCHARW_MAX).
    static let capacity = 5

    /// The whole cluster, as far as a cell can hold it: a flag's two halves, a family's
    /// joined people, an accent. Two exceptions keep the terminal's columns where ncurses
    /// and the Canvas put them (the width of the first code point): an emoji variation
    /// selector on a one-column symbol is dropped, so the terminal draws the one-column
    /// text form; and a cluster longer than a cell is cut before a joiner, never after.
    static func scalars(of grapheme: Character) -> [UInt32] {
        var values = grapheme.unicodeScalars.map(\.value)
        guard let first = grapheme.unicodeScalars.first else { return [0x20] }
        if DisplayWidth.of(scalar: first) == 1 { values.removeAll { $0 == 0xFE0F } }
        if values.count > capacity {
            values = Array(values.prefix(capacity))
            while values.count > 1, values.last == 0x200D { values.removeLast() }
        }
        return values.isEmpty ? [0x20] : values
    }
}
