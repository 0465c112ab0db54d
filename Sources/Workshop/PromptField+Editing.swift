import TerminalKit

/// Editing a form's field at its cursor, and the part of a long value that is shown.
extension PromptScreen.Field {
    private var cursorIndex: String.Index {
        value.index(value.startIndex, offsetBy: min(max(0, cursor), value.count))
    }

    mutating func clear() {
        value = ""
        cursor = 0
    }

    mutating func insert(_ text: Substring) {
        let before = value.count
        value.insert(contentsOf: text, at: cursorIndex)
        // A combining mark joins the character before it: the count grows by less.
        cursor = min(value.count, cursor + (value.count - before))
    }

    /// Deletes the character before the cursor (Backspace) or after it (Delete).
    mutating func delete(before: Bool) {
        let at = cursorIndex
        if before {
            guard at > value.startIndex else { return }
            value.remove(at: value.index(before: at))
            cursor -= 1
        } else {
            guard at < value.endIndex else { return }
            value.remove(at: at)
        }
    }

    mutating func move(_ key: Key) {
        switch key {
        case .left: cursor = max(0, cursor - 1)
        case .right: cursor = min(value.count, cursor + 1)
        case .home, .ctrl("a"): cursor = 0
        case .end, .ctrl("e"): cursor = value.count
        default: break
        }
    }

    /// The part of the value shown in `width` columns with the cursor in view, and the
    /// cursor's column in it. Past the end, the cursor takes a column of its own.
    func window(width: Int) -> (text: String, cursorColumn: Int) {
        let characters = Array(value)
        let at = min(max(0, cursor), characters.count)
        var start = 0
        var before = characters[..<at].reduce(0) { $0 + DisplayWidth.of($1) }
        while before > width - 1 && start < at {
            before -= DisplayWidth.of(characters[start])
            start += 1
        }
        var shown = ""
        var used = 0
        for character in characters[start...] {
            let w = DisplayWidth.of(character)
            if used + w > width { break }
            shown.append(character)
            used += w
        }
        return (shown, before)
    }
}
