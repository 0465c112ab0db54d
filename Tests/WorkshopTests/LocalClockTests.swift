import Foundation
import SessionEngine
@testable import Workshop
import XCTest
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The status line's clock reads the machine's zone from the C library (no ICU on the way
/// to the first frame) and must show the same local time as Foundation's zone would.
final class LocalClockTests: XCTestCase {
    /// Runs `body` with `TZ` set to `zone`, then puts the machine's setting back.
    func withMachineZone(_ zone: String, _ body: () throws -> Void) rethrows {
        let saved = getenv("TZ").map { String(cString: $0) }
        setenv("TZ", zone, 1)
        tzset()
        defer {
            if let saved { setenv("TZ", saved, 1) } else { unsetenv("TZ") }
            tzset()
        }
        try body()
    }

    func testTheMachineOffsetMatchesFoundationsZoneAcrossSummerTime() throws {
        // Two zones with summer time on either side of the equator, one with a quarter hour.
        for name in ["Europe/Paris", "America/Santiago", "Asia/Kathmandu", "UTC"] {
            let foundation = try XCTUnwrap(TimeZone(identifier: name))
            withMachineZone(name) {
                // 2026-01-15, 2026-03-29 00:30 and 01:30 UTC (Paris changes at 01:00), 2026-07-15.
                for t in [1_768_435_200.0, 1_774_744_200, 1_774_747_800, 1_784_073_600] {
                    let moment = Date(timeIntervalSince1970: t)
                    XCTAssertEqual(Clock.localSecondsFromGMT(at: moment), foundation.secondsFromGMT(for: moment),
                                   "\(name) at \(t)")
                }
            }
        }
    }

    func testTheStatusLineShowsTheSavedTimeInTheMachinesZone() throws {
        let scratch = try ScratchSession(groups: [], instruments: ["tool-a"])
        let saved = Date(timeIntervalSince1970: 1_767_225_665)         // 2026-01-01 00:01:05 UTC
        try DemoSeed.fill(scratch.store, elements: [(instrument: "tool-a", elements: ["1"])], seed: 7, start: saved)
        let context = WorkshopContext(catalogue: shippedCatalogue, themes: shippedThemes)
        context.session = SessionController(store: scratch.store, author: "Sam")
        let last = try XCTUnwrap(context.session?.lastSaved)
        try withMachineZone("Asia/Kathmandu") {                           // UTC+05:45
            let kathmandu = try XCTUnwrap(TimeZone(identifier: "Asia/Kathmandu"))
            XCTAssertEqual(context.statusNote, "saved \(Clock.time(last, in: kathmandu))")
            XCTAssertNotEqual(context.statusNote, "saved \(Clock.time(last, in: TimeZone(identifier: "UTC")!))")
        }
        context.timeZone = TimeZone(identifier: "UTC")!                  // a zone set by a test wins
        try withMachineZone("Asia/Kathmandu") {
            XCTAssertEqual(context.statusNote, "saved \(Clock.time(last, in: TimeZone(identifier: "UTC")!))")
        }
    }
}
