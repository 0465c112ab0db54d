import Escaping
import XCTest
import SessionEngine
@testable import Room

final class LiveRoomTests: XCTestCase {
    func testJoiningNeedsTheCodeAndAGroupThatExists() async throws {
        let f = try RoomFixture()
        let wrong = await f.room.join(code: "ABC235", group: "g1", client: "x")
        XCTAssertEqual(wrong, .wrongCode)
        let noGroup = await f.room.join(code: "ABC234", group: "nope", client: "x")
        XCTAssertEqual(noGroup, .noSuchGroup)
        let a = try await f.join("g1"), b = try await f.join("g1")
        XCTAssertNotEqual(a.token, b.token)
        XCTAssertEqual(a.author, "City Council device 1")
        XCTAssertEqual(b.author, "City Council device 2")
        XCTAssertEqual(f.room.status().groups.first { $0.groupID == "g1" }?.devices, 2)
    }

    /// One browser is one device: scanning the QR code again and picking the same group
    /// keeps its device; picking another moves it there.
    func testAJoinFromABrowserThatIsAlreadyADeviceKeepsThatDevice() async throws {
        let f = try RoomFixture()
        let first = try await f.join("g1")
        let again = await f.room.join(code: "ABC234", group: "g1", client: "10.0.0.5", current: first.token)
        XCTAssertEqual(again, .joined(first))
        XCTAssertEqual(f.room.status().groups.first { $0.groupID == "g1" }?.devices, 1)
        XCTAssertEqual(f.room.status().recent, ["City Council device 1 joined"])
        guard case .joined(let moved) = await f.room.join(code: "ABC234", group: "g2", client: "10.0.0.5", current: first.token) else {
            return XCTFail("no device for the other group")
        }
        XCTAssertEqual(moved.author, "NHS Trust device 1")
        XCTAssertEqual(f.room.standing(first.token), .unknown, "the browser's first device left")
        XCTAssertEqual(f.room.status().groups.map(\.devices), [0, 1, 0, 0])
        XCTAssertEqual(f.room.status().recent.suffix(2), ["City Council device 1 left", "NHS Trust device 1 joined"])
        f.room.release(group: "g2")
        guard case .joined(let fresh) = await f.room.join(code: "ABC234", group: "g2", client: "10.0.0.5", current: moved.token) else {
            return XCTFail("a released device could not join again")
        }
        XCTAssertNotEqual(fresh.token, moved.token, "a released device joins as a new one")
    }

    func testWrongCodesAreRateLimitedEvenBeforeTheRightOne() async throws {
        let f = try RoomFixture()
        for _ in 0..<5 {
            let check = await f.room.check(code: "ZZZZZZ", client: "10.0.0.9")
            XCTAssertEqual(check, .wrong)
        }
        let limited = await f.room.join(code: "ABC234", group: "g1", client: "10.0.0.9")
        XCTAssertEqual(limited, .tooManyTries(waitSeconds: 60))
        let other = try? await f.join("g1", client: "10.0.0.10")
        XCTAssertNotNil(other, "another device is not held up")
        f.clock.advance(61)
        let later = await f.room.check(code: "ABC234", client: "10.0.0.9")
        XCTAssertEqual(later, .right)
    }

    /// Many addresses guessing together slow every check down to one at a time, but a
    /// device that has not guessed wrong itself still gets in with the right code.
    func testAfterManyWrongCodesInTheRoomARightCodeIsSlowedNotRefused() async throws {
        let f = try RoomFixture()
        for address in 0..<12 {
            for _ in 0..<5 {
                let check = await f.room.check(code: "ZZZZZZ", client: "10.0.2.\(address)")
                XCTAssertEqual(check, .wrong)
            }
        }
        XCTAssertEqual(f.pauses.all, [], "sixty wrong codes in a minute are checked at once")
        let newcomer = await f.room.join(code: "ABC234", group: "g1", client: "10.0.3.1")
        guard case .joined = newcomer else { return XCTFail("a right code from a new address was refused: \(newcomer)") }
        // Guessing goes on from fresh addresses, each with its first guess: one check a second.
        for address in 0..<10 {
            let check = await f.room.check(code: "ZZZZZZ", client: "10.0.4.\(address)")
            XCTAssertEqual(check, .wrong)
        }
        XCTAssertEqual(f.pauses.all, Array(repeating: 1, count: 10), "each check waited its turn")
        let late = await f.room.join(code: "ABC234", group: "g2", client: "10.0.3.2")
        guard case .joined = late else { return XCTFail("a right code was refused: \(late)") }
    }

    func testAScoreIsAnOrdinaryEventCommittedBeforeSaved() async throws {
        let f = try RoomFixture()
        let device = try await f.join("g2")
        let before = try f.storedEvents().count
        guard case .saved(let view) = await f.room.score(token: device.token, element: "tool-a/leadership", answer: "4") else {
            return XCTFail("not saved")
        }
        XCTAssertEqual(view.myAnswer, .level(4))
        let events = try f.storedEvents()
        XCTAssertEqual(events.count, before + 1)
        XCTAssertEqual(events.last?.author, "NHS Trust device 1")
        XCTAssertEqual(events.last?.payload, .scoreRecorded(group: "g2", element: RoomFixture.element, answer: .level(4), note: nil))
        // The facilitator's own connection sees it like any other score. Undo belongs to the
        // author (the device), not to the facilitator, whose `x` clears a score instead.
        try f.facilitator.refreshIfChanged()
        XCTAssertEqual(f.facilitator.state.score(group: "g2", element: RoomFixture.element)?.answer, .level(4))
        _ = try f.facilitator.undoLast(author: "Fran")
        XCTAssertEqual(f.room.view(for: device.token)?.myAnswer, .level(4), "the facilitator's undo leaves the device's score")
        XCTAssertNotNil(try f.facilitator.undoLast(author: "NHS Trust device 1"))
        XCTAssertNil(f.room.view(for: device.token)?.myAnswer)
    }

    func testDontKnowIsItsOwnAnswerFromADevice() async throws {
        let f = try RoomFixture()
        let device = try await f.join("g2")
        guard case .saved(let view) = await f.room.score(token: device.token, element: "tool-a/leadership", answer: "dk") else {
            return XCTFail("don't know was not saved")
        }
        XCTAssertEqual(view.myAnswer, .dontKnow)
        XCTAssertEqual(try f.storedEvents().last?.payload,
                       .scoreRecorded(group: "g2", element: RoomFixture.element, answer: .dontKnow, note: nil))
        XCTAssertTrue(Pages.deviceMain(view).contains(Escape.html("Your answer: don't know")))
        try f.facilitator.append(.revealed(RoomFixture.element), author: "Fran")
        let shown = try XCTUnwrap(f.room.view(for: device.token))
        XCTAssertEqual(shown.spread?.first { $0.answer == .dontKnow }?.count, 1)
        XCTAssertEqual(shown.spread?.first { $0.answer == .notApplicable }?.count, 0)
    }

    func testHostileScoresAreRefusedWithAClearStatusAndNothingStored() async throws {
        let f = try RoomFixture()
        let device = try await f.join("g1")
        let before = try f.storedEvents().count
        func refused(_ outcome: LiveRoom.ScoreOutcome) -> Int? {
            if case .refused(let status, _) = outcome { return status }
            return nil
        }
        for answer in ["0", "6", "-1", "99999999999999999999", "3.5", "", "<script>alert(1)</script>", "NA", "na "] {
            let outcome1 = await f.room.score(token: device.token, element: "tool-a/leadership", answer: answer)
            XCTAssertEqual(refused(outcome1), 422, answer)
        }
        let outcome2 = await f.room.score(token: device.token, element: "tool-a/needs-assessment", answer: "3")
        XCTAssertEqual(refused(outcome2), 409)
        let outcome3 = await f.room.score(token: device.token, element: "<b>tool-a</b>", answer: "3")
        XCTAssertEqual(refused(outcome3), 409)
        let outcome4 = await f.room.score(token: device.token, element: "tool-a/leadership", answer: "3", group: "g2")
        XCTAssertEqual(refused(outcome4), 403,
                       "a device cannot score for a group it did not join")
        let outcome5 = await f.room.score(token: DeviceToken.random(), element: "tool-a/leadership", answer: "3")
        XCTAssertEqual(refused(outcome5), 401)
        let outcome6 = await f.room.score(token: nil, element: "tool-a/leadership", answer: "3")
        XCTAssertEqual(refused(outcome6), 401)
        XCTAssertEqual(try f.storedEvents().count, before, "nothing was stored")
    }

    func testLockedVotingRefusesChangesAndShowsLocked() async throws {
        let f = try RoomFixture()
        let device = try await f.join("g1")
        _ = await f.room.score(token: device.token, element: "tool-a/leadership", answer: "2")
        try f.facilitator.append(.votingLocked(RoomFixture.element), author: "Fran")
        guard case .refused(423, _) = await f.room.score(token: device.token, element: "tool-a/leadership", answer: "5") else {
            return XCTFail("a locked step took a score")
        }
        let view = try XCTUnwrap(f.room.view(for: device.token))
        XCTAssertTrue(view.locked)
        XCTAssertEqual(view.myAnswer, .level(2))
        XCTAssertTrue(Pages.deviceMain(view).contains("<fieldset disabled>"))
    }

    func testTheSpreadOnlyAfterTheReveal() async throws {
        let f = try RoomFixture()
        let one = try await f.join("g1"), two = try await f.join("g2"), three = try await f.join("g3")
        _ = await f.room.score(token: one.token, element: "tool-a/leadership", answer: "2")
        _ = await f.room.score(token: two.token, element: "tool-a/leadership", answer: "4")
        _ = await f.room.score(token: three.token, element: "tool-a/leadership", answer: "4")
        let hidden = try XCTUnwrap(f.room.view(for: one.token))
        XCTAssertNil(hidden.spread)
        XCTAssertEqual(hidden.scoredCount, 3)
        XCTAssertFalse(Pages.deviceMain(hidden).contains("How the room scored"))
        try f.facilitator.append(.revealed(RoomFixture.element), author: "Fran")
        let shown = try XCTUnwrap(f.room.view(for: one.token))
        XCTAssertEqual(shown.spread?.first { $0.answer == .level(4) }?.count, 2)
        XCTAssertEqual(shown.spread?.first { $0.answer == .level(2) }?.count, 1)
        XCTAssertTrue(Pages.deviceMain(shown).contains("How the room scored"))
    }

    func testAfterTheRevealADeviceCannotChangeItsScore() async throws {
        // It could, while voting was unlocked: the spread the room was discussing moved.
        let f = try RoomFixture()
        let device = try await f.join("g1")
        _ = await f.room.score(token: device.token, element: "tool-a/leadership", answer: "2")
        try f.facilitator.append(.revealed(RoomFixture.element), author: "Fran")
        let before = try f.storedEvents().count
        guard case .refused(let status, let message) = await f.room.score(token: device.token, element: "tool-a/leadership", answer: "5") else {
            return XCTFail("a score after the reveal was saved")
        }
        XCTAssertEqual(status, 423)
        XCTAssertTrue(message.contains("new round"), message)
        XCTAssertEqual(try f.storedEvents().count, before, "nothing stored")
        let page = Pages.deviceMain(try XCTUnwrap(f.room.view(for: device.token)))
        XCTAssertTrue(page.contains("<fieldset disabled>"), "the buttons say so before a tap")
        try f.facilitator.append(.roundStarted(RoomFixture.element), author: "Fran")
        guard case .saved = await f.room.score(token: device.token, element: "tool-a/leadership", answer: "5") else {
            return XCTFail("a new round's score was refused")
        }
    }

    /// A new round empties the page's choice; the page says a new round began, not
    /// "Not scored yet" as if the first answer were lost (it stays in the record).
    func testASecondRoundIsSaidOnThePage() async throws {
        let f = try RoomFixture()
        let device = try await f.join("g1")
        _ = await f.room.score(token: device.token, element: "tool-a/leadership", answer: "3")
        try f.facilitator.append(.revealed(RoomFixture.element), author: "Fran")
        try f.facilitator.append(.roundStarted(RoomFixture.element), author: "Fran")
        let fresh = try XCTUnwrap(f.room.view(for: device.token))
        XCTAssertEqual(fresh.round, 2)
        XCTAssertNil(fresh.myAnswer)
        let page = Pages.deviceMain(fresh)
        XCTAssertTrue(page.contains("Round 2: score again"), page)
        XCTAssertTrue(page.contains("kept in the record"), page)
        XCTAssertFalse(page.contains("Not scored yet"), page)
        guard case .saved(let again) = await f.room.score(token: device.token, element: "tool-a/leadership", answer: "4") else {
            return XCTFail("the second round's score was not saved")
        }
        XCTAssertTrue(Pages.deviceMain(again).contains("Round 2 · Your score: 4"))
        XCTAssertEqual(try SessionStore.snapshot(at: f.file, scales: [:]).state.previousRounds[RoomFixture.element]?.first?["g1"]?.answer,
                       .level(3), "the first round's answer is in the record")
        try f.moveTo(RoomFixture.otherElement)
        let firstRound = try XCTUnwrap(f.room.view(for: device.token))
        XCTAssertFalse(Pages.deviceMain(firstRound).contains("Round"), "a step in its first round says nothing of rounds")
        XCTAssertTrue(Pages.deviceMain(firstRound).contains("Not scored yet"))
    }

    func testTheFacilitatorSeesWhoIsInButNeverTheLevels() async throws {
        let f = try RoomFixture()
        let one = try await f.join("g1"), two = try await f.join("g2")
        _ = try await f.join("g3")
        _ = await f.room.score(token: one.token, element: "tool-a/leadership", answer: "5")
        _ = await f.room.score(token: two.token, element: "tool-a/leadership", answer: "na")
        let status = f.room.status()
        XCTAssertEqual(status.scoredCount, 2)
        XCTAssertEqual(status.withDevice, 3)
        XCTAssertEqual(status.groups.map(\.scored), [true, true, false, false])
        XCTAssertEqual(status.recent.last, "Voluntary Action device 1 joined")
    }

    func testReleasingAGroupEndsItsDevices() async throws {
        let f = try RoomFixture()
        let device = try await f.join("g1")
        let other = try await f.join("g2")
        let live = try XCTUnwrap(f.room.subscribe(device.token))
        XCTAssertEqual(f.room.release(group: "g1"), 1)
        guard case .refused(401, _) = await f.room.score(token: device.token, element: "tool-a/leadership", answer: "3") else {
            return XCTFail("a released device still scores")
        }
        XCTAssertNotNil(f.room.view(for: other.token))
        XCTAssertEqual(f.room.status().recent.last, "City Council: 1 device released")
        XCTAssertEqual(f.room.standing(device.token), .released(groupName: "City Council"), "its page says it was released")
        XCTAssertEqual(f.room.standing(other.token), .joined(other))
        XCTAssertEqual(f.room.standing(DeviceToken.random()), .unknown)
        let ended = expectation(description: "the live page's stream ends")
        Task {
            for await _ in live.updates {}
            ended.fulfill()
        }
        await fulfillment(of: [ended], timeout: 5)
    }

    func testLiveUpdatesFollowTheFacilitator() async throws {
        let f = try RoomFixture()
        let device = try await f.join("g1")
        let live = try XCTUnwrap(f.room.subscribe(device.token))
        let received = Received()
        let second = expectation(description: "a second page arrives after the move")
        Task {
            for await fragment in live.updates {
                if received.append(fragment) == 2 { second.fulfill() }
            }
        }
        try f.moveTo(RoomFixture.otherElement)
        f.room.poll()
        await fulfillment(of: [second], timeout: 5)
        XCTAssertTrue(received.all[0].contains("Leadership") || received.all[0].contains("leadership"), received.all[0])
        let step2 = try XCTUnwrap(sharedCatalogue.instrument("tool-a")?.element("needs-assessment")?.title)
        XCTAssertTrue(received.all[1].contains(step2))
        f.room.unsubscribe(device.token, id: live.id)
    }

    /// A page posts its score and also hears the new page over its live connection; the
    /// two can arrive in either order, so both say "Saved" (only to the device that scored).
    func testTheLiveUpdateAfterAScoreSaysSavedToThePageThatScored() async throws {
        let f = try RoomFixture()
        let device = try await f.join("g1")
        let other = try await f.join("g2")
        let mine = try XCTUnwrap(f.room.subscribe(device.token))
        let theirs = try XCTUnwrap(f.room.subscribe(other.token))
        guard case .saved = await f.room.score(token: device.token, element: "tool-a/leadership", answer: "3") else {
            return XCTFail("the score was not saved")
        }
        // Two pages each: the one on subscribing, the one after the score.
        func fragments(_ live: (id: UUID, updates: AsyncStream<String>)) async -> [String] {
            let received = Received()
            let two = expectation(description: "two pages")
            Task {
                for await fragment in live.updates where received.append(fragment) == 2 { two.fulfill() }
            }
            await fulfillment(of: [two], timeout: 5)
            return received.all
        }
        let pushed = await fragments(mine)
        XCTAssertFalse(pushed[0].contains(">Saved<"), "the first page, on joining")
        XCTAssertTrue(pushed[1].contains("Your score: 3"), pushed[1])
        XCTAssertTrue(pushed[1].contains(">Saved<"), pushed[1])
        let theirPages = await fragments(theirs)
        XCTAssertFalse(theirPages[1].contains(">Saved<"), "another group's page")
        f.room.unsubscribe(device.token, id: mine.id)
        f.room.unsubscribe(other.token, id: theirs.id)
    }

    /// The live page replaces only its main part, so that part carries the tab's title.
    func testTheLivePartCarriesTheTabTitle() async throws {
        let f = try RoomFixture()
        let device = try await f.join("g1")
        let step = try XCTUnwrap(f.room.view(for: device.token))
        let title = try XCTUnwrap(sharedCatalogue.instrument("tool-a")?.element("leadership")?.title)
        XCTAssertTrue(Pages.deviceMain(step).contains("data-title=\"\(Escape.html(title)) · pit\""))
        XCTAssertTrue(Pages.devicePage(step).contains("<title>\(Escape.html(title)) · pit</title>"))
        try f.facilitator.writeFocus(RoomFocus(screen: .triangle), author: "Fran")
        let waiting = try XCTUnwrap(f.room.view(for: device.token))
        XCTAssertTrue(Pages.deviceMain(waiting).contains("data-title=\"Waiting · pit\""))
        XCTAssertTrue(Pages.roomClosedMain().contains("data-title=\"The room is closed · pit\""))
    }

    func testPagesEscapeMarkupFromTheSession() async throws {
        let f = try RoomFixture(groups: [Group(id: "g1", name: "<script>alert('x')</script>", sector: .other)])
        let device = try await f.join("g1")
        let html = Pages.devicePage(try XCTUnwrap(f.room.view(for: device.token)))
        XCTAssertFalse(html.contains("<script>alert"))
        XCTAssertTrue(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"))
        XCTAssertFalse(Pages.groupPage(code: "\"><img>", groups: f.room.groups).contains("\"><img>"))
    }

    func testControlAndBidirectionalCharactersShowAsInTheReports() async throws {
        // A right-to-left override would turn the rest of the name around on a phone, and the
        // report and the terminal show it as a stand-in: the page must show the same.
        let name = "North\u{202E}dleif\u{1B}[2J"
        let f = try RoomFixture(groups: [Group(id: "g1", name: name, sector: .other)])
        let device = try await f.join("g1")
        let pages = [Pages.devicePage(try XCTUnwrap(f.room.view(for: device.token))),
                     Pages.groupPage(code: "ABC123", groups: f.room.groups)]
        for html in pages {
            XCTAssertFalse(html.unicodeScalars.contains { $0.value == 0x202E || $0.value == 0x1B })
            XCTAssertTrue(html.contains("North&lt;U+202E&gt;dleif^[[2J"))
        }
    }

    func testNoFacilitatorGuidanceIsServed() async throws {
        let f = try RoomFixture()
        let device = try await f.join("g1")
        let element = try XCTUnwrap(sharedCatalogue.instrument("tool-a")?.element("leadership"))
        let html = Pages.devicePage(try XCTUnwrap(f.room.view(for: device.token)))
        XCTAssertTrue(html.contains(Escape.html(element.title)))
        for question in element.questions { XCTAssertFalse(html.contains(Escape.html(question)), question) }
        if !element.good.isEmpty { XCTAssertFalse(html.contains(Escape.html(element.good))) }
    }
}

final class Received: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var all: [String] = []
    func append(_ s: String) -> Int { lock.lock(); defer { lock.unlock() }; all.append(s); return all.count }
}

final class ConcurrentScoreTests: XCTestCase {
    func testScoresArrivingTogetherAreAllCommittedAndARefusalSpoilsNoOther() async throws {
        let groups = (1...40).map { Group(id: "g\($0)", name: "Group \($0)", sector: .other) }
        let f = try RoomFixture(groups: groups)
        var devices: [Device] = []
        for group in groups { devices.append(try await f.join(group.id, client: "10.0.1.\(devices.count)")) }
        let room = f.room
        let outcomes = await withTaskGroup(of: (Int, LiveRoom.ScoreOutcome).self) { tasks in
            for (i, device) in devices.enumerated() {
                // Every tenth device sends a level off the scale.
                let answer = i % 10 == 9 ? "9" : String(i % 5 + 1)
                tasks.addTask { (i, await room.score(token: device.token, element: "tool-a/leadership", answer: answer)) }
            }
            var all: [Int: LiveRoom.ScoreOutcome] = [:]
            for await (i, outcome) in tasks { all[i] = outcome }
            return all
        }
        let stored = try SessionStore.snapshot(at: f.file, scales: [:]).state
        for (i, device) in devices.enumerated() {
            let score = stored.score(group: device.groupID, element: RoomFixture.element)
            if i % 10 == 9 {
                guard case .refused(422, _) = outcomes[i]! else { return XCTFail("device \(i): \(outcomes[i]!)") }
                XCTAssertNil(score)
            } else {
                guard case .saved = outcomes[i]! else { return XCTFail("device \(i): \(outcomes[i]!)") }
                XCTAssertEqual(score?.answer, .level(i % 5 + 1), "device \(i)")
                XCTAssertEqual(score?.author, "Group \(i + 1) device 1")
            }
        }
        XCTAssertEqual(try f.storedEvents().filter { $0.payload.kind == "scoreRecorded" }.count, 36)
    }
}

/// Scores the session file refuses to take (the file replaced, the disk full, busy).
final class RefusedWriteTests: XCTestCase {
    /// A device is told its score was not saved in words for a participant: no path on the
    /// facilitator's machine, no advice only the facilitator can follow.
    func testARefusedWriteIsSaidToADeviceWithoutTheFacilitatorsPath() {
        let path = "/home/fran/workshops/northbridge.pit"
        for error in [SessionFileError.busy(path: path), .noSpace(path: path),
                      .replacedWhileOpen(path: path, detail: "another file was put in its place"),
                      .notWritable(path: path, detail: "attempt to write a readonly database")] {
            guard case .refused(503, let message) = LiveRoom.deviceRefusal(error) else { return XCTFail("\(error)") }
            XCTAssertFalse(message.contains(path), message)
            XCTAssertFalse(message.contains("northbridge"), message)
            XCTAssertTrue(message.hasPrefix("Not saved"), message)
            if case .busy = error { XCTAssertTrue(message.hasSuffix("Try again."), message) }
            else { XCTAssertTrue(message.contains("Tell the facilitator"), message) }
        }
    }

    /// The file replaced under the room (a backup copied over it): the device hears it was not
    /// saved, and the facilitator why, once, until a score is saved again.
    func testAReplacedFileRefusesScoresAndTellsTheFacilitatorOnce() async throws {
        let f = try RoomFixture()
        let said = Said()
        f.room.onActivity = { said.append($0) }
        let backup = f.folder.appendingPathComponent("backup.pit")
        try FileManager.default.copyItem(at: f.file, to: backup)
        let device = try await f.join("g2")
        try f.facilitator.append(.noteAdded(id: "n1", element: RoomFixture.element, text: "after the backup"), author: "Fran")
        f.room.poll()
        let handle = try FileHandle(forWritingTo: f.file)
        try handle.truncate(atOffset: 0)
        try handle.write(contentsOf: try Data(contentsOf: backup))
        try handle.close()
        for answer in ["3", "4"] {
            guard case .refused(503, let message) = await f.room.score(token: device.token, element: "tool-a/leadership", answer: answer) else {
                return XCTFail("a score was taken into a replaced file")
            }
            XCTAssertTrue(message.contains("Tell the facilitator"), message)
            XCTAssertFalse(message.contains(f.file.path), message)
        }
        let refusals = said.all.filter { $0.hasPrefix("Scores cannot be saved") }
        XCTAssertEqual(refusals.count, 1, "\(said.all)")
        XCTAssertTrue(refusals.first?.contains("another file was put in its place") == true, "\(said.all)")
    }
}

/// Lines a room said, collected from its threads.
final class Said: @unchecked Sendable {
    private let lock = NSLock()
    private var lines: [String] = []
    func append(_ line: String) { lock.lock(); lines.append(line); lock.unlock() }
    var all: [String] { lock.lock(); defer { lock.unlock() }; return lines }
}
