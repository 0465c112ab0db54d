import ArgumentParser
@testable import pit
import XCTest

/// `pit`, `pit home` and `pit open FILE` start without a parse; they must start exactly as
/// the parse would have.
final class QuickStartTests: XCTestCase {
    func testOnlyTheThreeEverydayFormsSkipTheParse() {
        XCTAssertEqual(QuickStart(arguments: []), .home)
        XCTAssertEqual(QuickStart(arguments: ["home"]), .home)
        XCTAssertEqual(QuickStart(arguments: ["open", "workshop.pit"]), .open(file: "workshop.pit"))
        XCTAssertEqual(QuickStart(arguments: ["open", "my workshop.pit"]), .open(file: "my workshop.pit"))
        for parsed in [["open"], ["open", ""], ["open", "a.pit", "b.pit"], ["open", "a.pit", "--theme", "mono"],
                       ["open", "--help"], ["home", "extra"], ["home", "--port", "9000"], ["--version"], ["demo"],
                       ["open", "-"], ["report", "a.pit"], ["help"]] {
            XCTAssertNil(QuickStart(arguments: parsed), "\(parsed) must take the full parse")
        }
    }

    func testItsDefaultsAreTheParsedDefaults() throws {
        XCTAssertEqual(try GlobalOptions.parse([]).settings, FrameworkSettings())
        XCTAssertEqual(try RoomOptions.parse([]).place, RoomPlace())
        let open = try OpenCommand.parse(["workshop.pit"])
        XCTAssertEqual(open.options.settings, FrameworkSettings())
        XCTAssertEqual(open.roomOptions.place, RoomPlace())
        XCTAssertNil(open.author)
        XCTAssertFalse(open.room)
        let home = try HomeCommand.parse([])
        XCTAssertEqual(home.options.settings, FrameworkSettings())
        XCTAssertEqual(home.roomOptions.place, RoomPlace())
    }
}

/// `pit help WORDS` for a command that is not there is a usage error naming it.
final class HelpTopicTests: XCTestCase {
    func testAnUnknownCommandAfterHelpIsNamed() throws {
        let root = try XCTUnwrap(Pit.unknownHelpTopic(["help", "nosuch"]))
        XCTAssertTrue(root.hasPrefix("there is no command `pit nosuch`; the commands of `pit` are home, new, open"), root)
        let nested = try XCTUnwrap(Pit.unknownHelpTopic(["help", "instruments", "nosuch"]))
        XCTAssertTrue(nested.contains("`pit instruments nosuch`; the commands of `pit instruments` are list, show, validate"), nested)
        let leaf = try XCTUnwrap(Pit.unknownHelpTopic(["help", "report", "extra"]))
        XCTAssertEqual(leaf, "there is no command `pit report extra`. See `pit report --help`")
        for known in [["help"], ["help", "report"], ["help", "instruments", "validate"], ["report", "help"], ["open", "nosuch"]] {
            XCTAssertNil(Pit.unknownHelpTopic(known), "\(known)")
        }
    }
}
