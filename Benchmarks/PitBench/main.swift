// Measures pit's own work on the paths the design sets goals for. Run in release:
//   swift run -c release pit-bench
// Prints the median and worst wall time of several runs for each case, and the median CPU
// time (the figure to trust on a busy machine); nothing here is a test.
import Foundation
import Instruments
import Reports
import SessionEngine
import TerminalKit
import Workshop

let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
let catalogue = try Catalogue.load(shipped: root.appendingPathComponent("Assessments"))
let scales = catalogue.scaleLevels
let themes = ThemeLoader.loadAll(from: root.appendingPathComponent("Themes")).themes

/// CPU time of this process in milliseconds: what a case cost us, whatever else the machine
/// is running (wall time stretches when other processes share the cores).
func cpuMilliseconds() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t)
    return Double(t.tv_sec) * 1000 + Double(t.tv_nsec) / 1_000_000
}

func measure(_ name: String, runs: Int, _ body: () throws -> Void) rethrows {
    var samples: [Double] = []
    var cpu: [Double] = []
    for _ in 0..<runs {
        let start = DispatchTime.now().uptimeNanoseconds
        let cpuStart = cpuMilliseconds()
        try body()
        cpu.append(cpuMilliseconds() - cpuStart)
        samples.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1_000_000)
    }
    samples.sort()
    cpu.sort()
    let median = samples[samples.count / 2]
    let label = name.padding(toLength: 56, withPad: " ", startingAt: 0)
    print(label + String(format: " median %9.3f ms   max %9.3f ms   cpu %9.3f ms   (%d runs)", median, samples.last!,
                         cpu[cpu.count / 2], runs))
}

/// `--save-exports DIR` also writes every export of the demo and the 1,000-partner sessions
/// to DIR, so a change to an exporter can be checked byte for byte (`cmp`) against the last.
let saveExports: URL? = CommandLine.arguments.firstIndex(of: "--save-exports").flatMap {
    $0 + 1 < CommandLine.arguments.count ? URL(fileURLWithPath: CommandLine.arguments[$0 + 1]) : nil
}
func saveEveryExport(of file: URL, as name: String) throws {
    guard let dir = saveExports else { return }
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    let snapshot = try SessionStore.snapshot(at: file, scales: scales)
    let options = ReportOptions(timeZone: TimeZone(identifier: "UTC")!)
    for format in ExportFormat.allCases where format != .csv {
        try Export.render(format, state: snapshot.state, events: snapshot.events, catalogue: catalogue, options: options)
            .write(to: dir.appendingPathComponent("\(name).\(format.rawValue).\(format.fileExtension)"))
    }
    for table in CSVExport.Table.allCases {
        try CSVExport.render(state: snapshot.state, catalogue: catalogue, table: table, options: options)
            .write(to: dir.appendingPathComponent("\(name).\(table.rawValue).csv"))
    }
}

let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("pit-bench-\(getpid())")
try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
defer { try? FileManager.default.removeItem(at: scratch) }

// 1. Key press to frame: handle a key and render the whole screen, at 250x70.
// The sessions whose exports are measured are stamped with a fixed time, so each run's
// exports are the same bytes (see --save-exports).
let benchStart = Date(timeIntervalSince1970: 1_767_258_000)
let fixedClock: SessionClock = { benchStart }
let demo = try DemoSeed.create(at: scratch.appendingPathComponent("demo.pit"),
                               elements: [(instrument: "tool-a", elements: catalogue.instrument("tool-a")!.elements.map(\.id))],
                               seed: 7, start: benchStart, scales: scales, clock: fixedClock)
try saveEveryExport(of: demo.url, as: "demo")
let context = WorkshopContext(catalogue: catalogue, themes: themes)
context.session = SessionController(store: demo, author: "bench")
for (label, screen, key) in [("triangle: arrow key + frame", TriangleScreen() as any Screen, Key.right),
                             ("step screen with scores: next step + frame", ElementScreen(instrument: "tool-a", index: 0), Key.right),
                             ("step list: down + frame", ElementListScreen(instrument: "tool-a"), Key.down)] {
    var app = App(root: screen, context: context)
    for size in [Size(width: 80, height: 24), Size(width: 250, height: 70)] {
        measure("\(label) at \(size.width)x\(size.height)", runs: 200) {
            app.handle(key)
            _ = app.render(size: size)
        }
    }
}

// 2. Open a session of 100,000 events (checks, read, fold).
let big = scratch.appendingPathComponent("big.pit")
do {
    let store = try SessionStore.create(at: big, info: SessionInfo(title: "Big", instruments: ["tool-a"]),
                                        groups: (1...40).map { Group(id: "g\($0)", name: "Group \($0)", sector: .other) }, author: "bench", scales: scales)
    let steps = catalogue.instrument("tool-a")!.elements.map(\.id)
    var batch: [EventPayload] = []
    for i in 0..<100_000 {
        let ref = ElementRef(instrument: "tool-a", element: steps[i % steps.count])
        batch.append(.scoreRecorded(group: "g\(i % 40 + 1)", element: ref, answer: .level(i % 5 + 1), note: i % 10 == 0 ? "note \(i)" : nil))
        if batch.count == 10_000 { try store.append(batch, author: "bench"); batch.removeAll() }
    }
    store.close()
}
try measure("open + fold a 100,000-event session", runs: 5) {
    let store = try SessionStore.open(at: big, scales: scales)
    precondition(store.events.count > 100_000)
    store.close()
}
try FileManager.default.removeItem(at: scratch.appendingPathComponent("demo.pit"))

// 3. Reports over a session of 1,000 partners (what `pit merge` makes of 1,000 files).
let partners = scratch.appendingPathComponent("partners.pit")
do {
    let groups = (1...1000).map { Group(id: "p\($0)", name: "Partner \($0)", sector: .other) }
    let store = try SessionStore.create(at: partners, info: SessionInfo(title: "Merged", instruments: ["tool-a"]),
                                        groups: groups, author: "bench", scales: scales, clock: fixedClock)
    let steps = catalogue.instrument("tool-a")!.elements.map(\.id)
    var batch: [EventPayload] = []
    for (g, group) in groups.enumerated() {
        for (e, step) in steps.enumerated() {
            batch.append(.scoreRecorded(group: group.id, element: ElementRef(instrument: "tool-a", element: step),
                                        answer: .level((g + e) % 5 + 1), note: nil))
        }
    }
    try store.append(batch, author: "bench")
    store.close()
}
try saveEveryExport(of: partners, as: "partners")
let reportOptions = ReportOptions(timeZone: TimeZone(identifier: "UTC")!)
// Every export format: reading the session, then the export alone (what the export key costs).
let partnersSnapshot = try SessionStore.snapshot(at: partners, scales: scales)
for format in ExportFormat.allCases {
    try measure("1,000 partners: read + \(format.rawValue)", runs: 5) {
        let snapshot = try SessionStore.snapshot(at: partners, scales: scales)
        _ = try Export.render(format, state: snapshot.state, events: snapshot.events, catalogue: catalogue, options: reportOptions)
    }
    try measure("1,000 partners: \(format.rawValue) alone", runs: 5) {
        _ = try Export.render(format, state: partnersSnapshot.state, events: partnersSnapshot.events, catalogue: catalogue,
                              options: reportOptions)
    }
}
for table in CSVExport.Table.allCases where table != .scores {
    try measure("1,000 partners: csv \(table.rawValue) table alone", runs: 5) {
        _ = try CSVExport.render(state: partnersSnapshot.state, catalogue: catalogue, table: table, options: reportOptions)
    }
}
try measure("1,000 partners: open + heat map screen at 250x70", runs: 20) {
    let context = WorkshopContext(catalogue: catalogue, themes: themes)
    context.session = SessionController(store: try SessionStore.open(at: partners, scales: scales), author: "bench")
    var app = App(root: MatrixScreen(view: .heatmap), context: context)
    app.handle(.down)
    _ = app.render(size: Size(width: 250, height: 70))
    context.session?.store.close()
}

// 4. Key to frame on each matrix screen of the 1,000-partner session, once it is open.
do {
    let context = WorkshopContext(catalogue: catalogue, themes: themes)
    context.session = SessionController(store: try SessionStore.open(at: partners, scales: scales), author: "bench")
    for view in MatrixScreen.View.allCases {
        var app = App(root: MatrixScreen(view: view), context: context)
        for size in [Size(width: 80, height: 24), Size(width: 250, height: 70)] {
            app.resize(to: size)  // as the run loop does: keys and frames agree on the size
            _ = app.render(size: size)
            var down = true
            measure("1,000 partners: \(view) matrix, key + frame at \(size.width)x\(size.height)", runs: 50) {
                app.handle(down ? .down : .up)
                down.toggle()
                _ = app.render(size: size)
            }
        }
    }
    context.session?.store.close()
}

// 5. The transcript view with one 2,000,000-character note (notes from files are bounded
// on the way in, but the view must stay linear in what it is given). One frame each.
do {
    let start = Date(timeIntervalSince1970: 1_767_258_000)
    let created = Event(seq: 1, at: start, author: "bench", payload: .sessionCreated(SessionInfo(title: "Long note")))
    let context = WorkshopContext(catalogue: catalogue, themes: themes)
    for (label, text) in [("one unbroken word", String(repeating: "x", count: 2_000_000)),
                          ("words", String(repeating: "words in the room ", count: 2_000_000 / 18))] {
        let note = Event(seq: 2, at: start, author: "bench", payload: .noteAdded(id: "n1", element: nil, text: text))
        measure("transcript view, 2,000,000-char note (\(label)) at 120x40", runs: 3) {
            _ = MatrixScreen.renderTranscript(events: [created, note], size: Size(width: 120, height: 40), context: context)
        }
    }
}
