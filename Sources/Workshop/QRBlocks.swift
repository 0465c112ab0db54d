/// A QR code as lines of half-block characters: two modules per character row, dark
/// modules drawn as blocks and light ones left as the background, with a light quiet zone.
/// Drawn in the `qr` role, which every theme makes dark on light (black on white, or
/// reverse video without colour), so a phone reads it whatever the terminal's theme.
enum QRBlocks {
    static func lines(_ modules: [[Bool]], quiet: Int = 2) -> [String] {
        let size = modules.count
        let full = size + 2 * quiet
        func dark(_ x: Int, _ y: Int) -> Bool {
            let mx = x - quiet, my = y - quiet
            guard mx >= 0, my >= 0, mx < size, my < size else { return false }
            return modules[my][mx]
        }
        var out: [String] = []
        for y in stride(from: 0, to: full, by: 2) {
            var line = ""
            for x in 0..<full {
                switch (dark(x, y), y + 1 < full && dark(x, y + 1)) {
                case (true, true): line += "█"
                case (true, false): line += "▀"
                case (false, true): line += "▄"
                case (false, false): line += " "
                }
            }
            out.append(line)
        }
        return out
    }

    /// Character cells the code needs: width and height.
    static func size(_ modules: [[Bool]], quiet: Int = 2) -> (width: Int, height: Int) {
        let full = modules.count + 2 * quiet
        return (full, (full + 1) / 2)
    }
}
