import CQRencode

/// A QR code for the room's address, made by libqrencode (we do not encode QR ourselves).
/// `modules[y][x]` is true for a dark module; no quiet zone is included.
public struct QRCode: Equatable, Sendable {
    public let modules: [[Bool]]
    public var size: Int { modules.count }

    /// Error correction M: readable from a projector with some glare, still small enough
    /// (version 2-3 for a LAN address) to fit an 80x24 terminal as half-block characters.
    public init?(_ text: String) {
        guard let code = QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8, 1) else { return nil }
        defer { QRcode_free(code) }
        let width = Int(code.pointee.width)
        var rows: [[Bool]] = []
        for y in 0..<width {
            rows.append((0..<width).map { x in code.pointee.data[y * width + x] & 1 == 1 })
        }
        modules = rows
    }

    /// Lines of text drawing the code with half blocks (two modules per character row),
    /// dark modules as the terminal's background colour on light, with a quiet zone of
    /// `quiet` modules. Light is drawn (█), dark is left blank, so the code reads on a
    /// dark terminal; `invert` swaps them for a light one.
    public func halfBlockLines(quiet: Int = 2, invert: Bool = false) -> [String] {
        let full = size + 2 * quiet
        func dark(_ x: Int, _ y: Int) -> Bool {
            let mx = x - quiet, my = y - quiet
            guard mx >= 0, my >= 0, mx < size, my < size else { return false }
            return modules[my][mx]
        }
        var lines: [String] = []
        var y = 0
        while y < full {
            var line = ""
            for x in 0..<full {
                // "lit" = drawn with a block character.
                let top = dark(x, y) == invert
                let bottom = y + 1 < full ? dark(x, y + 1) == invert : false
                switch (top, bottom) {
                case (true, true): line += "█"
                case (true, false): line += "▀"
                case (false, true): line += "▄"
                case (false, false): line += " "
                }
            }
            lines.append(line)
            y += 2
        }
        return lines
    }
}
