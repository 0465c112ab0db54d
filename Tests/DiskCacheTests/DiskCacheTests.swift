import DiskCache
import XCTest

final class DiskCacheTests: XCTestCase {
    /// FNV-1a of the paths joined by newlines: the names of caches already on users'
    /// disks stay the same.
    func testTheFingerprintIsFNV1aOfThePathsJoinedByNewlines() {
        func reference(_ paths: [String]) -> String {
            var hash: UInt64 = 0xcbf2_9ce4_8422_2325
            for byte in paths.joined(separator: "\n").utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
            return String(hash, radix: 16)
        }
        for paths in [[], [""], ["/a"], ["/usr/share/pit/Assessments", "/home/fran/.config/pit/instruments"],
                      ["é", "", "x"], ["a\nb"], ["a", "b"]] {
            XCTAssertEqual(FileStamp.fingerprint(paths), reference(paths), "\(paths)")
        }
        // FNV-1a's published 64-bit test vectors: "" and "a".
        XCTAssertEqual(FileStamp.fingerprint([""]), "cbf29ce484222325")
        XCTAssertEqual(FileStamp.fingerprint(["a"]), "af63dc4c8601ec8c")
        XCTAssertNotEqual(FileStamp.fingerprint(["ab"]), FileStamp.fingerprint(["a", "b"]))
    }

    func testValuesRoundTrip() throws {
        var w = ByteWriter()
        w.int(-7); w.double(1.25); w.bool(true); w.string("héllo"); w.optional(nil); w.optional("x")
        w.strings(["a", ""]); w.stamp(FileStamp(path: "/t", modified: 3.5, size: -1, inode: UInt64.max - 1, changed: 7.25))
        var r = ByteReader(w.bytes)
        XCTAssertEqual(try r.int(), -7)
        XCTAssertEqual(try r.double(), 1.25)
        XCTAssertEqual(try r.bool(), true)
        XCTAssertEqual(try r.string(), "héllo")
        XCTAssertNil(try r.optional())
        XCTAssertEqual(try r.optional(), "x")
        XCTAssertEqual(try r.strings(), ["a", ""])
        XCTAssertEqual(try r.stamp(), FileStamp(path: "/t", modified: 3.5, size: -1, inode: UInt64.max - 1, changed: 7.25))
        XCTAssertTrue(r.isAtEnd)
    }

    func testTruncatedBytesThrowRatherThanTrap() {
        var w = ByteWriter()
        w.string("a longer text")
        for cut in 0..<w.bytes.count {
            var r = ByteReader(Array(w.bytes.prefix(cut)))
            XCTAssertThrowsError(try r.string(), "cut at \(cut)")
        }
    }

    func testAMissingFileHasSizeMinusOne() {
        XCTAssertEqual(FileStamp.of("/nonexistent-\(UUID().uuidString)").size, -1)
    }
}
