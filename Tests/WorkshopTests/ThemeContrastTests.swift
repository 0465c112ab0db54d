import Foundation
import TerminalKit
@testable import Workshop
import XCTest

/// How readable each theme is on the triangle: every visible character against the colour
/// behind it (WCAG contrast over the xterm-256 palette, on a dark terminal).
final class ThemeContrastTests: XCTestCase {
    static func rgb(_ colour: ThemeColour, default fallback: Int) -> (Double, Double, Double) {
        let n: Int
        if case .indexed(let i) = colour { n = i } else { n = fallback }
        let base: [(Double, Double, Double)] = [(0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205),
                                                (0, 205, 205), (229, 229, 229), (127, 127, 127), (255, 0, 0), (0, 255, 0),
                                                (255, 255, 0), (92, 92, 255), (255, 0, 255), (0, 255, 255), (255, 255, 255)]
        if n < 16 { return base[n] }
        if n >= 232 { let v = Double(8 + 10 * (n - 232)); return (v, v, v) }
        let levels: [Double] = [0, 95, 135, 175, 215, 255], c = n - 16
        return (levels[c / 36], levels[(c / 6) % 6], levels[c % 6])
    }

    static func luminance(_ c: (Double, Double, Double)) -> Double {
        func channel(_ v: Double) -> Double { let s = v / 255; return s <= 0.03928 ? s / 12.92 : pow((s + 0.055) / 1.055, 2.4) }
        return 0.2126 * channel(c.0) + 0.7152 * channel(c.1) + 0.0722 * channel(c.2)
    }

    static func contrast(_ a: (Double, Double, Double), _ b: (Double, Double, Double)) -> Double {
        let la = luminance(a), lb = luminance(b)
        return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)
    }

    /// The lowest contrast of any visible character, and each segment's fill colour.
    func measure(theme name: String) throws -> (lowest: Double, worst: String, fills: [Role: ThemeColour]) {
        let theme = try XCTUnwrap(shippedThemes.first { $0.name == name })
        let context = makeContext()
        context.themeIndex = try XCTUnwrap(context.themes.firstIndex { $0.name == name })
        let canvas = App(root: TriangleScreen(), context: context).render(size: Size(width: 120, height: 40))
        var lowest = Double.infinity, worst = ""
        var fills: [Role: ThemeColour] = [:]
        for y in 1..<(canvas.height - 1) {
            for x in 0..<canvas.width {
                let cell = canvas[x, y]
                let style = theme.resolve(cell.role, depth: .full)
                var background = style.background
                if background == .terminalDefault, let behind = cell.background {
                    background = theme.resolve(behind, depth: .full).background
                }
                if let behind = cell.background, [.civicFill, .serviceFill, .communityFill, .centreFill].contains(behind) {
                    fills[behind] = theme.resolve(behind, depth: .full).background
                }
                guard cell.grapheme != " ", !cell.isContinuation else { continue }
                var fg = Self.rgb(style.foreground, default: 7), bg = Self.rgb(background, default: 0)
                if cell.emphasis.contains(.reverse) || style.attributes.contains(.reverse) { swap(&fg, &bg) }
                let c = Self.contrast(fg, bg)
                if c < lowest { lowest = c; worst = "\(cell.grapheme) at \(x),\(y) in \(cell.role.name) on \(cell.background?.name ?? "default")" }
            }
        }
        return (lowest, worst, fills)
    }

    func testTheProjectorThemeIsTheMostReadableAndKeepsTheSegmentFills() throws {
        let projector = try measure(theme: "projector")
        XCTAssertGreaterThanOrEqual(projector.lowest, 7, "every character reads from the back of a room (WCAG AAA): \(projector.worst)")
        let colours = Set(projector.fills.values)
        XCTAssertGreaterThanOrEqual(projector.fills.count, 3, "the segments (and the centre, unless selected) are tinted")
        XCTAssertEqual(colours.count, projector.fills.count, "each part has its own tint")
        XCTAssertFalse(colours.contains(.terminalDefault))
        XCTAssertFalse(colours.contains(.indexed(16)) || colours.contains(.indexed(0)), "a black tint on a projector is no tint")
        for other in ["default", "light", "colourblind"] {
            let o = try measure(theme: other)
            XCTAssertGreaterThanOrEqual(projector.lowest, o.lowest, "projector is at least as readable as \(other)")
        }
    }
}

/// The QR code is dark modules on a light ground whatever the theme: phone readers refuse a
/// code drawn light on dark, which the text colour gave on a light theme.
final class QRColourTests: XCTestCase {
    func testEveryThemeDrawsTheQRCodeDarkOnLight() throws {
        XCTAssertEqual(Set(shippedThemes.map(\.name)), ["default", "light", "projector", "colourblind", "mono"])
        for theme in shippedThemes {
            for depth in [ColourDepth.full, .eight] {
                let style = theme.resolve(.qr, depth: depth)
                // On an unknown terminal: its default text light and its background dark, as in the contrast tests.
                var modules = ThemeContrastTests.rgb(style.foreground, default: 7)
                var ground = ThemeContrastTests.rgb(style.background, default: 0)
                if style.attributes.contains(.reverse) { swap(&modules, &ground) }
                XCTAssertLessThan(ThemeContrastTests.luminance(modules), ThemeContrastTests.luminance(ground),
                                  "\(theme.name) at \(depth): the modules must be the darker")
                XCTAssertGreaterThanOrEqual(ThemeContrastTests.contrast(modules, ground), 7, "\(theme.name) at \(depth)")
            }
            XCTAssertEqual(theme.resolve(.qr, depth: .none).attributes, [.reverse], "\(theme.name) without colour")
        }
        XCTAssertEqual(Theme.plain.resolve(.qr, depth: .none).attributes, [.reverse], "the built-in fallback")
    }

    func testTheCodeIsDarkModulesWithALightQuietZone() throws {
        let modules: [[Bool]] = (0..<21).map { y in (0..<21).map { x in (x + y) % 3 == 0 } }
        let lines = QRBlocks.lines(modules)
        XCTAssertEqual(lines.count, 13)
        XCTAssertEqual(lines[0], String(repeating: " ", count: 25), "the top of the quiet zone is light: blank")
        XCTAssertTrue(lines.allSatisfy { $0.hasPrefix("  ") && $0.hasSuffix("  ") }, "two light modules each side")
        // Modules (x, y) with x + y a multiple of 3 are dark; rows 0 and 1 share the second line.
        XCTAssertEqual(Array(lines[1])[2], "▀", "(0,0) dark over (0,1) light: the upper half drawn")
        XCTAssertEqual(Array(lines[1])[3], " ", "(1,0) and (1,1) light: blank")
        XCTAssertEqual(Array(lines[1])[4], "▄", "(2,0) light over (2,1) dark: the lower half drawn")
    }
}
