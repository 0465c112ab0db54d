import Foundation

/// Escaping user text for each output format. Every string a user typed (titles, group
/// names, notes, rationales, actions) goes through one of these before it is written.
public enum Escape {
    // MARK: Markdown

    /// Characters that can start Markdown (CommonMark, GitHub and pandoc) syntax anywhere in
    /// a line; each is backslash-escaped (every ASCII punctuation mark may be).
    static let markdownSpecials: Set<Character> = ["\\", "`", "*", "_", "[", "]", "<", ">", "|", "#", "~", "^", "$", "&", "@", "!", "{", "}"]

    /// One line of user text, made inert: nothing in it becomes emphasis, a link, HTML, a
    /// heading, a list, a quote or a table cell boundary.
    static func markdownLine(_ line: Substring) -> String {
        var out = ""
        out.reserveCapacity(line.count + 8)
        var start = true
        var leadingSpaces = 0
        for ch in line {
            if start && (ch == " " || ch == "\t") {
                // Leading blanks would make an indented code block: drop them.
                leadingSpaces += 1
                continue
            }
            if start {
                start = false
                if ch == "-" || ch == "+" || ch == "=" || ch == ":" { out.append("\\"); out.append(ch); continue }
            }
            if markdownSpecials.contains(ch) { out.append("\\") }
            out.append(ch)
        }
        // "1." or "1)" at the start of a line would make an ordered list.
        if let dot = out.firstIndex(where: { !$0.isASCII || !$0.isNumber }), dot != out.startIndex,
           out[dot] == "." || out[dot] == ")" {
            out.insert("\\", at: dot)
        }
        return out
    }

    static func lines(_ s: String) -> [Substring] {
        s.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" || $0 == "\u{2028}" || $0 == "\u{2029}" })
    }

    /// User text for a Markdown table cell: escaped, its lines joined by " / " (the usual
    /// way to quote line breaks inline). Not `<br>`: pandoc drops raw HTML when it writes
    /// a Word file, which glued the last word of one line to the first of the next.
    public static func markdownCell(_ s: String) -> String {
        let parts = lines(s).map(markdownLine).filter { !$0.isEmpty }
        return parts.joined(separator: " / ")
    }

    /// User text for a paragraph or list item: escaped, line breaks kept as hard breaks,
    /// continuation lines indented by `indent` spaces so they stay in the list item.
    public static func markdownText(_ s: String, indent: Int = 0) -> String {
        let parts = lines(s).map(markdownLine).filter { !$0.isEmpty }
        return parts.joined(separator: "\\\n" + String(repeating: " ", count: indent))
    }

    // MARK: HTML

    /// Text for HTML element content and quoted attribute values.
    public static func html(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count + 16)
        for ch in s.unicodeScalars {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default:
                // Control characters other than tab and newline are not allowed in HTML.
                if ch.value < 0x20 && ch != "\t" && ch != "\n" { out += "\u{FFFD}" } else { out.unicodeScalars.append(ch) }
            }
        }
        return out
    }

    /// HTML text with line breaks as `<br>`.
    public static func htmlLines(_ s: String) -> String {
        lines(s).map { html(String($0)) }.joined(separator: "<br>")
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
