import Foundation
import Instruments
import SessionEngine

/// The formats a session can be exported to.
public enum ExportFormat: String, CaseIterable, Sendable {
    case md, csv, html, json, transcript
    case transcriptMd = "transcript-md"

    /// The usual file extension for the format.
    public var fileExtension: String {
        switch self {
        case .md, .transcriptMd: "md"
        case .csv: "csv"
        case .html: "html"
        case .json: "json"
        case .transcript: "txt"
        }
    }
}

/// One entry point for every export, used by `pit report` and the screens' export key.
public enum Export {
    public static func render(_ format: ExportFormat, state: SessionState, events: [Event], catalogue: Catalogue,
                              options: ReportOptions = ReportOptions(), csvTable: CSVExport.Table = .scores,
                              byteOrderMark: Bool = false) throws -> Data {
        switch format {
        case .md:
            return Data((MarkdownReport.render(state: state, events: events, catalogue: catalogue, options: options) + "\n").utf8)
        case .html:
            return Data(HTMLReport.render(state: state, events: events, catalogue: catalogue, options: options).utf8)
        case .csv:
            return try CSVExport.render(state: state, catalogue: catalogue, table: csvTable, options: options, byteOrderMark: byteOrderMark)
        case .json:
            return try SessionJSON.render(state: state, events: events, catalogue: catalogue, options: options)
        case .transcript:
            return Data(TranscriptRender.plain(Transcript.make(events: events, state: state, catalogue: catalogue), timeZone: options.timeZone).utf8)
        case .transcriptMd:
            return Data(TranscriptRender.markdown(Transcript.make(events: events, state: state, catalogue: catalogue), timeZone: options.timeZone).utf8)
        }
    }
}
