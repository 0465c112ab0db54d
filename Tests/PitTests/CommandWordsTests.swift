@testable import pit
import XCTest

/// `pit WORD` that names no command, and `pit help help`, answered before the parse.
final class CommandWordsTests: XCTestCase {
    func testTheNearestCommandIsOfferedOnlyWhenClose() {
        let names = CommandWords.names
        XCTAssertEqual(CommandWords.nearest(to: "opne", among: names), "open", "a swap of neighbours is one edit")
        XCTAssertEqual(CommandWords.nearest(to: "reprot", among: names), "report")
        XCTAssertEqual(CommandWords.nearest(to: "rpeotr", among: names), "report", "two swaps are two edits, not four")
        XCTAssertEqual(CommandWords.nearest(to: "instrument", among: names), "instruments")
        XCTAssertEqual(CommandWords.nearest(to: "THEMES", among: names), "themes")
        XCTAssertNil(CommandWords.nearest(to: "nosuch", among: names))
        XCTAssertNil(CommandWords.nearest(to: "x", among: names), "one letter is mostly changed from any name")
    }

    func testOnlyAFirstWordThatIsNoCommandIsAnswered() {
        for answered in [["nosuch"], ["opne", "a.pit"], ["nosuch", "--theme", "mono"]] {
            XCTAssertNotNil(CommandWords.unknownCommand(answered), "\(answered)")
        }
        for parsed in [[], ["open", "a.pit"], ["help"], ["help", "nosuch"], ["--version"], ["--theme", "mono"], ["instruments", "nosuch"]] {
            XCTAssertNil(CommandWords.unknownCommand(parsed), "\(parsed) goes to the parse")
        }
        XCTAssertEqual(CommandWords.unknownCommand(["opne"]),
                       "there is no command `pit opne`; did you mean `pit open`?\nThe commands are "
                       + CommandWords.names.joined(separator: ", ") + ". See `pit --help`, or `pit help COMMAND`.")
    }

    func testHelpForHelp() {
        XCTAssertTrue(CommandWords.asksHelpForHelp(["help", "help"]))
        XCTAssertTrue(CommandWords.asksHelpForHelp(["help", "--no-bell", "help"]))
        XCTAssertFalse(CommandWords.asksHelpForHelp(["help", "report"]))
        XCTAssertFalse(CommandWords.asksHelpForHelp(["help"]))
        XCTAssertFalse(CommandWords.asksHelpForHelp(["report", "help"]))
        let lines = CommandWords.helpForHelp.split(separator: "\n", omittingEmptySubsequences: false)
        XCTAssertTrue(lines.allSatisfy { $0.count <= 79 }, "wrapped as the rest of pit's help: \(lines.map(\.count))")
        XCTAssertTrue(CommandWords.helpForHelp.contains("room"), "every command is named")
    }
}
