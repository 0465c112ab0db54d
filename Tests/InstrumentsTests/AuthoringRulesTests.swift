import Foundation
@testable import Instruments
import XCTest

/// What the catalogue reads from a folder, and how it names what it will not read.
final class InstrumentFolderTests: XCTestCase {
    private func write(_ text: String, to url: URL) throws { try Data(text.utf8).write(to: url) }

    private func mini(id: String = "mini") -> String { ValidatorTests.valid.replacingOccurrences(of: "id: mini", with: "id: \(id)") }

    /// Instruments kept in a repository and linked into the folder are read; a link to
    /// nothing (an editor's lock, a moved file) is named as such, and a FIFO still refused.
    func testALinkedInstrumentIsReadAndADanglingLinkNamed() throws {
        let store = try temporaryFolder(), folder = try temporaryFolder()
        try write(mini(), to: store.appendingPathComponent("mini.yaml"))
        try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("mini.yaml").path,
                                                   withDestinationPath: store.appendingPathComponent("mini.yaml").path)
        try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("gone.yaml").path, withDestinationPath: "../nowhere.yaml")
        XCTAssertEqual(mkfifo(folder.appendingPathComponent("pipe.yaml").path, 0o600), 0)
        let catalogue = try Catalogue.load(shipped: assessments, extra: [folder])
        XCTAssertNotNil(catalogue.instrument("mini"), catalogue.problems.map(\.description).joined(separator: "\n"))
        XCTAssertEqual(catalogue.problems.map(\.description), [
            folder.appendingPathComponent("gone.yaml").path + ":1:1: it is a symbolic link to ../nowhere.yaml, which does not exist; fix the link or remove it",
            folder.appendingPathComponent("pipe.yaml").path + ":1:1: it is a FIFO (named pipe), not a regular file; pit reads only regular files (a symbolic link to one is fine)",
        ])
    }

    /// Only the shipped folder's triangle.yaml describes the triangle; in a user folder it is
    /// an instrument like any other. Hidden files are not read; `.YAML` is.
    func testAUserTriangleFileIsAnInstrumentAndHiddenFilesAreSkipped() throws {
        let folder = try temporaryFolder()
        try write(mini(id: "tri"), to: folder.appendingPathComponent("triangle.yaml"))
        try write(mini(id: "upper"), to: folder.appendingPathComponent("upper.YAML"))
        try write(mini(id: "hidden"), to: folder.appendingPathComponent(".backup.yaml"))
        try write("not: [valid", to: folder.appendingPathComponent(".#upper.YAML"))
        let catalogue = try Catalogue.load(shipped: assessments, extra: [folder])
        XCTAssertEqual(catalogue.problems, [])
        XCTAssertNotNil(catalogue.instrument("tri"))
        XCTAssertNotNil(catalogue.instrument("upper"))
        XCTAssertNil(catalogue.instrument("hidden"))
    }

    /// A folder named twice, in two spellings or through a link, or the shipped folder given
    /// again, is read once: no file clashes with itself.
    func testAFolderNamedTwiceIsReadOnce() throws {
        let folder = try temporaryFolder(), links = try temporaryFolder()
        try write(mini(), to: folder.appendingPathComponent("mini.yaml"))
        let link = links.appendingPathComponent("again")
        try FileManager.default.createSymbolicLink(atPath: link.path, withDestinationPath: folder.path)
        let extra = [folder, URL(fileURLWithPath: folder.path + "/"), link, URL(fileURLWithPath: folder.path + "/../" + folder.lastPathComponent),
                     assessments]
        let catalogue = try Catalogue.load(shipped: assessments, extra: extra)
        XCTAssertEqual(catalogue.problems, [], catalogue.problems.map(\.description).joined(separator: "\n"))
        XCTAssertEqual(catalogue.instruments.count, try Catalogue.load(shipped: assessments).instruments.count + 1)
        XCTAssertEqual(Catalogue.distinctFolders(shipped: assessments, extra: extra), [assessments, folder])
    }

    /// An overlap with another instrument that is not there skips the file, as every other
    /// mistake does, and the problem points at the `see:` that names it.
    func testAStrandedOverlapSkipsTheFileAndNamesItsLine() throws {
        let folder = try temporaryFolder()
        let text = GuidanceValidatorTests.valid.replacingOccurrences(of: "{ see: two,", with: "{ see: nosuch/elem,")
        let file = folder.appendingPathComponent("mini.yaml")
        try write(text, to: file)
        // Another instrument that leans on this one is skipped with it.
        let leaning = GuidanceValidatorTests.valid.replacingOccurrences(of: "id: mini", with: "id: leaning")
            .replacingOccurrences(of: "{ see: two,", with: "{ see: mini/one,")
        try write(leaning, to: folder.appendingPathComponent("leaning.yaml"))
        let catalogue = try Catalogue.load(shipped: assessments, extra: [folder])
        XCTAssertNil(catalogue.instrument("mini"))
        XCTAssertNil(catalogue.instrument("leaning"))
        let lines = text.components(separatedBy: "\n")
        let line = try XCTUnwrap(lines.firstIndex { $0.contains("see: nosuch/elem") }) + 1
        let column = try XCTUnwrap(lines[line - 1].range(of: "nosuch")).lowerBound.utf16Offset(in: lines[line - 1]) + 1
        XCTAssertEqual(catalogue.problems.map(\.description), [
            "\(file.path):\(line):\(column): element `one` overlaps `nosuch/elem`, but no instrument `nosuch` is loaded; correct the id, install that instrument, or remove the overlap",
            "\(folder.appendingPathComponent("leaning.yaml").path):\(line):\(column): element `one` overlaps `mini/one`, but no instrument `mini` is loaded; correct the id, install that instrument, or remove the overlap",
        ])
        // The position survives the cache.
        let cached = try CatalogueCache.load(shipped: assessments, extra: [folder], directory: try temporaryFolder(), build: "b")
        XCTAssertEqual(cached.problems, catalogue.problems)
    }
}

/// Texts shown on one line, `short` measured in screen columns, and the element id rule.
final class OneLineTextTests: XCTestCase {
    func problems(_ old: String, _ new: String) -> [String] {
        XCTAssertTrue(ValidatorTests.valid.contains(old), old)
        return InstrumentParser.parse(ValidatorTests.valid.replacingOccurrences(of: old, with: new), file: "mini.yaml").problems.map(\.description)
    }

    func testLineBreaksAndControlCharactersAreRefusedWhereTheyStand() {
        XCTAssertEqual(problems("title: Mini tool", "title: \"Mini\\ntool\""),
                       ["mini.yaml:4:8: `title` holds a line break; it is shown on one line, so write it as one line of plain text"])
        XCTAssertEqual(problems("short: Mini", "short: \"Mi\\eni\""),
                       ["mini.yaml:5:8: `short` holds the control character U+001B; it is shown on one line, so write it as one line of plain text"])
        XCTAssertEqual(problems("title: Second", "title: |\n      Sec\n      ond"),
                       ["mini.yaml:20:12: `title` of element `two` holds a line break; it is shown on one line, so write it as one line of plain text"])
        XCTAssertEqual(problems("title: Mini tool", "title: >\n  Mini\n  tool"), [], "a folded text is one line")
    }

    func testShortIsMeasuredInScreenColumns() {
        XCTAssertEqual(problems("short: Mini", "short: 健康健康健康健康健康健康健康健康"),
                       ["mini.yaml:5:8: `short` takes 32 columns on screen; keep it to 16 so it fits narrow screens (a CJK character or emoji takes two)"])
        XCTAssertEqual(problems("short: Mini", "short: 健康健康健康健康"), [])
        XCTAssertEqual(problems("short: Mini", "short: Y tế công cộng…"), [], "accented Latin and punctuation take one column each")
        XCTAssertEqual(problems("short: Mini", "short: Sixteen characters"), [
            "mini.yaml:5:8: `short` takes 18 columns on screen; keep it to 16 so it fits narrow screens (a CJK character or emoji takes two)",
        ])
    }

    func testElementIdsFollowTheInstrumentIdRule() {
        XCTAssertEqual(problems("  - id: one\n", "  - id: element one\n"), [
            "mini.yaml:9:9: element id `element one` may use only lowercase letters, digits and '-', as instrument ids do",
            "mini.yaml:29:12: element `two` links to `one`, which is not an element of this instrument",
        ])
        XCTAssertEqual(problems("  - id: two\n", "  - id: Two\n").first,
                       "mini.yaml:19:9: element id `Two` may use only lowercase letters, digits and '-', as instrument ids do")
        XCTAssertEqual(problems("  - id: two\n", "  - id: a/b\n").first,
                       "mini.yaml:19:9: element id `a/b` may use only lowercase letters, digits and '-', as instrument ids do")
    }
}

/// The YAML slips authors make most get a fix in their own words, at the real place.
final class YAMLHintTests: XCTestCase {
    func problems(_ old: String, _ new: String) -> [String] {
        XCTAssertTrue(ValidatorTests.valid.contains(old), old)
        return InstrumentParser.parse(ValidatorTests.valid.replacingOccurrences(of: old, with: new), file: "mini.yaml").problems.map(\.description)
    }

    static let rule = "text that contains `: ` or starts with # @ ` ' & * ! % { or [ must be put in double quotes"

    func testTextThatYAMLReadsAsSyntaxIsToldToBeQuoted() {
        XCTAssertEqual(problems("title: First", "title: Step 1: leadership"),
                       ["mini.yaml:10:18: not valid YAML: mapping values are not allowed in this context; \(Self.rule): title: \"Step 1: leadership\""])
        XCTAssertEqual(problems("good: It is done well.\n    levels:\n      1: Not done.\n      3: Half done.\n      5: Done well.\n    questions:\n      - Is it done?\n  - id: two",
                                "good: @home\n    levels:\n      1: Not done.\n      3: Half done.\n      5: Done well.\n    questions:\n      - Is it done?\n  - id: two"),
                       ["mini.yaml:12:11: not valid YAML: found character that cannot start any token; \(Self.rule): good: \"@home\""])
        XCTAssertEqual(problems("focus: Is the first thing done?", "focus: 'it's there'"),
                       ["mini.yaml:11:16: not valid YAML: did not find expected key; \(Self.rule): focus: \"'it's there'\""])
        XCTAssertEqual(problems("focus: Is the first thing done?", "focus: #1 is it there?"),
                       ["mini.yaml:11:11: `focus` of element `one` must be non-empty text; a `#` after a space begins a comment, so the text was read as empty: \(Self.rule): focus: \"#1 is it there?\""])
    }

    func testAnUnclosedListGetsNoQuotingHint() {
        let found = problems("links: [one]", "links: [one")
        XCTAssertEqual(found.count, 1)
        XCTAssertFalse(found[0].contains("double quotes"), found[0])
    }

    /// libyaml's reader refuses a NUL before parsing; its place is given as line:column.
    func testANulByteIsReportedAtItsLineAndColumnOnOneLine() {
        XCTAssertEqual(problems("title: Mini tool", "title: Mini\u{0}tool"),
                       ["mini.yaml:4:12: not valid YAML: control characters are not allowed (U+0000); remove it (a text pit shows never holds one)"])
    }
}
