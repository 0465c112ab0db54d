import Foundation
@testable import TerminalKit
import XCTest

final class DisplayWidthTests: XCTestCase {
    func testWidthsMatchTheTerminal() {
        XCTAssertEqual(DisplayWidth.of("a"), 1)
        XCTAssertEqual(DisplayWidth.of("─"), 1, "box drawing is one cell")
        XCTAssertEqual(DisplayWidth.of("█"), 1)
        XCTAssertEqual(DisplayWidth.of("健"), 2, "CJK is two cells")
        XCTAssertEqual(DisplayWidth.of("😀"), 2, "emoji are two cells")
        XCTAssertEqual(DisplayWidth.of("e\u{301}"), 1, "a combining accent adds no width")
        XCTAssertEqual(DisplayWidth.of("שלום"), 4, "right-to-left letters are one cell each")
        XCTAssertEqual(DisplayWidth.of("Café 健康"), 9)
    }

    func testTruncateKeepsWithinWidthAndMarksTheCut() {
        XCTAssertEqual(DisplayWidth.truncate("Joint needs assessment", to: 10), "Joint nee…")
        XCTAssertEqual(DisplayWidth.truncate("健康健康", to: 5), "健康…")
        XCTAssertEqual(DisplayWidth.truncate("short", to: 10), "short")
    }
}

final class WrapTests: XCTestCase {
    func testLongWordsAreCutIntoFullLinesWithNothingLost() {
        let word = String((0..<5_000).map { "abcdefghijklmnopqrstuvwxyz"[String.Index(utf16Offset: $0 % 26, in: "abcdefghijklmnopqrstuvwxyz")] })
        for width in [1, 7, 72] {
            let lines = Wrap.lines("start " + word + " end", width: width)
            XCTAssertEqual(lines.joined().replacingOccurrences(of: " ", with: ""), "start" + word + "end", "width \(width)")
            XCTAssertTrue(lines.allSatisfy { DisplayWidth.of($0) <= width }, "width \(width)")
            XCTAssertEqual(lines.dropFirst().dropLast().filter { $0.count != width }.count, 0)
        }
        // Wide characters are never split across a line end.
        XCTAssertEqual(Wrap.lines("日本語テキスト", width: 5), ["日本", "語テ", "キス", "ト"])
    }

    func testWrapsAtWordsAndBreaksLongWords() {
        XCTAssertEqual(Wrap.lines("the quick brown fox", width: 9), ["the quick", "brown fox"])
        XCTAssertEqual(Wrap.lines("abcdefghij", width: 4), ["abcd", "efgh", "ij"])
        XCTAssertEqual(Wrap.lines("one\n\ntwo", width: 10), ["one", "", "two"])
    }

    func testWrapCountsWideCharacters() {
        for line in Wrap.lines("健康 健康健康 健康", width: 6) { XCTAssertLessThanOrEqual(DisplayWidth.of(line), 6) }
    }
}

final class CanvasTests: XCTestCase {
    func testTextIsClippedToTheCanvasAndTheClip() {
        var canvas = Canvas(width: 10, height: 2)
        canvas.text("hello world", x: 5, y: 0)
        XCTAssertEqual(canvas.lines()[0], "     hello")
        canvas.clipped(to: Rect(x: 0, y: 1, width: 3, height: 1)) { $0.text("abcdef", x: 0, y: 1) }
        XCTAssertEqual(canvas.lines()[1], "abc")
        canvas.text("never", x: -3, y: 5)  // off the canvas: ignored, no crash
    }

    func testWideCharactersTakeTwoCells() {
        var canvas = Canvas(width: 6, height: 1)
        let used = canvas.text("a健b", x: 0, y: 0)
        XCTAssertEqual(used, 4)
        XCTAssertTrue(canvas[2, 0].isContinuation)
        XCTAssertEqual(canvas.lines()[0], "a健b")
        canvas.text("x", x: 2, y: 0)  // overwriting half a wide character blanks the other half
        XCTAssertEqual(canvas.lines()[0], "a xb")
    }

    func testAsciiCanvasTransliterates() {
        var canvas = Canvas(width: 20, height: 1, glyphs: .ascii)
        canvas.text("Café → “done” …", x: 0, y: 0)
        XCTAssertEqual(canvas.lines()[0], "Cafe > \"done\" ~")
    }

    func testRoleAndMonoLayers() throws {
        var canvas = Canvas(width: 4, height: 1)
        canvas.text("ab", x: 0, y: 0, role: .civic)
        canvas.text("c", x: 2, y: 0, role: .selection)
        XCTAssertEqual(canvas.roleLines(), ["CC#."])
        XCTAssertEqual(canvas.monoLines(theme: .plain), ["bbr."])
    }

    func testBoxAndBigDigits() {
        var canvas = Canvas(width: 12, height: 7)
        canvas.box(Rect(x: 0, y: 0, width: 12, height: 7), title: "Agreed")
        BigDigits.draw("4", x: 2, y: 1, role: .heat4, on: &canvas)
        let lines = canvas.lines()
        XCTAssertTrue(lines[0].hasPrefix("┌ Agreed "))
        XCTAssertEqual(lines[1], "│ █ █      │")
        XCTAssertEqual(lines[3], "│ ███      │")
    }

    func testTableShrinksColumnsToFit() {
        let columns = [TableColumn("Element", minWidth: 6, maxWidth: 30), TableColumn("Level", minWidth: 5)]
        let rows = [[TableCell("Joint needs assessment"), TableCell("3")]]
        let widths = Table.widths(columns, rows: rows, width: 20)
        XCTAssertEqual(widths.reduce(0, +) + 1, 20)
        var canvas = Canvas(width: 20, height: 2)
        Table.draw(columns, rows: rows, in: canvas.bounds, on: &canvas)
        XCTAssertEqual(canvas.lines()[1], "Joint needs a… 3")
    }
}

final class ThemeTests: XCTestCase {
    let themes = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Themes")

    func testAThemeFileOverTheLimitIsSkippedWithAMessage() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pit-themes-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.copyItem(at: themes.appendingPathComponent("default.yaml"), to: folder.appendingPathComponent("default.yaml"))
        let big = folder.appendingPathComponent("big.yaml")
        try Data(("name: big\n# " + String(repeating: "x", count: ThemeLoader.maxFileBytes) + "\n").utf8).write(to: big)
        let (loaded, errors) = ThemeLoader.loadAll(from: folder)
        XCTAssertEqual(loaded.map(\.name), ["default"])
        XCTAssertEqual(errors.count, 1)
        XCTAssertEqual(errors.first?.file, big.path)
        XCTAssertTrue(errors.first?.message.contains("1 MiB") ?? false, "\(errors)")
    }

    func testShippedThemesLoadAndCoverEveryRole() {
        let (loaded, errors) = ThemeLoader.loadAll(from: themes)
        XCTAssertEqual(errors, [])
        XCTAssertEqual(loaded.map(\.name), ["default", "light", "projector", "colourblind", "mono"])
        for theme in loaded {
            for role in Role.allCases { XCTAssertNotNil(theme.styles[role], "\(theme.name) lacks \(role.name)") }
        }
    }

    func testDepthsResolve() throws {
        let theme = try ThemeLoader.parse("name: t\nroles:\n  civic: { fg: 208, attrs: [bold] }\n  selection: { fg: 16, bg: 229, mono: [reverse] }\n", file: "t.yaml")
        XCTAssertEqual(theme.resolve(.civic, depth: .full).foreground, .indexed(208))
        XCTAssertEqual(theme.resolve(.civic, depth: .eight).foreground, .indexed(3), "orange falls back to yellow")
        XCTAssertEqual(theme.resolve(.selection, depth: .none), ResolvedStyle(foreground: .terminalDefault, background: .terminalDefault, attributes: .reverse))
    }

    /// Theme files go through the same YAML walk as instrument files, so their mistakes
    /// read the same way: file:line:column, pointing at the key or value to fix.
    func testThemeErrorsNameFileLineAndColumnAsInstrumentsDo() {
        func expect(_ text: String, _ start: String, line: UInt = #line) {
            let said: String
            do { _ = try ThemeLoader.parse(text, file: "t.yaml"); said = "parsed" } catch { said = "\(error)" }
            XCTAssertTrue(said.hasPrefix(start), said, line: line)
        }
        expect("name: t\nroles:\n  civic: { fg: 208 }\n  civc: { fg: 1 }\n", "t.yaml:4:3: unknown role `civc`")
        expect("name: t\nroles:\n  civic: { fg: orange }\n", "t.yaml:3:16: `fg` of `civic`")
        expect("name: t\nroles:\n  civic: { fg: 1, attrs: [bold, blink] }\n", "t.yaml:3:33: unknown attribute `blink`")
        expect("name: t\nroles:\n  civic: {fg: 1\n", "t.yaml:4:1: not valid YAML")
        expect("name: t\n", "t.yaml:1:1: a theme is missing `roles`")
        expect("", "t.yaml:1:1: the file is empty")
    }

    /// Like an instrument file: a misspelt key is named, not ignored, and every problem in
    /// the file is listed, so one run shows the author all there is to fix.
    func testEveryProblemInAThemeFileIsListedWithUnknownKeys() {
        let text = "name: t\ndescripton: Mine\nroles:\n  civic: { fg: redd }\n  bogus: { fg: 1 }\n"
        let (theme, problems) = ThemeLoader.read(text, file: "t.yaml")
        XCTAssertNil(theme)
        XCTAssertEqual(problems.map { "\($0.line ?? 0):\($0.column ?? 0)" }, ["2:1", "4:16", "5:3"])
        guard problems.count == 3 else { return }
        XCTAssertTrue(problems[0].message.hasPrefix("unknown key `descripton` in a theme"), problems[0].message)
        XCTAssertTrue(problems[1].message.hasPrefix("`fg` of `civic` must be default"), problems[1].message)
        XCTAssertTrue(problems[2].message.hasPrefix("unknown role `bogus`"), problems[2].message)
        XCTAssertTrue(problems[0].message.contains("expected one of: description, name, roles"), problems[0].message)
    }

    func testAttributesNotWrittenAsAListSayToWriteAList() {
        for attrs in ["{bold: true}", "bold underline", "\"bold, underline\""] {
            let (_, problems) = ThemeLoader.read("name: t\nroles:\n  civic:\n    attrs: \(attrs)\n", file: "t.yaml")
            XCTAssertEqual(problems.map(\.description), ["t.yaml:4:12: `attrs` of `civic` must be a list such as [bold, underline]"], attrs)
        }
        let (theme, problems) = ThemeLoader.read("name: t\nroles:\n  civic: { attrs: bold, mono: [bold, underline] }\n", file: "t.yaml")
        XCTAssertEqual(problems, [])
        XCTAssertEqual(theme?.styles[.civic]?.attributes, .bold, "one attribute may stand alone")
    }

    func testTwoThemesWithOneNameAreReportedAndTheFirstKept() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pit-themes-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let original = themes.appendingPathComponent("default.yaml")
        try FileManager.default.copyItem(at: original, to: folder.appendingPathComponent("default.yaml"))
        try FileManager.default.copyItem(at: original, to: folder.appendingPathComponent("t_dupname.yaml"))
        let (loaded, errors) = ThemeLoader.loadAll(from: folder)
        XCTAssertEqual(loaded.map(\.name), ["default"])
        XCTAssertEqual(errors.map(\.description), [
            folder.appendingPathComponent("t_dupname.yaml").path + ":1:1: the theme name `default` is already used by "
                + folder.appendingPathComponent("default.yaml").path + "; give this one another `name`",
        ])
    }

    /// A theme kept elsewhere and linked into the folder is read; a link to nothing, a link
    /// that loops, or a folder named like a theme, is named as such; hidden files (backups, locks) are not read.
    func testLinkedThemesAreReadAndHiddenFilesSkipped() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pit-themes-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("dir.yaml"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let light = themes.appendingPathComponent("light.yaml")
        try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("light.yaml").path, withDestinationPath: light.path)
        try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("gone.yaml").path, withDestinationPath: "/nonexistent/gone.yaml")
        try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("loop.yaml").path, withDestinationPath: "loop.yaml")
        try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent(".#light.yaml").path, withDestinationPath: "fran@host.1234")
        try FileManager.default.copyItem(at: light, to: folder.appendingPathComponent(".backup.yaml"))
        let (loaded, errors) = ThemeLoader.loadAll(from: folder)
        XCTAssertEqual(loaded.map(\.name), ["light"])
        XCTAssertEqual(errors.map(\.description), [
            folder.appendingPathComponent("dir.yaml").path + ": it is a folder, not a regular file; pit reads only regular files (a symbolic link to one is fine)",
            folder.appendingPathComponent("gone.yaml").path + ": it is a symbolic link to /nonexistent/gone.yaml, which does not exist; fix the link or remove it",
            folder.appendingPathComponent("loop.yaml").path + ": it is a symbolic link to loop.yaml that loops back on itself (ELOOP), so it leads to no file; point it at a real file or remove it",
        ])
    }

    func testThemeErrorsNameTheLine() {
        XCTAssertThrowsError(try ThemeLoader.parse("name: t\nroles:\n  civic: { fg: 208 }\n  civc: { fg: 1 }\n", file: "t.yaml")) { error in
            XCTAssertEqual((error as? ThemeError)?.line, 4)
            XCTAssertTrue("\(error)".contains("unknown role `civc`"))
        }
        XCTAssertThrowsError(try ThemeLoader.parse("name: t\nroles:\n  civic: { fg: orange }\n", file: "t.yaml")) { error in
            XCTAssertEqual((error as? ThemeError)?.line, 3)
        }
    }
}
