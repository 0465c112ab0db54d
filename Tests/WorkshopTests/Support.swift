import Foundation
import Instruments
import TerminalKit
import Workshop
import XCTest

/// The repository root, found from this file's path, so tests read the shipped files.
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

let shippedCatalogue: Catalogue = {
    do { return try Catalogue.load(shipped: repositoryRoot.appendingPathComponent("Assessments")) }
    catch { fatalError("the shipped Assessments do not load: \(error)") }
}()

let shippedThemes: [Theme] = ThemeLoader.loadAll(from: repositoryRoot.appendingPathComponent("Themes")).themes

func makeContext() -> WorkshopContext {
    WorkshopContext(catalogue: shippedCatalogue, themes: shippedThemes)
}

/// Compares a canvas with a stored text snapshot: the characters, the colour roles of
/// every cell, and how it looks in monochrome. Set PIT_RECORD_SNAPSHOTS=1 to rewrite:
/// the run then fails on purpose, so a recording is never mistaken for a passing run.
func assertSnapshot(_ canvas: Canvas, named name: String, file: StaticString = #filePath, line: UInt = #line) {
    let mono = shippedThemes.first { $0.name == "default" } ?? Theme.plain
    let text = """
    == text \(canvas.width)x\(canvas.height) ==
    \(canvas.lines().joined(separator: "\n"))
    == roles ==
    \(canvas.roleLines().joined(separator: "\n"))
    == mono ==
    \(canvas.monoLines(theme: mono).joined(separator: "\n"))

    """
    let url = repositoryRoot.appendingPathComponent("Tests/WorkshopTests/Snapshots/\(name).txt")
    if ProcessInfo.processInfo.environment["PIT_RECORD_SNAPSHOTS"] == "1" {
        try? FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        do {
            try text.write(to: url, atomically: true, encoding: .utf8)
            XCTFail("recorded \(name); read its diff, then run again without PIT_RECORD_SNAPSHOTS", file: file, line: line)
        } catch {
            XCTFail("could not record \(name): \(error)", file: file, line: line)
        }
        return
    }
    guard let stored = try? String(contentsOf: url, encoding: .utf8) else {
        XCTFail("no snapshot \(url.lastPathComponent); run with PIT_RECORD_SNAPSHOTS=1 to create it", file: file, line: line)
        return
    }
    if stored != text {
        let actual = url.deletingPathExtension().appendingPathExtension("actual.txt")
        try? text.write(to: actual, atomically: true, encoding: .utf8)
        XCTFail("\(name) differs from its snapshot; see \(actual.path)", file: file, line: line)
    }
}

/// Drives an App with keys, like a person would.
extension App {
    mutating func press(_ keys: Key...) { for key in keys { handle(key) } }
    mutating func type(_ text: String) { for c in text { handle(.char(c)) } }
}

let snapshotSizes: [(Int, Int)] = [(80, 24), (120, 40), (40, 12)]
