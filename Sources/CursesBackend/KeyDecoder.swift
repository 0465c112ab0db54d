import CNcursesw
import TerminalKit

/// Turns ncurses key codes into `Key` values.
enum KeyDecoder {
    static func functionKey(_ code: Int32) -> Key? {
        switch code {
        case KEY_UP: return .up
        case KEY_DOWN: return .down
        case KEY_LEFT: return .left
        case KEY_RIGHT: return .right
        case KEY_ENTER: return .enter
        case KEY_BACKSPACE: return .backspace
        case KEY_DC: return .delete
        case KEY_PPAGE: return .pageUp
        case KEY_NPAGE: return .pageDown
        case KEY_HOME: return .home
        case KEY_END: return .end
        case KEY_BTAB: return .backTab
        // VT220 keyboards (TERM=vt220) send their Home and End keys as Find and Select.
        case KEY_FIND: return .home
        case KEY_SELECT: return .end
        case pit_key_resize(): return .resize
        default:
            for n in 1...12 where code == pit_key_f(Int32(n)) { return .function(n) }
            return nil
        }
    }

    static func character(_ value: UInt32) -> Key? {
        switch value {
        case 9: return .tab
        case 10, 13: return .enter
        case 27: return .escape
        case 8, 127: return .backspace
        case 1...26: return .ctrl(Character(Unicode.Scalar(value + 96)!))
        default:
            guard let scalar = Unicode.Scalar(value) else { return nil }
            return .char(Character(scalar))
        }
    }

    // MARK: Sequences the terminal's description does not name

    /// Whether `value` ends a control sequence that began `ESC [` (ECMA-48: a final byte
    /// is 0x40-0x7E; parameters and intermediates come before it).
    static func endsControlSequence(_ value: UInt32) -> Bool { (0x40...0x7E).contains(value) }

    /// The key an escape sequence names when ncurses did not know it (the terminal sent a
    /// sequence its terminfo entry lacks: Home and End as `ESC [1~` under TERM=xterm, an
    /// arrow with Ctrl or Shift as `ESC [1;5C`). `body` is what followed the ESC. Such a
    /// sequence used to arrive as Esc (back, or quit) and then as characters, where a digit
    /// records a score: now it is the key it names, or nothing.
    static func escapeSequence(_ body: [UInt32]) -> Key? {
        guard let introducer = body.first, let final = body.last, body.count >= 2 else { return nil }
        switch introducer {
        case 0x5B:  // "[": CSI, parameters then a final byte
            if let key = arrowOrEdge(final) { return key }
            if final == 0x5A, body.count == 2 { return .backTab }  // "[Z": Shift-Tab, where terminfo lacks kcbt (vt100)
            guard final == 0x7E else { return nil }  // "~": the number says which key
            let number = body.dropFirst().dropLast().prefix { $0 != 0x3B }  // up to a ";" and its modifiers
            switch String(decoding: number.map { UInt8(truncatingIfNeeded: $0) }, as: UTF8.self) {
            case "1", "7": return .home
            case "4", "8": return .end
            case "3": return .delete
            case "5": return .pageUp
            case "6": return .pageDown
            default: return nil
            }
        case 0x4F:  // "O": SS3, one byte
            return body.count == 2 ? arrowOrEdge(final) : nil
        default:
            return nil  // Alt with a key: not one of pit's keys
        }
    }

    private static func arrowOrEdge(_ final: UInt32) -> Key? {
        switch final {
        case 0x41: return .up
        case 0x42: return .down
        case 0x43: return .right
        case 0x44: return .left
        case 0x48: return .home
        case 0x46: return .end
        default: return nil
        }
    }

    // MARK: Pasted text

    /// Whether characters that were all waiting at once are a paste rather than keys: a
    /// line break with more text after it. Nobody types Enter and the next key within one
    /// read; a terminal without bracketed paste sends a pasted note's lines that way, and
    /// read as keys its second line would score or reveal. A line break at the very end is
    /// Enter after typed-ahead keys (or a pasted single line), and stays Enter.
    static func isPaste(_ values: [UInt32]) -> Bool {
        guard let firstBreak = values.firstIndex(where: { $0 == 10 || $0 == 13 }) else { return false }
        return values[(firstBreak + 1)...].contains { $0 >= 0x20 && $0 != 0x7F }
    }

    /// Characters read together, as keys: CR LF is one Enter (a pasted line's end from a
    /// Windows clipboard was two, which saved a form before its last field).
    static func keys(_ values: [UInt32]) -> [Key?] {
        var keys: [Key?] = []
        for (i, value) in values.enumerated() where !(value == 10 && i > 0 && values[i - 1] == 13) {
            keys.append(character(value))
        }
        return keys
    }

    // MARK: Bracketed paste

    /// Pasted text as a field can hold it: line breaks and tabs become spaces, and other
    /// control characters (an escape sequence copied from a terminal) are dropped.
    static func pastedText(_ scalars: [Unicode.Scalar]) -> String {
        var text = String.UnicodeScalarView()
        var previous: Unicode.Scalar?
        for u in scalars {
            switch u.value {
            case 0x0A where previous == "\r": break  // CR LF is one break
            case 0x09, 0x0A, 0x0D: text.append(" ")
            case 0x00...0x1F, 0x7F...0x9F: break
            default: text.append(u)
            }
            previous = u
        }
        return String(text)
    }
}
