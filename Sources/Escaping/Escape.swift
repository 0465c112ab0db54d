import Foundation

/// Escaping user text for each output format. Every string a user typed (titles, group
/// names, notes, rationales, actions) goes through one of these before it is written.
public enum Escape {
    // MARK: Control characters

    /// Whether a character could steer a terminal or reorder text on screen: C0 controls
    /// other than tab and line feed, DEL, C1 controls, and the bidirectional embeddings,
    /// overrides and isolates (U+202A–202E, U+2066–2069).
    public static func isHostile(_ u: Unicode.Scalar) -> Bool {
        switch u.value {
        case 0x09, 0x0A: return false
        case 0x00...0x1F, 0x7F...0x9F, 0x202A...0x202E, 0x2066...0x2069: return true
        default: return false
        }
    }

    /// Text made safe to show: every hostile character (see `isHostile`) becomes a visible
    /// stand-in, so an ESC shows as `^[` and can no longer retitle or redraw a terminal.
    /// C0 and DEL take caret notation (`^[`, `^G`, `^?`); C1 and the bidirectional controls
    /// show their code point (`<U+009B>`, `<U+202E>`). Tab and line feed are kept, and a
    /// CR LF pair becomes a line feed (it is a line break, not a control). The one function
    /// every message pit prints and every export shows its user text through.
    public static func visible(_ s: String) -> String {
        // Printable ASCII, tab and line feed hold nothing hostile: a byte check, where
        // decoding scalars cost a 10,000-row CSV export a tenth of its time.
        let plain = { (b: UInt8) in (b >= 0x20 && b < 0x7F) || b == 0x09 || b == 0x0A }
        if withBytes(s[...], { $0.allSatisfy(plain) }) { return s }
        guard s.unicodeScalars.contains(where: isHostile) else { return s }
        var out = String.UnicodeScalarView()
        var scalars = s.unicodeScalars.makeIterator()
        var pending = scalars.next()
        while let u = pending {
            pending = scalars.next()
            if u == "\r" && pending == "\n" { continue }
            guard isHostile(u) else { out.append(u); continue }
            let stand: String
            switch u.value {
            case 0x00...0x1F: stand = "^" + String(Unicode.Scalar(UInt8(u.value + 0x40)))
            case 0x7F: stand = "^?"
            default: stand = "<U+" + String(String(u.value, radix: 16, uppercase: true).zeroPadded(4)) + ">"
            }
            out.append(contentsOf: stand.unicodeScalars)
        }
        return String(out)
    }

    // MARK: Markdown

    /// Characters that can start Markdown (CommonMark, GitHub and pandoc) syntax anywhere in
    /// a line; each is backslash-escaped (every ASCII punctuation mark may be).
    static let markdownSpecials: Set<Character> = ["\\", "`", "*", "_", "[", "]", "<", ">", "|", "#", "~", "^", "$", "&", "@", "!", "{", "}"]

    /// `markdownSpecials` by ASCII code, so a character is checked without hashing it (a
    /// `Character` is hashed in its normalised form, which cost more than the rest of the escaping).
    static let markdownSpecialASCII: [Bool] = (0..<128).map { markdownSpecials.contains(Character(Unicode.Scalar(UInt8($0)))) }

    /// Whether `ch` is one of `markdownSpecials`. Only single ASCII characters are; CR LF has
    /// an ASCII value (a line feed) but is no special.
    @inline(__always) static func isMarkdownSpecial(_ ch: Character) -> Bool {
        guard let a = ch.asciiValue else { return false }
        return markdownSpecialASCII[Int(a)]
    }

    /// Printable ASCII and tabs only: one byte per character, nothing for `visible` to change
    /// and no line break, so it can be escaped byte by byte with the same result.
    static func isPlainASCII(_ s: Substring) -> Bool {
        withBytes(s) { bytes in
            for b in bytes where !((b >= 0x20 && b < 0x7F) || b == 0x09) { return false }
            return true
        }
    }

    /// `body` over the UTF-8 of `s`: a native string's own storage, else a copy. (Indexing
    /// `utf8` a byte at a time cost more than the escaping itself.)
    @inline(__always) static func withBytes<R>(_ s: Substring, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        if let result = s.utf8.withContiguousStorageIfAvailable(body) { return result }
        return Array(s.utf8).withUnsafeBufferPointer(body)
    }

    /// One line of user text, made inert: nothing in it becomes emphasis, a link, HTML, a
    /// heading, a list, a quote or a table cell boundary.
    static func markdownLine(_ line: Substring) -> String {
        isPlainASCII(line) ? plainASCIIMarkdownLine(line) : characterMarkdownLine(line)
    }

    /// `markdownLine` for any text, a character (grapheme cluster) at a time.
    static func characterMarkdownLine(_ line: Substring) -> String {
        var out = ""
        out.reserveCapacity(line.utf8.count + 8)
        var start = true
        var leadingSpaces = 0
        for ch in visible(String(line)) {
            if start && (ch == " " || ch == "\t") {
                // Leading blanks would make an indented code block: drop them.
                leadingSpaces += 1
                continue
            }
            if start {
                start = false
                if ch == "-" || ch == "+" || ch == "=" || ch == ":" { out.append("\\"); out.append(ch); continue }
            }
            if isMarkdownSpecial(ch) { out.append("\\") }
            out.append(ch)
        }
        // "1." or "1)" at the start of a line would make an ordered list.
        if let dot = out.firstIndex(where: { !$0.isASCII || !$0.isNumber }), dot != out.startIndex,
           out[dot] == "." || out[dot] == ")" {
            out.insert("\\", at: dot)
        }
        return out
    }

    /// `markdownLine` for a line of printable ASCII and tabs (`isPlainASCII`), byte by byte.
    static func plainASCIIMarkdownLine(_ line: Substring) -> String {
        let specials = markdownSpecialASCII
        return withBytes(line) { bytes in
            // At most a backslash before every byte, and one before a list number's "." or ")".
            String(unsafeUninitializedCapacity: 2 * bytes.count + 1) { out in
                var n = 0, i = 0
                while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x09 { i += 1 }
                if i < bytes.count, bytes[i] == UInt8(ascii: "-") || bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "=")
                    || bytes[i] == UInt8(ascii: ":") {
                    out[n] = UInt8(ascii: "\\"); out[n + 1] = bytes[i]
                    n += 2; i += 1
                }
                while i < bytes.count {
                    let b = bytes[i]
                    if specials[Int(b)] { out[n] = UInt8(ascii: "\\"); n += 1 }
                    out[n] = b
                    n += 1; i += 1
                }
                var digits = 0
                while digits < n, (0x30...0x39).contains(out[digits]) { digits += 1 }
                if digits > 0, digits < n, out[digits] == UInt8(ascii: ".") || out[digits] == UInt8(ascii: ")") {
                    var k = n
                    while k > digits { out[k] = out[k - 1]; k -= 1 }
                    out[digits] = UInt8(ascii: "\\")
                    n += 1
                }
                return n
            }
        }
    }

    /// The lines of `s`, whatever breaks them (LF, CR LF, CR, U+2028, U+2029).
    public static func lines(_ s: String) -> [Substring] {
        s.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" || $0 == "\u{2028}" || $0 == "\u{2029}" })
    }

    /// User text for a Markdown table cell: escaped, its lines joined by " / " (the usual
    /// way to quote line breaks inline). Not `<br>`: pandoc drops raw HTML when it writes
    /// a Word file, which glued the last word of one line to the first of the next.
    public static func markdownCell(_ s: String) -> String {
        if isPlainASCII(s[...]) { return plainASCIIMarkdownLine(s[...]) }  // one line, nothing to join
        let parts = lines(s).map(markdownLine).filter { !$0.isEmpty }
        return parts.joined(separator: " / ")
    }

    /// User text for a heading: escaped, on the heading's one line (its lines joined by
    /// " / "). A hard break would end the heading at the break with a stray backslash and
    /// put the rest in a paragraph.
    public static func markdownHeading(_ s: String) -> String { markdownCell(s) }

    /// User text for a paragraph or list item: escaped, line breaks kept as hard breaks,
    /// continuation lines indented by `indent` spaces so they stay in the list item.
    public static func markdownText(_ s: String, indent: Int = 0) -> String {
        let parts = lines(s).map(markdownLine).filter { !$0.isEmpty }
        return parts.joined(separator: "\\\n" + String(repeating: " ", count: indent))
    }

    // MARK: HTML

    /// Text for HTML element content and quoted attribute values.
    /// Control characters and bidirectional overrides show as `visible` stand-ins.
    public static func html(_ s: String) -> String {
        // Most text (names, numbers, plain words) has nothing to escape and is returned as it is.
        let inert = { (b: UInt8) in
            (b >= 0x20 && b < 0x7F && b != 0x26 && b != 0x3C && b != 0x3E && b != 0x22 && b != 0x27) || b == 0x09 || b == 0x0A
        }
        return withBytes(s[...], { $0.allSatisfy(inert) }) ? s : scalarHTML(s)
    }

    /// `html` for any text, a Unicode scalar at a time.
    static func scalarHTML(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count + 16)
        for ch in visible(s).unicodeScalars {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(ch)
            }
        }
        return out
    }

    /// HTML text with line breaks as `<br>`.
    public static func htmlLines(_ s: String) -> String {
        lines(s).map { html(String($0)) }.joined(separator: "<br>")
    }

    // MARK: JSON

    /// Encoded JSON with every hostile character (`isHostile`) inside its strings written as
    /// a `\uXXXX` escape. JSONEncoder escapes C0 controls but leaves DEL, C1 controls and the
    /// bidirectional overrides raw; these can only stand inside strings, and the escape reads
    /// back as the same character, so no value changes.
    public static func jsonInert(_ data: Data) -> Data {
        guard let text = String(data: data, encoding: .utf8), text.unicodeScalars.contains(where: isHostile) else { return data }
        var out = String.UnicodeScalarView()
        for u in text.unicodeScalars {
            if isHostile(u) {
                out.append(contentsOf: ("\\u" + String(u.value, radix: 16).zeroPadded(4)).unicodeScalars)
            } else {
                out.append(u)
            }
        }
        return Data(String(out).utf8)
    }

    // MARK: CSV

    /// Neutralises a spreadsheet cell against formula injection: a cell that starts with
    /// `=`, `+`, `-`, `@`, tab or carriage return gets a leading `'`, so Excel, LibreOffice
    /// and Google Sheets show it as text. (Quoting is left to the CSV writer.)
    public static func spreadsheetCell(_ s: String) -> String {
        guard let first = s.unicodeScalars.first else { return s }
        switch first {
        case "=", "+", "-", "@", "\t", "\r", "\u{FF1D}", "\u{FF0B}", "\u{FF0D}", "\u{FF20}": return "'" + s
        default: return s
        }
    }
}

private extension String {
    func zeroPadded(_ width: Int) -> String {
        String(repeating: "0", count: Swift.max(0, width - count)) + self
    }
}
