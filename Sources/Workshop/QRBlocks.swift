/// A QR code as lines of half-block characters: two modules per character row, light
/// modules drawn as blocks and dark ones left as the background, with a quiet zone, so
/// a phone reads it off a dark projected terminal.
enum QRBlocks {
    static func lines(_ modules: [[Bool]], quiet: Int = 2) -> [String] {
        let size = modules.count
        let full = size + 2 * quiet
        func light(_ x: Int, _ y: Int) -> Bool {
            let mx = x - quiet, my = y - quiet
            guard mx >= 0, my >= 0, mx < size, my < size else { return y < full }
            return !modules[my][mx]
        }
        var out: [String] = []
        for y in stride(from: 0, to: full, by: 2) {
            var line = ""
            for x in 0..<full {
                switch (light(x, y), y + 1 < full && light(x, y + 1)) {
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
