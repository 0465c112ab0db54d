import Foundation
@testable import Instruments
import XCTest

final class CatalogueCacheTests: XCTestCase {
    private func cacheFiles(_ folder: URL) throws -> [URL] {
        try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)
    }

    func testTheCachedCatalogueIsTheParsedOne() throws {
        let cache = try temporaryFolder()
        let parsed = try Catalogue.load(shipped: assessments)
        let first = try CatalogueCache.load(shipped: assessments, directory: cache, build: "b1")
        XCTAssertEqual(try cacheFiles(cache).count, 1, "the first load writes the cache")
        let second = try CatalogueCache.load(shipped: assessments, directory: cache, build: "b1")
        for catalogue in [first, second] {
            XCTAssertEqual(catalogue.triangle, parsed.triangle)
            XCTAssertEqual(catalogue.instruments, parsed.instruments)
            XCTAssertEqual(catalogue.problems, parsed.problems)
            XCTAssertEqual(catalogue.briefing, parsed.briefing)
        }
        XCTAssertNotNil(parsed.briefing, "the shipped briefing is part of the round trip")
        XCTAssertTrue(parsed.instruments.contains { $0.elements.contains { $0.guidance != nil } }, "and guidance")
    }

    func testTheCacheIsReadWhenNothingChanged() throws {
        let cache = try temporaryFolder()
        _ = try CatalogueCache.load(shipped: assessments, directory: cache, build: "b1")
        // Doctor the cached copy: if the next load shows the doctored title, it came from the cache.
        let file = try XCTUnwrap(try cacheFiles(cache).first)
        let stamps = CatalogueCache.stamps(shipped: assessments, folders: [assessments])
        var doctored = try XCTUnwrap(try CatalogueCache.decode([UInt8](Data(contentsOf: file)), build: "b1", stamps: stamps))
        doctored.instruments[0].title = "From the cache"
        try Data(CatalogueCache.encode(doctored, build: "b1", stamps: stamps)).write(to: file)
        let cached = try CatalogueCache.load(shipped: assessments, directory: cache, build: "b1")
        XCTAssertEqual(cached.instruments[0].title, "From the cache")
        let otherBuild = try CatalogueCache.load(shipped: assessments, directory: cache, build: "b2")
        XCTAssertNotEqual(otherBuild.instruments[0].title, "From the cache", "another build of pit parses afresh")
    }

    func testAnEditedAddedOrRemovedFileIsParsedAfresh() throws {
        let cache = try temporaryFolder(), mine = try temporaryFolder()
        let walk = mine.appendingPathComponent("walkability.yaml")
        _ = try CatalogueCache.load(shipped: assessments, extra: [mine], directory: cache, build: "b")
        try FileManager.default.copyItem(at: fixtures.appendingPathComponent("walkability.yaml"), to: walk)
        let added = try CatalogueCache.load(shipped: assessments, extra: [mine], directory: cache, build: "b")
        XCTAssertNotNil(added.instrument("walkability"), "an added file is read")

        let text = try String(contentsOf: walk, encoding: .utf8)
        let renamed = text.replacingOccurrences(of: "Walkable neighbourhoods", with: "Walking routes")
        XCTAssertNotEqual(renamed, text)
        try renamed.write(to: walk, atomically: false, encoding: .utf8)
        let edited = try CatalogueCache.load(shipped: assessments, extra: [mine], directory: cache, build: "b")
        XCTAssertTrue(try XCTUnwrap(edited.instrument("walkability")).title.contains("Walking routes"), "an edited file is read")

        try FileManager.default.removeItem(at: walk)
        let removed = try CatalogueCache.load(shipped: assessments, extra: [mine], directory: cache, build: "b")
        XCTAssertNil(removed.instrument("walkability"), "a removed file is gone")
    }

    /// `cp -p`, `rsync -t` and `touch -r` put back the size and modification time: the
    /// inode (a new file) or the change time (the same file rewritten) still differ.
    func testAFileReplacedWithTheSameSizeAndTimeIsParsedAfresh() throws {
        let cache = try temporaryFolder(), mine = try temporaryFolder()
        let walk = mine.appendingPathComponent("walkability.yaml")
        try FileManager.default.copyItem(at: fixtures.appendingPathComponent("walkability.yaml"), to: walk)
        let time = try XCTUnwrap(try FileManager.default.attributesOfItem(atPath: walk.path)[.modificationDate] as? Date)
        _ = try CatalogueCache.load(shipped: assessments, extra: [mine], directory: cache, build: "b")

        func replace(_ old: String, _ new: String, inPlace: Bool) throws {
            XCTAssertEqual(old.utf8.count, new.utf8.count, "the same size")
            let text = try String(contentsOf: walk, encoding: .utf8)
            let edited = text.replacingOccurrences(of: old, with: new)
            XCTAssertNotEqual(edited, text)
            if inPlace {
                try edited.write(to: walk, atomically: false, encoding: .utf8)
            } else {
                let copy = mine.appendingPathComponent("copy.tmp")
                try edited.write(to: copy, atomically: false, encoding: .utf8)
                XCTAssertEqual(rename(copy.path, walk.path), 0)
            }
            try FileManager.default.setAttributes([.modificationDate: time], ofItemAtPath: walk.path)
        }
        try replace("Walkable neighbourhoods", "Walkable neighbourhooDS", inPlace: false)
        let renamed = try CatalogueCache.load(shipped: assessments, extra: [mine], directory: cache, build: "b")
        XCTAssertTrue(try XCTUnwrap(renamed.instrument("walkability")).title.contains("neighbourhooDS"), "a file put in its place is read")
        try replace("neighbourhooDS", "neighbourhoQQS", inPlace: true)
        let rewritten = try CatalogueCache.load(shipped: assessments, extra: [mine], directory: cache, build: "b")
        XCTAssertTrue(try XCTUnwrap(rewritten.instrument("walkability")).title.contains("neighbourhoQQS"), "a file rewritten in place is read")
    }

    func testACorruptOrUnwritableCacheIsIgnored() throws {
        let cache = try temporaryFolder()
        let parsed = try Catalogue.load(shipped: assessments)
        _ = try CatalogueCache.load(shipped: assessments, directory: cache, build: "b")
        let file = try XCTUnwrap(try cacheFiles(cache).first)
        for garbage in [Data(), Data("not a cache".utf8), try Data(contentsOf: file).prefix(100)] {
            try garbage.write(to: file)
            let loaded = try CatalogueCache.load(shipped: assessments, directory: cache, build: "b")
            XCTAssertEqual(loaded.instruments, parsed.instruments)
            XCTAssertGreaterThan(try Data(contentsOf: file).count, 1000, "the broken cache is replaced")
        }
        let notAFolder = cache.appendingPathComponent("plain-file")
        try Data("x".utf8).write(to: notAFolder)
        let unwritable = try CatalogueCache.load(shipped: assessments, directory: notAFolder, build: "b")
        XCTAssertEqual(unwritable.instruments, parsed.instruments)
    }

    /// A start with a fresh cache knows the skipped files at once and decodes the rest
    /// only when asked, to the same catalogue the parse makes.
    func testTheProblemsComeAtOnceAndTheContentWhenAsked() throws {
        let cache = try temporaryFolder(), mine = try temporaryFolder()
        try Data("id: broken\ntitle: [unclosed\n".utf8).write(to: mine.appendingPathComponent("broken.yaml"))
        let parsed = try Catalogue.load(shipped: assessments, extra: [mine])
        XCTAssertFalse(parsed.problems.isEmpty)

        let first = try CatalogueCache.loadDeferred(shipped: assessments, extra: [mine], directory: cache, build: "b")
        XCTAssertFalse(first.isCached, "no cache yet: parsed now")
        let second = try CatalogueCache.loadDeferred(shipped: assessments, extra: [mine], directory: cache, build: "b")
        XCTAssertTrue(second.isCached)
        XCTAssertEqual(second.problems, parsed.problems)
        let decoded = try second.catalogue()
        XCTAssertEqual(decoded.instruments, parsed.instruments)
        XCTAssertEqual(decoded.triangle, parsed.triangle)
        XCTAssertEqual(decoded.problems, parsed.problems)

        // A start reads the front of the file; problems that go past it are read with the rest.
        let tooShort = try CatalogueCache.loadDeferred(shipped: assessments, extra: [mine], directory: cache, build: "b", firstRead: 64)
        XCTAssertTrue(tooShort.isCached, "read whole, not parsed afresh")
        XCTAssertEqual(tooShort.problems, parsed.problems)
        XCTAssertEqual(try tooShort.catalogue().instruments, parsed.instruments)
    }

    /// Content damaged behind an intact header is only found when it is decoded: it is
    /// then parsed afresh, and the cache written again.
    func testDamagedContentBehindAGoodHeaderIsParsedAfresh() throws {
        let cache = try temporaryFolder()
        let parsed = try Catalogue.load(shipped: assessments)
        _ = try CatalogueCache.load(shipped: assessments, directory: cache, build: "b")
        let file = try XCTUnwrap(try cacheFiles(cache).first)
        let whole = try Data(contentsOf: file)
        try whole.dropLast(200).write(to: file)

        let deferred = try CatalogueCache.loadDeferred(shipped: assessments, directory: cache, build: "b")
        XCTAssertTrue(deferred.isCached, "the header and the problems still read")
        XCTAssertEqual(try deferred.catalogue().instruments, parsed.instruments)
        XCTAssertEqual(try Data(contentsOf: file), whole, "the damaged cache is written again")
    }
}
