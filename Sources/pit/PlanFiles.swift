import ArgumentParser
import Foundation
import Instruments
import SessionEngine

/// Finds and reads plans: a name from pit's Plans/ folder, or a YAML file.
enum PlanFiles {
    /// The built-in plans' names, from Plans/*.yaml.
    static func builtInNames() -> [String] {
        guard let folder = Resources.directory("Plans"),
              let files = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { return [] }
        return files.filter { $0.hasSuffix(".yaml") }.map { String($0.dropLast(5)) }.sorted()
    }

    /// A plan that cannot be used, in words that name the file and the fix.
    struct Problem: Error, CustomStringConvertible {
        var description: String
        var code: ExitCode
    }

    /// Reads `given` (a built-in plan's name, or a path ending in .yaml/.yml, or any path
    /// that exists) and checks it against the loaded instruments.
    static func read(_ given: String, catalogue: Catalogue) throws -> SessionPlan {
        let builtIn = Resources.directory("Plans").map { $0.appendingPathComponent(given + ".yaml") }
        let isFile = given.hasSuffix(".yaml") || given.hasSuffix(".yml") || given.contains("/")
        let url: URL
        if isFile {
            url = URL(fileURLWithPath: given)
        } else if let builtIn, FileManager.default.fileExists(atPath: builtIn.path) {
            url = builtIn
        } else if FileManager.default.fileExists(atPath: given) {
            // `.`, a folder or file named without .yaml: read, so the message says what it is.
            url = URL(fileURLWithPath: given)
        } else {
            throw Problem(description: "there is no built-in plan \"\(given)\"; use one of: \(builtInNames().joined(separator: ", ")), or a .yaml file",
                          code: .usage)
        }
        let text: String
        switch PlanParser.text(at: url.path) {
        case .success(let read): text = read
        case .failure(.missing):
            throw Problem(description: "\(url.path): no such file" + builtInHint(given), code: .noInput)
        case .failure(.unreadable(let why)):
            throw Problem(description: "\(url.path): cannot read the plan: \(why)", code: .noInput)
        case .failure(.badContent(let why)):
            throw Problem(description: "\(url.path): \(why)", code: .dataError)
        }
        let name = url.deletingPathExtension().lastPathComponent
        let (template, problems) = PlanParser.parse(text, file: url.path, name: name, catalogue: catalogue)
        guard let template else { throw Problem(description: DiagnosticList(problems).description, code: .dataError) }
        return SessionPlan(name: template.name, title: template.title,
                           items: template.items.map { .init(instrument: $0.instrument, elements: $0.elements, minutes: $0.minutes) })
    }

    /// "; the built-in plan ... --plan tool-a-90" when `given` is a built-in plan's name
    /// with `.yaml` added (and no folder), the usual slip; otherwise nothing.
    static func builtInHint(_ given: String) -> String {
        guard !given.contains("/") else { return "" }
        let stem = given.hasSuffix(".yaml") ? String(given.dropLast(5)) : given.hasSuffix(".yml") ? String(given.dropLast(4)) : given
        guard builtInNames().contains(stem) else { return "" }
        return "; the built-in plan of that name is given without .yaml: --plan \(stem)"
    }

    /// `read`, with problems on stderr and a sysexits code (for the command line).
    static func load(_ given: String, catalogue: Catalogue) throws -> SessionPlan {
        do { return try read(given, catalogue: catalogue) } catch let problem as Problem {
            complain(problem.description)
            throw problem.code
        }
    }
}
