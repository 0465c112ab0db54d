import ArgumentParser
import Foundation
import SessionEngine
import Workshop

struct PresentCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "present",
        abstract: "Show the audience's view of a session (for the projector); it follows the facilitator.",
        discussion: """
        Read-only: no key changes the session. q quits; f stops or resumes following the \
        facilitator. Run it on the projected screen while the facilitator runs `pit open` \
        on the same file.
        """)
    @OptionGroup var options: GlobalOptions
    @Argument(help: "The session file (.pit).", transform: FileArgument.named) var file: String

    func run() throws {
        let context = try makeContext(options.settings)
        let store = try SessionFiles.attempt {
            try SessionStore.openForReading(at: URL(fileURLWithPath: file), scales: context.catalogue.scaleLevels)
        }
        context.session = SessionController(store: store, author: "audience")
        var app = App(root: AudienceScreen(), context: context)
        app.presenting = true
        try runScreens(&app) {
            // Never waits for a busy file: the projector keeps its frame and looks again.
            let changed = (try? store.refreshChanges(wait: false)).map { !$0.isEmpty } ?? false
            // A running countdown redraws every tick so the seconds move.
            return changed || (store.focus?.timer?.isRunning ?? false)
        }
        store.close()
    }
}
