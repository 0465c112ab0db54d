/// Rules for the short texts an author writes in an instrument or plan file (titles,
/// short names, level labels, ids): each is printed on one line of a list, a table or a
/// screen, where a line break or a control character would split or corrupt the line.
enum AuthoredText {
    /// What in `text` cannot stand on one line, in words, or nil when nothing does.
    static func lineBreaker(in text: String) -> String? {
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x0A, 0x0D, 0x0B, 0x0C, 0x85, 0x2028, 0x2029: return "a line break"
            case 0x09: return "a tab"
            case 0x00...0x1F, 0x7F...0x9F: return "the control character U+\(hex(scalar.value))"
            default: continue
            }
        }
        return nil
    }

    private static func hex(_ value: UInt32) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }

    /// The columns `text` takes on a terminal, never fewer than the terminal gives it:
    /// a character whose first code point is in `wide` counts two, any other one.
    /// TerminalKit has the exact measure, but Instruments sits below it and may not use it;
    /// this coarse table covers every code point that measure makes two columns wide (a
    /// test holds the two together), and some rare symbols besides, which only makes a
    /// limit stricter for them.
    static func columns(_ text: String) -> Int {
        text.reduce(0) { total, character in
            total + (character.unicodeScalars.first.map(isWide) == true ? 2 : 1)
        }
    }

    static func isWide(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        if v < wide[0].lowerBound { return false }
        return wide.contains { $0.contains(v) }
    }

    /// East Asian wide and fullwidth characters and emoji, the ranges the C library's
    /// wcwidth makes two columns wide, joined where less than 64 code points apart.
    static let wide: [ClosedRange<UInt32>] = [
        0x1100...0x115F, 0x231A...0x232A, 0x23E9...0x23F3, 0x25FD...0x27BF, 0x2B1B...0x2B55,
        0x2E80...0xA4C6, 0xA960...0xA97C, 0xAC00...0xD7A3, 0xF900...0xFAD9, 0xFE10...0xFE6B,
        0xFF01...0xFF60, 0xFFE0...0xFFE6, 0x16FE0...0x18D08, 0x1AFF0...0x1B2FB, 0x1F004...0x1F004,
        0x1F0CF...0x1F0CF, 0x1F18E...0x1F19A, 0x1F200...0x1F265, 0x1F300...0x1F5A4, 0x1F5FB...0x1F6FC,
        0x1F7E0...0x1F7F0, 0x1F90C...0x1F9FF, 0x1FA70...0x1FAF6, 0x20000...0x2EBE0, 0x2F800...0x2FA1D,
        0x30000...0x3134A,
    ]

    /// The rule for instrument and element ids (and so for what a plan names): lowercase
    /// letters, digits and '-'. Ids are typed on the command line, written into session
    /// files and joined as `instrument/element` in overlaps, so no space, case or '/'.
    static func isIdentifier(_ text: String) -> Bool {
        !text.isEmpty && text.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
    }
}
