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

    /// Reads `given` (a built-in plan's name, or a path ending in .yaml/.yml) and checks it
    /// against the loaded instruments.
    static func read(_ given: String, catalogue: Catalogue) throws -> SessionPlan {
        let isFile = given.hasSuffix(".yaml") || given.hasSuffix(".yml") || given.contains("/")
        let url: URL
        if isFile {
            url = URL(fileURLWithPath: given)
        } else if let folder = Resources.directory("Plans"), FileManager.default.fileExists(atPath: folder.appendingPathComponent(given + ".yaml").path) {
            url = folder.appendingPathComponent(given + ".yaml")
        } else {
            throw Problem(description: "there is no built-in plan \"\(given)\"; use one of: \(builtInNames().joined(separator: ", ")), or a .yaml file",
                          code: .usage)
        }
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw Problem(description: "\(url.path): cannot read the plan (\((error as NSError).localizedDescription))", code: .noInput)
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw Problem(description: "\(url.path): the plan is not UTF-8 text; save it as UTF-8 (a plan is a YAML file, see Plans/)", code: .dataError)
        }
        let name = url.deletingPathExtension().lastPathComponent
        let (template, problems) = PlanParser.parse(text, file: url.path, name: name, catalogue: catalogue)
        guard let template else { throw Problem(description: DiagnosticList(problems).description, code: .dataError) }
        return SessionPlan(name: template.name, title: template.title,
                           items: template.items.map { .init(instrument: $0.instrument, elements: $0.elements, minutes: $0.minutes) })
    }

    /// `read`, with problems on stderr and a sysexits code (for the command line).
    static func load(_ given: String, catalogue: Catalogue) throws -> SessionPlan {
        do { return try read(given, catalogue: catalogue) } catch let problem as Problem {
            complain(problem.description)
            throw problem.code
        }
    }
}
