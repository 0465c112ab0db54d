import Foundation
import SessionEngine
import TerminalKit
@testable import Workshop
import XCTest

/// Where the export form writes a report, and what it says when it cannot.
final class ExportPromptTests: XCTestCase {
    func app(_ scratch: ScratchSession) -> App { appOn(scratch, stack: [MatrixScreen()]) }

    func testAReportWithNoNameGoesBesideTheSession() throws {
        let scratch = try ScratchSession(groups: fourGroups)
        var app = app(scratch)
        app.type("e"); app.type("md"); app.press(.enter); app.press(.enter)
        let report = scratch.folder.appendingPathComponent("s-report.md").path
        XCTAssertTrue(FileManager.default.fileExists(atPath: report))
        XCTAssertEqual(app.context.message, "Exported \(report)")
    }

    func testAThrownAwayDemosReportGoesToItsReportsFolder() throws {
        // The demo's own folder is removed when pit ends; its report must not go with it.
        let scratch = try ScratchSession(groups: fourGroups)
        let started = FileManager.default.temporaryDirectory.appendingPathComponent("pit-started-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: started, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: started) }
        var app = app(scratch)
        app.context.session?.reportsFolder = started.path
        app.type("e")
        XCTAssertTrue(app.render(size: Size(width: 80, height: 24)).contains("leave empty for ./s-report.FORMAT"), "the form says where")
        app.type("md"); app.press(.enter); app.press(.enter)
        XCTAssertTrue(FileManager.default.fileExists(atPath: started.appendingPathComponent("s-report.md").path))
        XCTAssertFalse(FileManager.default.fileExists(atPath: scratch.folder.appendingPathComponent("s-report.md").path))
    }

    func testAFolderThatIsNotThereIsNamed() throws {
        let scratch = try ScratchSession(groups: fourGroups)
        var app = app(scratch)
        let missing = scratch.folder.appendingPathComponent("nodir").path
        app.type("e"); app.type("md"); app.press(.enter)
        app.type(missing + "/r.md"); app.press(.enter)
        XCTAssertTrue(app.top is PromptScreen, "the form stays open")
        XCTAssertEqual((app.top as? PromptScreen)?.error, "There is no folder \(missing); name a file in a folder that exists")
    }

    func testATildeIsTheHomeFolderAsTheShellSaysIt() throws {
        // $HOME, not the password file's home: they differ under sudo and in containers,
        // and the report went to the other folder.
        let scratch = try ScratchSession(groups: fourGroups)
        let saved = getenv("HOME").map { String(cString: $0) }
        setenv("HOME", scratch.folder.path, 1)
        defer { if let saved { setenv("HOME", saved, 1) } else { unsetenv("HOME") } }
        var app = app(scratch)
        app.type("e"); app.type("md"); app.press(.enter)
        app.type("~/mine.md"); app.press(.enter)
        let report = scratch.folder.appendingPathComponent("mine.md").path
        XCTAssertTrue(FileManager.default.fileExists(atPath: report), app.context.message ?? "")
        XCTAssertEqual(app.context.message, "Exported \(report)")
        XCTAssertEqual(HomePath.expand("~other/x.md"), "~other/x.md", "another user's folder is left as typed")
    }
}
