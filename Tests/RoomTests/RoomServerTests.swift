import XCTest
import SessionEngine
@testable import Room

/// The room over real HTTP on 127.0.0.1, a free port; each test stops its server.
final class RoomServerTests: XCTestCase {
    var fixture: RoomFixture!
    var server: RoomServer!
    var http: TestHTTP!

    override func setUpWithError() throws {
        fixture = try RoomFixture()
        server = try RoomServer.start(room: fixture.room, host: "127.0.0.1", port: 0, assets: try SiteAssets.load())
        http = TestHTTP(port: server.port)
    }

    override func tearDown() {
        server?.stop()
        server = nil
        fixture = nil
    }

    func joined(_ group: String = "g1") throws -> String {
        let reply = try http.post("/join", form: "code=abc234&group=\(group)")
        XCTAssertEqual(reply.status, 303)
        XCTAssertEqual(reply.header("Location"), "/device")
        XCTAssertTrue(reply.header("Set-Cookie")?.contains("HttpOnly") ?? false)
        XCTAssertTrue(reply.header("Set-Cookie")?.contains("SameSite=Strict") ?? false)
        return try XCTUnwrap(TestHTTP.token(from: reply))
    }

    func testEveryResponseForbidsFramingAndInlineScript() throws {
        for reply in [try http.get("/"), try http.get("/room.js"), try http.get("/nothing-here"),
                      try http.post("/score", form: String(repeating: "x", count: 10_000))] {
            let policy = try XCTUnwrap(reply.header("Content-Security-Policy"), "status \(reply.status)")
            XCTAssertTrue(policy.contains("default-src 'self'"))
            XCTAssertTrue(policy.contains("frame-ancestors 'none'"))
            XCTAssertFalse(policy.contains("unsafe-inline"))
            XCTAssertEqual(reply.header("X-Frame-Options"), "DENY")
        }
        let page = try http.get("/").body
        XCTAssertFalse(page.contains("<script>"), "no inline script")
        XCTAssertFalse(page.contains("style="), "no inline style")
    }

    func testJoinScoreAndSavedWithPlainForms() throws {
        XCTAssertTrue(try http.get("/?code=ABC234").body.contains("Residents&#39; Forum"), "the group list after the right code")
        let token = try joined("g3")
        let page = try http.get("/device", cookie: token)
        XCTAssertEqual(page.status, 200)
        XCTAssertTrue(page.body.contains("Scoring for <strong>Voluntary Action</strong>"))
        XCTAssertTrue(page.body.contains("The levels are pit&#39;s own aid to discussion"), "the levels' descriptors say whose they are")
        let saved = try http.post("/score", form: "element=tool-a%2Fleadership&answer=3", cookie: token)
        XCTAssertEqual(saved.status, 303)
        XCTAssertEqual(saved.header("Location"), "/device?saved=tool-a/leadership")
        XCTAssertEqual(try fixture.storedEvents().last?.payload,
                       .scoreRecorded(group: "g3", element: RoomFixture.element, answer: .level(3), note: nil))
        XCTAssertTrue(try http.get("/device?saved=tool-a/leadership", cookie: token).body.contains(">Saved<"))
    }

    /// Without JavaScript the page reloads itself: always as the plain device page, so
    /// neither "Saved" nor a refusal answering a post is shown again on a later step.
    func testWithoutScriptTheReloadAsksForThePlainDevicePage() throws {
        let token = try joined("g2")
        let reload = "content=\"\(Pages.refreshSeconds); url=/device\""
        let after = try XCTUnwrap(try http.post("/score", form: "element=tool-a%2Fleadership&answer=2", cookie: token).header("Location"))
        let savedPage = try http.get(after, cookie: token).body
        XCTAssertTrue(savedPage.contains(">Saved<"), savedPage)
        XCTAssertTrue(savedPage.contains(reload), "the page after a save reloads as /device")
        try fixture.moveTo(RoomFixture.otherElement)
        XCTAssertFalse(try http.get(after, cookie: token).body.contains(">Saved<"), "the address kept, on a step not saved")
        let refused = try http.post("/score", form: "element=tool-a%2Fleadership&answer=4", cookie: token)
        XCTAssertEqual(refused.status, 409)
        XCTAssertTrue(refused.body.contains("moved on"), refused.body)
        XCTAssertTrue(refused.body.contains(reload), "the refusal, shown at /score, reloads as /device")
    }

    /// A device whose place ended is sent to the code form with the reason, not told it left.
    func testADeviceNoLongerInTheRoomIsToldWhy() throws {
        let token = try joined("g1")
        fixture.room.release(group: "g1")
        let released = try http.get("/device", cookie: token)
        XCTAssertEqual(released.status, 303)
        XCTAssertEqual(released.header("Location"), "/?ended=released")
        let page = try http.get("/?ended=released", cookie: token).body
        XCTAssertTrue(page.contains("The facilitator released your group&#39;s devices"), page)
        XCTAssertTrue(page.contains("name=\"code\""), "with the code form")
        let score = try http.post("/score", form: "element=tool-a%2Fleadership&answer=3", cookie: token)
        XCTAssertEqual(score.status, 401)
        XCTAssertTrue(score.body.contains("the facilitator released City Council&#39;s devices"), score.body)
        // A token from a room that has since closed or restarted: this room never knew it.
        let restarted = try http.get("/device", cookie: DeviceToken.random().value)
        XCTAssertEqual(restarted.header("Location"), "/?ended=room")
        XCTAssertTrue(try http.get("/?ended=room").body.contains("the room was closed or restarted since it joined"))
        XCTAssertEqual(try http.get("/device").header("Location"), "/", "no device cookie: nothing to explain")
        XCTAssertFalse(try http.get("/?ended=%3Cb%3E").body.contains("<b>"), "only pit's own words")
    }

    func testABrowserAlreadyInTheRoomKeepsItsDeviceAndIsOfferedItsPage() throws {
        let token = try joined("g1")
        let again = try http.post("/join", form: "code=ABC234&group=g1", cookie: token)
        XCTAssertEqual(again.status, 303)
        XCTAssertEqual(TestHTTP.token(from: again), token, "the same device")
        XCTAssertEqual(fixture.room.status().groups.first { $0.groupID == "g1" }?.devices, 1)
        let home = try http.get("/", cookie: token)
        XCTAssertEqual(home.status, 303)
        XCTAssertEqual(home.header("Location"), "/device")
        let scanned = try http.get("/?code=ABC234", cookie: token)
        XCTAssertEqual(scanned.status, 200)
        XCTAssertTrue(scanned.body.contains("This device already scores for <strong>City Council</strong>"), scanned.body)
        XCTAssertTrue(scanned.body.contains("href=\"/device\""))
        XCTAssertTrue(try http.get("/").body.contains("name=\"code\""), "a new browser gets the code form")
        XCTAssertFalse(try http.get("/?code=ABC234").body.contains("already scores"))
    }

    func testScoringWithScriptGetsJSONWithTheNewPage() throws {
        let token = try joined()
        let reply = try http.post("/score", form: "element=tool-a%2Fleadership&answer=na", cookie: token, json: true)
        XCTAssertEqual(reply.status, 200)
        XCTAssertTrue(reply.body.contains("\"ok\":true"))
        XCTAssertTrue(reply.body.contains("Your score: not applicable"))
    }

    func testHostileRequestsAreRefusedAndNothingIsStored() throws {
        let token = try joined()
        let before = try fixture.storedEvents().count
        XCTAssertEqual(try http.post("/join", form: "code=WRONG2&group=g1").status, 403)
        XCTAssertEqual(try http.post("/score", form: "element=tool-a%2Fleadership&answer=3").status, 401, "no device cookie")
        XCTAssertEqual(try http.post("/score", form: "element=tool-a%2Fleadership&answer=3", cookie: "0123456789abcdef0123456789abcdef").status, 401)
        XCTAssertEqual(try http.post("/score", form: "element=tool-a%2Fleadership&answer=7", cookie: token).status, 422)
        XCTAssertEqual(try http.post("/score", form: "element=tool-a%2Fleadership&answer=3&group=g2", cookie: token).status, 403)
        let markup = try http.post("/score", form: "element=%3Cscript%3Ealert(1)%3C%2Fscript%3E&answer=%3Cb%3E", cookie: token)
        XCTAssertEqual(markup.status, 409)
        XCTAssertFalse(markup.body.contains("<script>alert"))
        let huge = try http.post("/score", form: "element=tool-a%2Fleadership&answer=3&pad=" + String(repeating: "x", count: 100_000), cookie: token)
        XCTAssertEqual(huge.status, 413)
        XCTAssertEqual(try http.post("/score", form: "answer=" + String(repeating: "4", count: 500), cookie: token).status, 400)
        XCTAssertEqual(try fixture.storedEvents().count, before, "nothing was stored")
    }

    func testEveryAddressTakesItsMethodsAndNamesThemToAnyOther() throws {
        for (path, methods) in RoomRoutes.allowed {
            for method in methods where path != "/live" {   // a WebSocket: the test below
                let status = try http.send(method.rawValue, path, body: method == .post ? Data() : nil, cookie: nil).status
                XCTAssertFalse([404, 405].contains(status), "\(method.rawValue) \(path) is a route (got \(status))")
            }
            for wrong in ["PUT", "DELETE", methods.contains(.get) ? "POST" : "GET"] {
                let reply = try http.send(wrong, path, body: nil, cookie: nil)
                XCTAssertEqual(reply.status, 405, "\(wrong) \(path)")
                XCTAssertEqual(reply.header("Allow"), MethodRules<RoomRequestContext>.allowHeader(methods), "\(wrong) \(path)")
                XCTAssertEqual(reply.header("X-Frame-Options"), "DENY", "a refusal carries the same headers")
            }
        }
        XCTAssertEqual(try http.send("PUT", "/nothing-here", body: nil, cookie: nil).status, 404, "an unknown address stays a 404")
    }

    func testTheLiveConnectionIsRefusedInWordsToAnythingButThisRoomsPages() throws {
        let token = try joined()
        func upgrade(token: String, origin: String? = nil) throws -> String {
            try XCTUnwrap(RawSocket(port: server.port).upgradeToWebSocket(port: server.port, token: token, origin: origin))
        }
        XCTAssertTrue(try upgrade(token: token).hasPrefix("HTTP/1.1 101"), "the device's own page")
        // A refused upgrade is answered by the WebSocket library (400, and the connection closed).
        XCTAssertTrue(try upgrade(token: token, origin: "http://evil.example").hasPrefix("HTTP/1.1 400"), "another site's script")
        XCTAssertTrue(try upgrade(token: "0123456789abcdef0123456789abcdef").hasPrefix("HTTP/1.1 400"), "no such device")
        let plain = try http.get("/live", cookie: token)
        XCTAssertEqual(plain.status, 426, "a plain GET is not the live connection")
        XCTAssertTrue(plain.body.contains("open the room at /"))
    }

    func testHeadIsAnsweredLikeGetWithoutABody() throws {
        let get = try http.get("/")
        let head = try http.send("HEAD", "/", body: nil, cookie: nil)
        XCTAssertEqual(head.status, 200)
        XCTAssertEqual(head.body, "")
        XCTAssertEqual(head.header("Content-Type"), get.header("Content-Type"))
        XCTAssertEqual(head.header("Content-Security-Policy"), get.header("Content-Security-Policy"))
        XCTAssertEqual(try http.send("HEAD", "/room.css", body: nil, cookie: nil).status, 200)
        XCTAssertEqual(try http.send("HEAD", "/nothing-here", body: nil, cookie: nil).status, 404)
    }

    func testWrongCodesOverHTTPAreRateLimited() throws {
        for _ in 0..<5 { XCTAssertEqual(try http.get("/?code=ZZZZZZ").status, 403) }
        let limited = try http.post("/join", form: "code=ABC234&group=g1")
        XCTAssertEqual(limited.status, 429)
        XCTAssertNotNil(limited.header("Retry-After"))
        XCTAssertNil(TestHTTP.token(from: limited))
    }

    func testARoomBusyWithWrongCodesDoesNotBlameTheDevice() throws {
        // A room that paces after three wrong codes and lets no check wait: the second paced
        // check is refused, whoever sends it.
        server.stop()
        fixture = try RoomFixture(limiter: WrongCodeLimiter(perClient: 5, perRoom: 3, pace: 1, longestWait: 0))
        server = try RoomServer.start(room: fixture.room, host: "127.0.0.1", port: 0, assets: try SiteAssets.load())
        http = TestHTTP(port: server.port)
        for _ in 0..<4 { XCTAssertEqual(try http.get("/?code=ZZZZZZ").status, 403) }
        let busy = try http.post("/join", form: "code=ABC234&group=g1")
        XCTAssertEqual(busy.status, 429)
        XCTAssertEqual(busy.header("Retry-After"), "1")
        XCTAssertTrue(busy.body.contains("not necessarily from this device"), busy.body)
        XCTAssertFalse(busy.body.contains("Too many wrong codes from this device"), busy.body)
    }

    func testAWrongCodeStaysInTheFieldToBeCorrected() throws {
        let fromLink = try http.get("/?code=ABC235")
        XCTAssertEqual(fromLink.status, 403)
        XCTAssertTrue(fromLink.body.contains("value=\"ABC235\""), fromLink.body)
        let typed = try http.post("/join", form: "code=abc+23%3C")
        XCTAssertEqual(typed.status, 403)
        XCTAssertTrue(typed.body.contains("value=\"abc 23&lt;\""), "as typed, escaped: \(typed.body)")
    }

    func testNoCodeIsNoGuessAndCountsForNothing() throws {
        // A join sent with the code left empty (or a body that is no form at all) is a
        // mistake, not a guess: answered 400, and the limit of five wrong codes is untouched.
        for body in ["", "code=", "code=%20%20", "group=g1", "{\"code\":\"x\"}"] {
            let reply = try http.post("/join", form: body)
            XCTAssertEqual(reply.status, 400, body)
            XCTAssertTrue(reply.body.contains("Type the room&#39;s code"), body)
        }
        XCTAssertEqual(try http.post("/join", form: "code=ABC234").status, 200, "the right code still lets the device in")
    }

    func testAnAddressOfAnotherMachineIsNamedInWords() {
        XCTAssertEqual(RoomServerError.cannotListen(host: "10.99.99.99", port: 8080,
                                                    detail: RoomServerError.reason(errno: EADDRNOTAVAIL, host: "10.99.99.99")).description,
                       "cannot listen on 10.99.99.99:8080: 10.99.99.99 is not an address of this machine (give --bind one of its addresses, or 0.0.0.0 for all); check --bind and --port")
        XCTAssertEqual(RoomServerError.reason(errno: EACCES, host: "127.0.0.1"), "Permission denied")
    }

    func testAPortInUseIsAClearError() throws {
        XCTAssertThrowsError(try RoomServer.start(room: fixture.room, host: "127.0.0.1", port: server.port, assets: try SiteAssets.load())) {
            XCTAssertEqual($0 as? RoomServerError, .portInUse(host: "127.0.0.1", port: server.port))
        }
    }

    func testStoppingEndsTheServer() throws {
        XCTAssertEqual(try http.get("/").status, 200)
        XCTAssertEqual(server.stop(), .ended)
        XCTAssertThrowsError(try http.get("/"))
    }

    /// `stop()` on another thread; nil if it had not returned after `limit` seconds (a
    /// guard against a hung test, not a timing: stop bounds itself well below it).
    func stopInBackground(limit: TimeInterval = 15) -> RoomServer.StopOutcome? {
        let done = DispatchSemaphore(value: 0)
        let outcome = Outcome()
        let server = self.server!
        Thread.detachNewThread { outcome.value = server.stop(); done.signal() }
        return done.wait(timeout: .now() + limit) == .success ? outcome.value : nil
    }
    final class Outcome: @unchecked Sendable { var value: RoomServer.StopOutcome? }

    func testStoppingEndsWhileBrowsersHoldConnectionsThatSayNothing() throws {
        // A browser opens spare connections it may never use, and keeps used ones alive.
        let silent = try (0..<3).map { _ in try RawSocket(port: server.port) }
        let kept = try RawSocket(port: server.port)
        kept.send("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        XCTAssertEqual(kept.readHead()?.hasPrefix("HTTP/1.1 200"), true)
        let outcome = stopInBackground()
        XCTAssertNotNil(outcome, "stop() did not return")
        XCTAssertNotEqual(outcome, .abandoned)
        XCTAssertThrowsError(try http.get("/"))
        for connection in silent + [kept] {
            XCTAssertTrue(connection.isClosedByServer(), "a connection was left open")
        }
        // The count drops as each closed channel's last callback runs on its event loop,
        // which a loaded machine may run a moment after the socket is seen closed.
        let deadline = Date().addingTimeInterval(5)
        while server.openConnections != 0 && Date() < deadline { usleep(10_000) }
        XCTAssertEqual(server.openConnections, 0)
    }

    func testAConnectionThatSaysNothingIsClosedAfterTheSilenceLimitAndALivePageIsNot() throws {
        server.stop()
        server = try RoomServer.start(room: fixture.room, host: "127.0.0.1", port: 0, assets: try SiteAssets.load(),
                                      silenceLimit: 1.5)
        http = TestHTTP(port: server.port)
        let silent = try RawSocket(port: server.port)   // a spare connection, or a device gone
        let page = try RawSocket(port: server.port)
        XCTAssertEqual(page.upgradeToWebSocket(port: server.port, token: try joined("g1"))?.hasPrefix("HTTP/1.1 101"), true)
        // The page keeps talking, as a browser answers the server's pings, for over twice the limit.
        let pings = 20
        for _ in 0..<pings {
            page.sendPing()
            usleep(200_000)
        }
        XCTAssertTrue(silent.isClosedByServer(), "the silent connection is still open")
        page.sendPing()
        var pongs = 0
        while pongs < pings + 1, let frame = page.readFrame() {
            if frame.opcode == 0xA { pongs += 1 }
            XCTAssertNotEqual(frame.opcode, 8, "the live page was closed")
        }
        XCTAssertEqual(pongs, pings + 1, "the live page stopped answering")
    }

    func testClosingTheRoomSendsEveryLivePageItsFarewellEvenWithASpareConnectionOpen() throws {
        let spare = try RawSocket(port: server.port)   // which only a forced stop ends
        var pages: [RawSocket] = []
        for group in ["g1", "g2", "g3", "g4", "g1", "g2", "g3", "g4"] {
            let page = try RawSocket(port: server.port)
            let head = page.upgradeToWebSocket(port: server.port, token: try joined(group))
            XCTAssertEqual(head?.hasPrefix("HTTP/1.1 101"), true, head ?? "no answer")
            XCTAssertEqual(page.readFrame()?.opcode, 1, "the page's first view")
            pages.append(page)
        }
        let outcome = Outcome()
        outcome.value = server.closeRoom()
        XCTAssertNotEqual(outcome.value, .abandoned)
        for (index, page) in pages.enumerated() {
            var frames: [RawSocket.Frame] = []
            while let frame = page.readFrame() {
                frames.append(frame)
                if frame.opcode == 8 { break }
            }
            XCTAssertTrue(frames.contains { $0.opcode == 1 && $0.text.contains("room-closed") },
                          "page \(index) had no farewell: \(frames.map(\.opcode))")
        }
        XCTAssertTrue(fixture.room.isClosed)
        _ = spare
    }
}
