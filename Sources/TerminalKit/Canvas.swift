/// One terminal cell: the grapheme drawn there and what it means.
/// A wide grapheme occupies its cell and marks the next one as a continuation.
public struct Cell: Hashable, Sendable {
    public var grapheme: Character
    public var role: Role
    public var emphasis: Emphasis
    public var isContinuation: Bool
    /// The role whose background shows behind this cell when its own role has none
    /// (text drawn on a tinted area keeps the tint).
    public var background: Role?

    public init(_ grapheme: Character = " ", role: Role = .text, emphasis: Emphasis = [], isContinuation: Bool = false,
                background: Role? = nil) {
        self.grapheme = grapheme
        self.role = role
        self.emphasis = emphasis
        self.isContinuation = isContinuation
        self.background = background
    }

    public static let blank = Cell()
}

/// A pure, in-memory frame. Screens draw into it; the backend copies it to the terminal
/// and tests read it back as text. Drawing outside the canvas (or the clip) is ignored,
/// so a widget given too little room is cut, never a crash.
public struct Canvas: Sendable {
    public let size: Size
    public private(set) var cells: [Cell]
    /// Where the real terminal cursor should sit: on the selected item, so screen
    /// readers and magnifiers follow the selection.
    public var cursor: Point?
    public var clip: Rect
    public let glyphs: Glyphs

    public init(width: Int, height: Int, glyphs: Glyphs = .unicode) {
        size = Size(width: max(0, width), height: max(0, height))
        cells = Array(repeating: .blank, count: size.width * size.height)
        clip = Rect(x: 0, y: 0, width: size.width, height: size.height)
        self.glyphs = glyphs
    }

    public var width: Int { size.width }
    public var height: Int { size.height }
    public var bounds: Rect { Rect(x: 0, y: 0, width: width, height: height) }

    public subscript(x: Int, y: Int) -> Cell {
        get { cells[y * width + x] }
    }

    private func visible(_ x: Int, _ y: Int) -> Bool {
        x >= 0 && y >= 0 && x < width && y < height && clip.contains(Point(x: x, y: y))
    }

    public mutating func set(_ x: Int, _ y: Int, _ cell: Cell) {
        guard visible(x, y) else { return }
        // Overwriting half of a wide character leaves the other half blank, as a terminal does.
        let index = y * width + x
        if cells[index].isContinuation, x > 0 { cells[index - 1] = Cell(" ", role: cells[index - 1].role) }
        if x + 1 < width, cells[index + 1].isContinuation { cells[index + 1] = Cell(" ", role: cells[index].role) }
        cells[index] = cell
    }

    /// Draws `text` from (x, y) on one line, no further than `maxWidth` columns.
    /// Returns the number of columns used.
    @discardableResult
    public mutating func text(_ text: String, x: Int, y: Int, role: Role = .text, emphasis: Emphasis = [], maxWidth: Int? = nil) -> Int {
        let limit = maxWidth ?? (width - x)
        var column = 0
        for original in text {
            if original == "\n" { break }
            let character = glyphs.isUnicode ? original : Transliteration.ascii(original)
            let w = DisplayWidth.of(character)
            if w == 0 { continue }
            if column + w > limit { break }
            let background = visible(x + column, y) ? self[x + column, y].background : nil
            if w == 2 {
                guard visible(x + column, y) && visible(x + column + 1, y) else { column += w; continue }
                set(x + column, y, Cell(character, role: role, emphasis: emphasis, background: background))
                cells[y * width + x + column + 1] = Cell(" ", role: role, emphasis: emphasis, isContinuation: true, background: background)
            } else {
                set(x + column, y, Cell(character, role: role, emphasis: emphasis, background: background))
            }
            column += w
        }
        return column
    }

    /// Fills a rectangle with one character in one role.
    public mutating func fill(_ rect: Rect, _ character: Character = " ", role: Role = .text, emphasis: Emphasis = []) {
        let r = rect.intersection(bounds)
        guard !r.isEmpty else { return }
        for y in r.y..<r.maxY {
            for x in r.x..<r.maxX { set(x, y, Cell(character, role: role, emphasis: emphasis, background: role)) }
        }
    }

    /// Changes the role of cells already drawn, keeping their text (used for highlighting).
    public mutating func restyle(_ rect: Rect, role: Role, emphasis: Emphasis = []) {
        let r = rect.intersection(bounds).intersection(clip)
        guard !r.isEmpty else { return }
        for y in r.y..<r.maxY {
            for x in r.x..<r.maxX {
                cells[y * width + x].role = role
                cells[y * width + x].emphasis = emphasis
            }
        }
    }

    /// Runs `body` with drawing limited to `rect`, then restores the previous clip.
    public mutating func clipped(to rect: Rect, _ body: (inout Canvas) -> Void) {
        let saved = clip
        clip = clip.intersection(rect)
        body(&self)
        clip = saved
    }

    // MARK: Reading back (tests, snapshots, plain-text dumps)

    /// The visible text, one line per row, trailing spaces removed.
    public func lines() -> [String] {
        (0..<height).map { y in
            var line = ""
            for x in 0..<width where !self[x, y].isContinuation { line.append(self[x, y].grapheme) }
            while line.last == " " { line.removeLast() }
            return line
        }
    }

    public var plainText: String { lines().joined(separator: "\n") }

    /// One letter per cell naming its role (see `Role.code`), with `*` marking reversed
    /// cells, so colour snapshots show what each cell means without escape codes.
    public func roleLines() -> [String] {
        (0..<height).map { y in
            var line = ""
            for x in 0..<width {
                let cell = self[x, y]
                line.append(cell.emphasis.contains(.reverse) && cell.role != .selection ? "*" : cell.role.code)
            }
            return line
        }
    }

    /// Whether any cell contains `text` on one row (a convenience for tests and e2e checks).
    public func contains(_ text: String) -> Bool { lines().contains { $0.contains(text) } }
}

extension Canvas {
    /// How each cell looks with no colour at all under `theme`: one letter per cell
    /// (r reverse, b bold, d dim, u underline, . plain; the first that applies), so a
    /// monochrome snapshot shows that meaning survives without colour.
    public func monoLines(theme: Theme) -> [String] {
        (0..<height).map { y in
            var line = ""
            for x in 0..<width {
                let cell = self[x, y]
                var attributes = theme.resolve(cell.role, depth: .none).attributes
                if cell.emphasis.contains(.bold) { attributes.insert(.bold) }
                if cell.emphasis.contains(.reverse) { attributes.insert(.reverse) }
                if cell.emphasis.contains(.underline) { attributes.insert(.underline) }
                line.append(attributes.contains(.reverse) ? "r" : attributes.contains(.bold) ? "b"
                            : attributes.contains(.dim) ? "d" : attributes.contains(.underline) ? "u" : ".")
            }
            return line
        }
    }
}
