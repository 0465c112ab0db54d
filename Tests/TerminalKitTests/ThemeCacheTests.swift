import DiskCache
import Foundation
@testable import TerminalKit
import XCTest

final class ThemeCacheTests: XCTestCase {
    let themes = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Themes")

    private func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("pit-theme-cache-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: url) }
        return url
    }

    private func onlyFile(in folder: URL) throws -> URL {
        let files = try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)
        XCTAssertEqual(files.count, 1)
        return try XCTUnwrap(files.first)
    }

    func testEveryShippedThemeCachedIsTheParsedOne() throws {
        let files = try FileManager.default.contentsOfDirectory(at: themes, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "yaml" }
        XCTAssertGreaterThanOrEqual(files.count, 5)
        for file in files {
            let cache = try temporaryFolder()
            let parsed = try ThemeLoader.parse(String(contentsOf: file, encoding: .utf8), file: file.lastPathComponent)
            let first = try ThemeCache.load(file: file, directory: cache, build: "b1")
            _ = try onlyFile(in: cache)
            let second = try ThemeCache.load(file: file, directory: cache, build: "b1")
            XCTAssertEqual(first, parsed, file.lastPathComponent)
            XCTAssertEqual(second, parsed, "\(file.lastPathComponent), read back from the cache")
        }
    }

    /// A theme the cache must carry whole: optional colours, attributes and mono attributes set and unset.
    func testEveryFieldSurvivesTheRoundTrip() throws {
        var style = RoleStyle()
        style.foreground = .indexed(208); style.background = .terminalDefault
        style.foreground8 = .indexed(3); style.background8 = nil
        style.attributes = [.bold, .underline]; style.monoAttributes = [.reverse]
        let theme = Theme(name: "t", summary: "every field", styles: [.title: style, .text: RoleStyle()])
        let stamp = FileStamp(path: "/themes/t.yaml", modified: 1_700_000_000.25, size: 99)
        XCTAssertEqual(try ThemeCache.decode(ThemeCache.encode(theme, build: "b", stamp: stamp), build: "b", stamp: stamp), theme)
    }

    func testTheCacheIsReadUntilTheFileOrTheProgramChanges() throws {
        let cache = try temporaryFolder(), mine = try temporaryFolder()
        let file = mine.appendingPathComponent("default.yaml")
        try FileManager.default.copyItem(at: themes.appendingPathComponent("default.yaml"), to: file)
        let parsed = try ThemeCache.load(file: file, directory: cache, build: "b1")

        // Doctor the cached copy: a load that shows the doctored summary came from the cache.
        let cached = try onlyFile(in: cache)
        var doctored = parsed
        doctored.summary = "From the cache"
        try Data(ThemeCache.encode(doctored, build: "b1", stamp: .of(file.path))).write(to: cached)
        XCTAssertEqual(try ThemeCache.load(file: file, directory: cache, build: "b1").summary, "From the cache")
        XCTAssertEqual(try ThemeCache.load(file: file, directory: cache, build: "b2").summary, parsed.summary,
                       "another build of pit parses afresh")

        try Data(ThemeCache.encode(doctored, build: "b1", stamp: .of(file.path))).write(to: cached)
        let text = try String(contentsOf: file, encoding: .utf8)
        let edited = text.replacingOccurrences(of: "name: default", with: "name: edited")
        XCTAssertNotEqual(edited, text)
        try edited.write(to: file, atomically: false, encoding: .utf8)
        let reloaded = try ThemeCache.load(file: file, directory: cache, build: "b1")
        XCTAssertEqual(reloaded.name, "edited", "an edited theme is parsed afresh")
        XCTAssertEqual(reloaded.summary, parsed.summary)
    }

    func testABrokenCacheIsReplacedAndABrokenThemeIsNeverCached() throws {
        let cache = try temporaryFolder(), mine = try temporaryFolder()
        let file = themes.appendingPathComponent("default.yaml")
        let parsed = try ThemeCache.load(file: file, directory: cache, build: "b")
        let cached = try onlyFile(in: cache)
        for garbage in [Data(), Data("not a cache".utf8), try Data(contentsOf: cached).prefix(40)] {
            try garbage.write(to: cached)
            XCTAssertEqual(try ThemeCache.load(file: file, directory: cache, build: "b"), parsed)
            XCTAssertGreaterThan(try Data(contentsOf: cached).count, 100, "the broken cache is replaced")
        }
        let broken = mine.appendingPathComponent("broken.yaml")
        try "name: broken\nroles:\n  title: {fg: 999}\n".write(to: broken, atomically: false, encoding: .utf8)
        let empty = try temporaryFolder()
        XCTAssertThrowsError(try ThemeCache.load(file: broken, directory: empty, build: "b")) {
            XCTAssertTrue(String(describing: $0).contains("broken.yaml"), "\($0)")
        }
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: empty.path), [])
    }
}
