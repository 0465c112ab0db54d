import XCTest
@testable import Room

final class RoomCodeTests: XCTestCase {
    func testCodesAreSixCharactersWithoutLookAlikes() {
        var seen = Set<String>()
        for _ in 0..<500 {
            let code = RoomCode.random()
            XCTAssertEqual(code.value.count, 6)
            XCTAssertFalse(code.value.contains { "0O1IL".contains($0) }, code.value)
            seen.insert(code.value)
        }
        XCTAssertGreaterThan(seen.count, 490, "codes repeat far more than chance allows")
    }

    func testTypedCodesIgnoreCaseSpacesAndDashes() {
        let code = RoomCode(typed: "ABC234")!
        XCTAssertTrue(code.matches("abc 234"))
        XCTAssertTrue(code.matches("abc-234"))
        XCTAssertFalse(code.matches("ABC235"))
        XCTAssertFalse(code.matches("ABC2345"))
        XCTAssertFalse(code.matches("<script>"))
        XCTAssertNil(RoomCode(typed: "ABO234"), "O is not in the alphabet")
        XCTAssertNil(RoomCode(typed: String(repeating: "A", count: 10_000)))
    }

    func testTokensAreLongRandomAndCheckedForShape() {
        let a = DeviceToken.random(), b = DeviceToken.random()
        XCTAssertNotEqual(a, b)
        XCTAssertEqual(a.value.count, 32)
        XCTAssertNotNil(DeviceToken(presented: a.value))
        XCTAssertNil(DeviceToken(presented: "abc"))
        XCTAssertNil(DeviceToken(presented: String(repeating: "Z", count: 32)))
    }

    func testWrongCodesAreLimitedPerClientAndPacedPerRoom() {
        var limiter = WrongCodeLimiter(perClient: 3, perRoom: 5, window: 60, pace: 2, longestWait: 5)
        let t0 = Date(timeIntervalSince1970: 0)
        for _ in 0..<3 {
            XCTAssertEqual(limiter.admit(client: "a", at: t0), .now)
            limiter.recordWrong(client: "a", at: t0)
        }
        XCTAssertEqual(limiter.admit(client: "a", at: t0.addingTimeInterval(20)), .clientLimited(waitSeconds: 40))
        XCTAssertEqual(limiter.admit(client: "b", at: t0), .now)
        limiter.recordWrong(client: "b", at: t0)
        limiter.recordWrong(client: "c", at: t0)
        // The room has had five: checks now take turns, two seconds apart, rather than being refused.
        XCTAssertEqual(limiter.admit(client: "d", at: t0), .now)
        XCTAssertEqual(limiter.admit(client: "e", at: t0), .after(2))
        XCTAssertEqual(limiter.admit(client: "f", at: t0), .after(4))
        XCTAssertEqual(limiter.admit(client: "g", at: t0), .roomBusy(waitSeconds: 6), "a turn further off than five seconds")
        XCTAssertEqual(limiter.admit(client: "a", at: t0), .clientLimited(waitSeconds: 60), "its own limit first")
        XCTAssertEqual(limiter.admit(client: "h", at: t0.addingTimeInterval(61)), .now, "a quiet minute later")
    }

    func testFormsAreBounded() throws {
        XCTAssertEqual(try FormBody(text: "code=abc+234&group=g%3C1").fields, ["code": "abc 234", "group": "g<1"])
        XCTAssertThrowsError(try FormBody(text: "a=" + String(repeating: "x", count: 201)))
        XCTAssertThrowsError(try FormBody(text: (0..<9).map { "f\($0)=1" }.joined(separator: "&")))
        XCTAssertThrowsError(try FormBody(text: "a=%ZZ"))
    }

    func testQRCodeComesFromLibqrencode() throws {
        let qr = try XCTUnwrap(QRCode("http://192.0.2.10:8080/?code=ABC234"))
        XCTAssertEqual(qr.size, 29, "version 3 at error correction M for a 36-character address")
        // Finder patterns: the top-left 7x7 corner is dark on its border and its 3x3 centre.
        XCTAssertTrue(qr.modules[0][0] && qr.modules[0][6] && qr.modules[6][0] && qr.modules[3][3])
        XCTAssertFalse(qr.modules[1][1])
        let lines = qr.halfBlockLines(quiet: 2)
        XCTAssertEqual(lines.count, (29 + 4 + 1) / 2)
        XCTAssertTrue(lines.allSatisfy { $0.count == 33 })
    }
}
