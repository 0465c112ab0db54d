import DiskCache
import Foundation
import Reports
import SessionEngine

/// Writes a report of the open session to a file the facilitator names.
enum ExportPrompt {

    static func open(over screen: any Screen, context: WorkshopContext) -> Navigation {
        guard let session = context.session else {
            context.say("Open a session to export it", error: true)
            return .stay
        }
        let sessionFile = URL(fileURLWithPath: session.store.path)
        let name = sessionFile.deletingPathExtension().lastPathComponent + "-report"
        let folder = session.reportsFolder ?? sessionFile.deletingLastPathComponent().path
        let base = URL(fileURLWithPath: folder).appendingPathComponent(name).path
        // A thrown-away demo's reports go to the folder pit was started in: "./" says so.
        let hint = "leave empty for \(session.reportsFolder == nil ? "" : "./")\(name).FORMAT"
        return .push(PromptScreen("Export a report", fields: [
            .init("Format", hint: ExportFormat.allCases.map(\.rawValue).joined(separator: ", "), value: "html"),
            .init("File", hint: hint, required: false),
        ], over: screen) { values in
            guard let format = ExportFormat(rawValue: values[0].lowercased()) else {
                return "Format must be one of: \(ExportFormat.allCases.map(\.rawValue).joined(separator: ", "))"
            }
            let path = values[1].isEmpty ? "\(base).\(format.fileExtension)" : HomePath.expand(values[1])
            // Asked before the report is made; NewFile asks again as it puts the file in place.
            if FileManager.default.fileExists(atPath: path) { return "\(path) already exists; choose another name" }
            let into = URL(fileURLWithPath: path).deletingLastPathComponent().path
            var isFolder: ObjCBool = false
            if !FileManager.default.fileExists(atPath: into, isDirectory: &isFolder) || !isFolder.boolValue {
                return "There is no folder \(into); name a file in a folder that exists"
            }
            do {
                let options = ReportOptions(timeZone: context.timeZone, divergenceThreshold: session.divergenceThreshold)
                let data = try Export.render(format, state: session.state, events: session.store.events,
                                             catalogue: context.catalogue, options: options)
                // Whole or not at all: a full disk used to leave a cut-off report under the
                // name, which the next try then refused as already there.
                try NewFile.write(data, to: path)
                context.say("Exported \(path)")
                return nil
            } catch let failure as NewFile.Failure {
                return failure.description
            } catch {
                return "Could not write \(path): \(error.localizedDescription)"
            }
        })
    }

}
