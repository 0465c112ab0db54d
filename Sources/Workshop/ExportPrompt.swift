import Foundation
import Reports
import SessionEngine

/// Writes a report of the open session to a file the facilitator names.
enum ExportPrompt {
    static let formats = ["md", "html", "csv", "json", "transcript"]

    static func open(over screen: any Screen, context: WorkshopContext) -> Navigation {
        guard let session = context.session else {
            context.say("Open a session to export it", error: true)
            return .stay
        }
        let base = URL(fileURLWithPath: session.store.path).deletingPathExtension().path
        return .push(PromptScreen("Export a report", fields: [
            .init("Format", hint: formats.joined(separator: ", "), value: "html"),
            .init("File", hint: "leave empty for \(URL(fileURLWithPath: base).lastPathComponent)-report.FORMAT", required: false),
        ], over: screen) { values in
            let format = values[0].lowercased()
            guard formats.contains(format) else { return "Format must be one of: \(formats.joined(separator: ", "))" }
            let ext = format == "transcript" ? "txt" : format
            let path = values[1].isEmpty ? "\(base)-report.\(ext)" : values[1]
            if FileManager.default.fileExists(atPath: path) { return "\(path) already exists; choose another name" }
            do {
                let data = try render(format, session: session, context: context)
                try data.write(to: URL(fileURLWithPath: path), options: .withoutOverwriting)
                context.say("Exported \(path)")
                return nil
            } catch {
                return "Could not write \(path): \(error.localizedDescription)"
            }
        })
    }

    static func render(_ format: String, session: SessionController, context: WorkshopContext) throws -> Data {
        let state = session.state, events = session.store.events, catalogue = context.catalogue
        let options = ReportOptions(timeZone: context.timeZone, divergenceThreshold: session.divergenceThreshold)
        switch format {
        case "md": return Data(MarkdownReport.render(state: state, events: events, catalogue: catalogue, options: options).utf8)
        case "html": return Data(HTMLReport.render(state: state, events: events, catalogue: catalogue, options: options).utf8)
        case "csv": return try CSVExport.render(state: state, catalogue: catalogue, options: options)
        case "json": return try SessionJSON.render(state: state, events: events, catalogue: catalogue, options: options)
        default:
            let transcript = Transcript.make(events: events, catalogue: catalogue)
            return Data(TranscriptRender.plain(transcript, timeZone: context.timeZone).utf8)
        }
    }
}
