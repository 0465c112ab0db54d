import Foundation
@testable import pit
import SessionEngine
import Workshop
import XCTest

/// The home screen's items replace the open session: past a change that was not saved,
/// the first try says so and a second goes on, as quitting does.
final class LeavingUnsavedTests: XCTestCase {
    func testOpeningAnotherSessionPastARefusedChangeAsksFirst() throws {
        let folder = try privateStateFolder("pit-leave")
        let groups = [Group(id: "g", name: "Group", sector: .other)]
        let first = folder.appendingPathComponent("first.pit"), second = folder.appendingPathComponent("second.pit")
        let backup = folder.appendingPathComponent("backup.pit")
        try SessionStore.create(at: first, info: SessionInfo(title: "First"), groups: groups, author: "t", scales: [:]).close()
        try SessionStore.create(at: second, info: SessionInfo(title: "Second"), groups: groups, author: "t", scales: [:]).close()
        try FileManager.default.copyItem(at: first, to: backup)

        let context = try makeContext(FrameworkSettings(), catalogueWhenNeeded: true)
        let launcher = HomeLauncher(context: context, author: "t")
        guard case .pushAll = launcher.start(.open(first.path)) else { return XCTFail(context.message ?? "first did not open") }
        try context.session!.store.append(.noteAdded(id: "n1", element: ElementRef(instrument: "tool-a", element: "leadership"), text: "x"), author: "t")
        // A backup copied over the open file: the look finds it, and the session says NOT SAVED.
        let handle = try FileHandle(forWritingTo: first)
        try handle.truncate(atOffset: 0)
        try handle.write(contentsOf: try Data(contentsOf: backup))
        try handle.close()
        XCTAssertTrue(context.refreshSession(), "the screens are not redrawn to say so")
        XCTAssertTrue(context.message?.contains("another file was put in its place") == true, context.message ?? "nothing said")
        XCTAssertTrue(context.session!.writeFailed)

        guard case .stay = launcher.start(.open(second.path)) else { return XCTFail("left the session past its refused change unasked") }
        XCTAssertEqual(context.session?.store.path, first.path)
        XCTAssertTrue(context.message?.contains("choose this again to leave it unsaved") == true, context.message ?? "nothing said")
        XCTAssertTrue(launcher.leftUnsaved.isEmpty)
        guard case .pushAll = launcher.start(.open(second.path)) else { return XCTFail("the second try did not go on") }
        XCTAssertEqual(context.session?.store.path, second.path)
        // Kept for the shell when pit ends: written to standard error now, it would land
        // in the middle of the screens.
        XCTAssertEqual(launcher.leftUnsaved.count, 1)
        let lost = try XCTUnwrap(launcher.leftUnsaved.first)
        XCTAssertTrue(lost.message.contains("the last change was not saved in \(first.path)"), lost.message)
        XCTAssertFalse(lost.message.contains("Quit, and open"), "the shell is given the screens' advice: \(lost.message)")
        XCTAssertEqual(lost.status, .ioError, "a replaced file is no passing refusal")
    }
}
