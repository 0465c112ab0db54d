import Foundation
@testable import pit
import SessionEngine
import XCTest

/// `pit home` leaves the catalogue's content in its cache until a screen or a session needs it.
final class HomeCatalogueTests: XCTestCase {
    func testTheCatalogueIsMadeBeforeASessionIsReadAndNotBefore() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pit-home-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let names = ["XDG_CACHE_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME"]
        let saved = names.map { getenv($0).map { String(cString: $0) } }
        addTeardownBlock {
            for (name, value) in zip(names, saved) {
                if let value { setenv(name, value, 1) } else { unsetenv(name) }
            }
            try? FileManager.default.removeItem(at: folder)
            RecordRules.scales = [:]
        }
        for name in names { setenv(name, folder.path, 1) }

        _ = try makeContext(FrameworkSettings())   // writes the cache, as any earlier start has
        XCTAssertNotNil(RecordRules.scales["tool-a"], "a context made at once gives the session reader its scales")
        RecordRules.scales = [:]

        let context = try makeContext(FrameworkSettings(), catalogueWhenNeeded: true)
        XCTAssertTrue(RecordRules.scales.isEmpty, "nothing was decoded yet")
        let launcher = HomeLauncher(context: context, author: "tester")
        _ = launcher.start(.open(folder.appendingPathComponent("missing.pit").path))
        XCTAssertEqual(RecordRules.scales["tool-a"], Set(try XCTUnwrap(context.catalogue.instrument("tool-a")).scale.values),
                       "opening a session from home first makes the catalogue, whose scales the reader checks levels against")
    }
}
