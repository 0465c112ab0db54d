import Foundation

/// The seven parts of a triangle divided into three corner segments that meet around
/// a centre, with a seam between each pair of segments.
public enum TrianglePart: Int, CaseIterable, Hashable, Sendable {
    case top, bottomLeft, bottomRight, centre
    case leftSeam    // between top and bottom-left
    case rightSeam   // between top and bottom-right
    case baseSeam    // between bottom-left and bottom-right

    public var isSeam: Bool { self == .leftSeam || self == .rightSeam || self == .baseSeam }
}

/// A label in three lengths; the drawing uses the longest that fits.
public struct PartLabel: Sendable {
    public var long: String
    public var short: String
    public var letter: String
    public var caption: String
    public var role: Role
    public var fillRole: Role

    public init(long: String, short: String, letter: String, caption: String = "", role: Role, fillRole: Role = .text) {
        self.long = long; self.short = short; self.letter = letter; self.caption = caption
        self.role = role; self.fillRole = fillRole
    }

    func fitting(_ width: Int) -> String {
        for candidate in [long, short, letter] where DisplayWidth.of(candidate) <= width { return candidate }
        return DisplayWidth.prefix(letter, fitting: width)
    }
}

/// Draws the triangle fitted to a rectangle: segments tinted by their fill role,
/// seams as lines from the centre to the middle of each side, every part labelled.
public struct TriangleView: Sendable {
    public var labels: [TrianglePart: PartLabel]
    public var highlighted: TrianglePart?

    public init(labels: [TrianglePart: PartLabel], highlighted: TrianglePart? = nil) {
        self.labels = labels; self.highlighted = highlighted
    }

    /// Where each part's label was drawn (its first column), for the cursor and tests.
    public typealias Anchors = [TrianglePart: Point]

    struct Geometry {
        let cx: Double, top: Double, height: Double, halfBase: Double
        var apex: (Double, Double) { (cx, top) }
        var baseY: Double { top + height - 1 }
        var left: (Double, Double) { (cx - halfBase, baseY) }
        var right: (Double, Double) { (cx + halfBase, baseY) }
        var centroid: (Double, Double) { (cx, top + (height - 1) * 2 / 3) }
        var midLeft: (Double, Double) { (cx - halfBase / 2, top + (height - 1) / 2) }
        var midRight: (Double, Double) { (cx + halfBase / 2, top + (height - 1) / 2) }
        var midBase: (Double, Double) { (cx, baseY) }

        func halfWidth(atRow y: Int) -> Double { halfBase * (Double(y) - top) / max(1, height - 1) }

        /// Which segment a point falls in, by its angle around the centroid.
        func segment(x: Double, y: Double) -> TrianglePart {
            let g = centroid
            let angle = atan2(y - g.1, x - g.0)
            let leftRay = atan2(midLeft.1 - g.1, midLeft.0 - g.0)
            let rightRay = atan2(midRight.1 - g.1, midRight.0 - g.0)
            if angle > leftRay && angle < rightRay { return .top }
            if angle >= rightRay && angle < Double.pi / 2 { return .bottomRight }
            return .bottomLeft
        }
    }

    /// The triangle's bounding size inside `rect`: cells are about twice as tall as wide,
    /// so a near-equilateral triangle is about 2.3 times as wide as it is tall.
    static func geometry(in rect: Rect) -> Geometry {
        let maxHeight = Double(rect.height)
        let maxWidth = Double(rect.width - 2)
        // Flatter than equilateral when the terminal is wide: the labels need the room.
        let height = min(maxHeight, (maxWidth / 2.3).rounded(.down))
        let halfBase = min(maxWidth / 2, (height * 3.0 / 2).rounded(.down))
        let cx = Double(rect.x) + Double(rect.width) / 2
        let top = Double(rect.y) + ((maxHeight - height) / 2).rounded(.down)
        return Geometry(cx: cx.rounded(.down), top: top, height: height, halfBase: halfBase)
    }

    @discardableResult
    public func draw(in rect: Rect, on canvas: inout Canvas) -> Anchors {
        guard rect.width >= 12, rect.height >= 5 else { return [:] }
        let geo = TriangleView.geometry(in: rect)
        let g = canvas.glyphs
        let top = Int(geo.top), bottom = Int(geo.baseY), cx = Int(geo.cx)

        func edges(_ y: Int) -> (Int, Int) {
            let hw = Int(geo.halfWidth(atRow: y).rounded())
            return (cx - 1 - hw, cx + hw)
        }

        // Segment tints, row by row.
        for y in top..<bottom {
            let (xl, xr) = edges(y)
            guard xr - xl > 1 else { continue }
            // The tint runs under the edges too, so the outline sits on it without a gap.
            for x in xl...xr {
                let part = geo.segment(x: Double(x) + 0.5, y: Double(y))
                let role = part == highlighted ? Role.selection : (labels[part]?.fillRole ?? .text)
                canvas.fill(Rect(x: x, y: y, width: 1, height: 1), role: role)
            }
        }

        var anchors: Anchors = [:]

        // The centre: a small box where there is room, otherwise a bracketed label.
        let centreLabel = labels[.centre]
        let gx = cx, gy = Int(geo.centroid.1.rounded())
        let roomForBox = geo.height >= 12
        let centreWidth = Int(geo.halfBase * 0.6)
        let centreText = centreLabel?.fitting(max(1, centreWidth - (roomForBox ? 4 : 2))) ?? ""
        let boxWidth = DisplayWidth.of(centreText) + 4
        let centreRect = roomForBox
            ? Rect(x: gx - boxWidth / 2, y: gy - 1, width: boxWidth, height: 3)
            : Rect(x: gx - (DisplayWidth.of(centreText) + 2) / 2, y: gy, width: DisplayWidth.of(centreText) + 2, height: 1)

        // Seams: lines from the centre's edge to the middle of each side.
        let seamEnds: [(TrianglePart, (Double, Double))] = [(.leftSeam, geo.midLeft), (.rightSeam, geo.midRight), (.baseSeam, geo.midBase)]
        for (part, end) in seamEnds {
            let role: Role = part == highlighted ? .accent : .border
            let points = TriangleView.line(from: (Double(gx), Double(gy)), to: (end.0, end.1 - (part == .baseSeam ? 1 : 0)))
            var previous: Point?
            for p in points where !centreRect.contains(p) {
                let glyph: Character
                if let prev = previous, prev.y != p.y {
                    glyph = prev.x == p.x ? g.vertical : ((p.x > prev.x) == (p.y < prev.y) ? g.rising : g.falling)
                } else if previous != nil {
                    glyph = g.horizontal
                } else {
                    glyph = part == .baseSeam ? g.vertical : g.horizontal
                }
                canvas.text(String(glyph), x: p.x, y: p.y, role: role, emphasis: part == highlighted ? .bold : [])
                previous = p
            }
            // The seam's label sits on the line's middle, interrupting it like a map label.
            if let label = labels[part], points.count > 1 {
                let outside = points.filter { !centreRect.contains($0) }
                let along = part == .baseSeam ? 0.7 : 0.5
                let mid = outside.isEmpty ? points[points.count / 2] : outside[Int(Double(outside.count) * along)]
                let (xl, xr) = edges(mid.y)
                let span: (Int, Int) = switch part {
                case .leftSeam: (xl + 1, cx)
                case .rightSeam: (cx + 1, xr - 1)
                default: (cx - Int(geo.halfBase * 0.3), cx + Int(geo.halfBase * 0.3))
                }
                let room = span.1 - span.0
                let fitted = label.fitting(max(1, room))
                // A space either side separates the label from the line, where there is room.
                let text = DisplayWidth.of(fitted) + 2 <= room ? " " + fitted + " " : fitted
                let width = DisplayWidth.of(text)
                let x = min(max(span.0, mid.x - width / 2), span.1 - width)
                let isOn = part == highlighted
                canvas.text(text, x: x, y: mid.y, role: isOn ? .selection : label.role, emphasis: isOn ? [.bold, .reverse] : .bold)
                anchors[part] = Point(x: text.hasPrefix(" ") ? x + 1 : x, y: mid.y)
            }
        }

        // Centre drawn after the seams so it sits on top of them.
        let centreOn = highlighted == .centre
        let centreRole: Role = centreOn ? .selection : (centreLabel?.fillRole ?? .text)
        canvas.fill(centreRect, role: centreRole)
        if roomForBox {
            canvas.box(centreRect, role: centreOn ? .selection : .border)
            canvas.text(centreText, x: centreRect.x + 2, y: gy, role: centreOn ? .selection : (centreLabel?.role ?? .text), emphasis: .bold)
            anchors[.centre] = Point(x: centreRect.x + 2, y: gy)
        } else {
            canvas.text("[" + centreText + "]", x: centreRect.x, y: gy, role: centreOn ? .selection : (centreLabel?.role ?? .text), emphasis: .bold)
            anchors[.centre] = Point(x: centreRect.x + 1, y: gy)
        }

        // The outline last but for the labels, so nothing overwrites the triangle's edge.
        for y in top...bottom {
            let (xl, xr) = edges(y)
            if y == bottom {
                for x in (xl + 1)..<xr { canvas.set(x, y, Cell(g.horizontal, role: .border)) }
            }
            canvas.text(String(g.rising), x: xl, y: y, role: .border)
            canvas.text(String(g.falling), x: xr, y: y, role: .border)
        }

        // Segment labels at the middle of each segment, with a caption below where it fits.
        let h = geo.height - 1
        let placements: [(TrianglePart, Double, Double)] = [
            (.top, geo.cx, geo.top + h * 0.36),
            (.bottomLeft, geo.cx - geo.halfBase * 0.5, geo.top + h * 0.76),
            (.bottomRight, geo.cx + geo.halfBase * 0.5, geo.top + h * 0.76),
        ]
        for (part, px, py) in placements {
            guard let label = labels[part] else { continue }
            let y = Int(py.rounded())
            let (xl, xr) = edges(y)
            // The lower labels may share rows with the centre: there they stop short of it.
            func span(onRow row: Int) -> (Int, Int) {
                let beside = row >= centreRect.y && row < centreRect.maxY
                switch part {
                case .bottomLeft: return (xl + 2, beside ? min(cx - 2, centreRect.x - 1) : cx - 2)
                case .bottomRight: return (beside ? max(cx + 2, centreRect.maxX + 1) : cx + 2, xr - 2)
                default: return (xl + 2, xr - 2)
                }
            }
            let labelSpan = span(onRow: y)
            let room = max(1, labelSpan.1 - labelSpan.0)
            let text = label.fitting(room)
            let x = min(max(labelSpan.0, Int(px.rounded()) - DisplayWidth.of(text) / 2), labelSpan.1 - DisplayWidth.of(text))
            let isOn = part == highlighted
            canvas.text(text, x: x, y: y, role: isOn ? .selection : label.role, emphasis: isOn ? [.bold, .reverse] : .bold)
            anchors[part] = Point(x: x, y: y)
            if !label.caption.isEmpty, geo.height >= 16 {
                let captionWidth = DisplayWidth.of(label.caption)
                let captionSpan = span(onRow: y + 1)
                if captionWidth <= captionSpan.1 - captionSpan.0 {
                    let capX = min(max(captionSpan.0, Int(px.rounded()) - captionWidth / 2), captionSpan.1 - captionWidth)
                    canvas.text(label.caption, x: capX, y: y + 1, role: isOn ? .selection : .muted)
                }
            }
        }
        if let h = highlighted, let p = anchors[h] { canvas.cursor = p }
        return anchors
    }

    /// Cells on the straight line between two points (a simple DDA).
    static func line(from a: (Double, Double), to b: (Double, Double)) -> [Point] {
        let dx = b.0 - a.0, dy = b.1 - a.1
        let steps = Int(max(abs(dx), abs(dy)).rounded(.up))
        guard steps > 0 else { return [Point(x: Int(a.0), y: Int(a.1))] }
        var points: [Point] = []
        for i in 0...steps {
            let t = Double(i) / Double(steps)
            let p = Point(x: Int((a.0 + dx * t).rounded()), y: Int((a.1 + dy * t).rounded()))
            if points.last != p { points.append(p) }
        }
        return points
    }
}
