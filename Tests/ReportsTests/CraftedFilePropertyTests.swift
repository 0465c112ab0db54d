import Foundation
import GRDB
import Instruments
import SessionEngine
import XCTest
@testable import Reports

/// Generated hostile files (random values, extremes, NULLs, wrong types) through `import`,
/// `merge`, every report and the models the screens draw. Each must end in a clear, thrown
/// error or in correct output; a crash ends the test run, which is the failure it guards.
final class CraftedFilePropertyTests: XCTestCase {
    static let cases = 150

    /// Every file here is read and written as pit does: levels held to the instruments' scales.
    let scales = catalogue.scaleLevels

    /// A partner's self-assessment with every kind of record, to spoil.
    func baseSession(_ dir: TempDir, name: String, partner: String) throws -> URL {
        let url = dir.file(name)
        let clock = TestClock()
        let store = try SessionStore.create(at: url, info: SessionInfo(title: "Base", instruments: ["tool-a"], mode: .selfAssessment),
                                            groups: [Group(id: "me", name: partner, sector: .vcse)], author: partner, scales: scales,
                                            clock: { clock.now() })
        let steps = catalogue.instrument("tool-a")!.elements.map { ElementRef(instrument: "tool-a", element: $0.id) }
        for (i, step) in steps.enumerated() {
            try store.append(.scoreRecorded(group: "me", element: step, answer: i == 3 ? .notApplicable : .level(i % 5 + 1),
                                            note: "note \(i)"), author: partner)
        }
        try store.append(.revealed(steps[0]), author: partner)
        try store.append(.agreedScoreRecorded(element: steps[0], answer: .level(4), rationale: "why"), author: partner)
        try store.append(.noteAdded(id: "n1", element: steps[1], text: "a note"), author: partner)
        try store.append(.actionAdded(id: "a1", element: nil, what: "do it", owner: "me", due: "2026-03-01"), author: partner)
        try store.undoLast(author: partner)
        store.close()
        return url
    }

    static let columns = ["seq", "at", "author", "kind", "subject", "instrument", "element", "level", "na", "target",
                          "text", "text2", "text3"]

    static func hostileValue(_ rng: inout SplitMix) -> DatabaseValue {
        let choices: [DatabaseValue] = [
            .null, Int64.max.databaseValue, Int64.min.databaseValue, (-1 as Int64).databaseValue, 0.databaseValue,
            9.databaseValue, 6.databaseValue, 3.databaseValue, Double.greatestFiniteMagnitude.databaseValue, 2.5.databaseValue,
            "".databaseValue, "three".databaseValue, "scoreRecorded".databaseValue, "undone".databaseValue,
            "tool-a".databaseValue, String(repeating: "x", count: 20_000).databaseValue,
            "\u{1B}]0;title\u{07}\u{202E}".databaseValue, Data([0, 1, 2]).databaseValue,
            Int64(Int32.max).databaseValue, 253_402_300_800_000.databaseValue, 1.databaseValue,
        ]
        return choices[Int.random(in: 0..<choices.count, using: &rng)]
    }

    /// Rebuilds `events` without types, constraints or triggers, then sets 1–3 random cells.
    func spoil(_ url: URL, _ rng: inout SplitMix) throws {
        let queue = try DatabaseQueue(path: url.path)
        defer { try? queue.close() }
        try queue.write { db in
            try db.execute(sql: """
                CREATE TABLE loose AS SELECT * FROM events; DROP TABLE events;
                CREATE TABLE events (seq, at, author, kind, subject, instrument, element, level, na, target, text, text2, text3);
                INSERT INTO events SELECT * FROM loose; DROP TABLE loose;
                """)
            let seqs = try Int64.fetchAll(db, sql: "SELECT seq FROM events")
            for _ in 0..<Int.random(in: 1...3, using: &rng) {
                let seq = seqs[Int.random(in: 0..<seqs.count, using: &rng)]
                // Half the time one of the columns that numbers and times come from.
                let pool = Bool.random(using: &rng) ? ["level", "at", "seq", "na", "target"] : Self.columns
                let column = pool[Int.random(in: 0..<pool.count, using: &rng)]
                try db.execute(sql: "UPDATE events SET \(column) = ? WHERE seq = ?", arguments: [Self.hostileValue(&rng), seq])
            }
        }
    }

    /// Everything a session's reader does with a session: every report and the screens' models.
    func useEverything(_ snapshot: SessionSnapshot) throws {
        XCTAssertEqual(snapshot.state, Fold.state(from: snapshot.events))
        for (ref, byGroup) in snapshot.state.scores {
            for score in byGroup.values {
                if let l = score.answer.level {
                    let scale = catalogue.instrument(ref.instrument)?.scale.values ?? Array(RecordRules.levels)
                    XCTAssertTrue(scale.contains(l), "level \(l) for \(ref) was let in")
                }
            }
        }
        for format in ExportFormat.allCases {
            let data = try Export.render(format, state: snapshot.state, events: snapshot.events, catalogue: catalogue)
            XCTAssertFalse(data.isEmpty, "\(format)")
        }
        for ref in snapshot.state.elementsWithData { _ = snapshot.state.summary(for: ref).medianAndRange }
        _ = LevelMatrix.make(state: snapshot.state, catalogue: catalogue)
        _ = GroupMatrix.make(state: snapshot.state, catalogue: catalogue)
        _ = TriangleRollup.make(state: snapshot.state, catalogue: catalogue)
        _ = Transcript.make(events: snapshot.events, catalogue: catalogue)
        _ = Comparison.make(baseline: snapshot.state, followUp: snapshot.state, catalogue: catalogue)
    }

    /// A refusal must be one of pit's own errors, naming what it refuses.
    func assertClear(_ error: Error, naming path: String, _ label: String) {
        switch error {
        case let e as SessionFileError:
            XCTAssertTrue(e.description.contains(path), "\(label): \(e)")
            XCTAssertFalse(e.detail.isEmpty, label)
        case let e as SessionError:
            XCTAssertTrue(e.description.contains("event"), "\(label): \(e)")
        case let e as MergeError:
            XCTAssertFalse(e.description.isEmpty, label)
        case let e as SessionJSONError:
            XCTAssertFalse(e.description.isEmpty, label)
        default:
            XCTFail("\(label): not a clear error: \(error)")
        }
    }

    func testCraftedSessionFilesAreRefusedOrReadCorrectly() throws {
        let dir = TempDir()
        let base = try baseSession(dir, name: "base.pit", partner: "Parks Trust")
        let other = try baseSession(dir, name: "other.pit", partner: "Fire Service")
        var rng = SplitMix(seed: 20_261_128)
        var refused = 0, accepted = 0
        for n in 0..<Self.cases {
            let url = dir.file("crafted-\(n).pit")
            try FileManager.default.copyItem(at: base, to: url)
            try spoil(url, &rng)
            let before = try Data(contentsOf: url)
            var snapshotRefused = false
            do {
                try useEverything(try SessionStore.snapshot(at: url, scales: scales))
                accepted += 1
            } catch {
                assertClear(error, naming: url.path, "case \(n) report")
                snapshotRefused = true
                refused += 1
            }
            XCTAssertEqual(try Data(contentsOf: url), before, "case \(n): reading changed the file")

            // merge refuses what open refuses.
            let merged = dir.file("merged-\(n).pit")
            do {
                let store = try Merge.merge(inputs: [url, other], into: merged, title: "M", author: "Fac", scales: scales)
                XCTAssertFalse(snapshotRefused, "case \(n): merge took a file that report refused")
                try useEverything(try SessionStore.snapshot(at: merged, scales: scales))
                store.close()
            } catch {
                assertClear(error, naming: url.path, "case \(n) merge")
                XCTAssertFalse(FileManager.default.fileExists(atPath: merged.path))
            }

            // open refuses the same; when it opens, the next change is safe.
            do {
                let store = try SessionStore.open(at: url, scales: scales)
                XCTAssertFalse(snapshotRefused, "case \(n): open took a file that report refused")
                do {
                    try store.append(.noteAdded(id: store.newID("n"), element: nil, text: "next change"), author: "Fac")
                    try store.undoLast(author: "Fac")
                } catch {
                    assertClear(error, naming: url.path, "case \(n) next change")
                }
                store.close()
            } catch {
                XCTAssertTrue(snapshotRefused, "case \(n): open refused what report read: \(error)")
                assertClear(error, naming: url.path, "case \(n) open")
            }
        }
        XCTAssertGreaterThan(refused, Self.cases / 4, "the generator spoils most files")
        XCTAssertGreaterThan(accepted, 0, "and some changes are harmless")
    }

    func testCraftedJSONIsRefusedOrImportedCorrectly() throws {
        let dir = TempDir()
        let base = try SessionStore.snapshot(at: try baseSession(dir, name: "base.pit", partner: "Parks Trust"), scales: scales)
        let exported = try SessionJSON.render(state: base.state, events: base.events, catalogue: catalogue)
        let fields = ["seq", "at", "author", "kind", "group", "instrument", "element", "level", "notApplicable", "target",
                      "note", "text", "id", "name", "sector", "initials", "rationale", "what", "owner", "due", "session"]
        let values: [Any] = [NSNull(), Int64.max, Int64.min, -1, 0, 9, 6, 3, 1e300, 2.5, "", "three", "2026-01-01T00:00:00Z",
                             "99999-01-01T00:00:00Z", String(repeating: "y", count: 20_000), true, [1, 2], ["k": "v"],
                             "\u{1B}[2J\u{202E}", Int64(Int32.max) + 1]
        var rng = SplitMix(seed: 7_070_707)
        var refused = 0, imported = 0
        for n in 0..<Self.cases {
            var doc = try XCTUnwrap(try JSONSerialization.jsonObject(with: exported) as? [String: Any])
            var events = try XCTUnwrap(doc["events"] as? [[String: Any]])
            for _ in 0..<Int.random(in: 1...3, using: &rng) {
                let i = Int.random(in: 0..<events.count, using: &rng)
                events[i][fields[Int.random(in: 0..<fields.count, using: &rng)]] = values[Int.random(in: 0..<values.count, using: &rng)]
            }
            doc["events"] = events
            let data = try JSONSerialization.data(withJSONObject: doc)
            let url = dir.file("imported-\(n).pit")
            do {
                let decoded = try SessionJSON.decode(data)
                let store = try SessionStore.importEvents(decoded.events, at: url, scales: scales)
                let snapshot = try SessionStore.snapshot(at: url, scales: scales)
                XCTAssertEqual(snapshot.events.map(\.payload), decoded.events.map(\.payload), "case \(n)")
                try useEverything(snapshot)
                store.close()
                imported += 1
            } catch {
                assertClear(error, naming: url.path, "case \(n) import")
                XCTAssertFalse(FileManager.default.fileExists(atPath: url.path), "case \(n): a refused import leaves no file")
                refused += 1
            }
        }
        XCTAssertGreaterThan(refused, Self.cases / 4)
        XCTAssertGreaterThan(imported, 0)
    }
}
