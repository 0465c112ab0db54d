import Foundation
import SessionEngine

extension SessionController {
    /// Writes the facilitator's focus to the file when it differs from the last one shared.
    /// A failure is kept like any unsaved change but never stops the workshop. It never
    /// waits for a busy file (the screens would freeze): the next key or idle tick tries
    /// again. A read-only file shares no focus.
    func publish(_ focus: RoomFocus) {
        guard sharesFocus, focus != publishedFocus, readOnlyReason == nil else { return }
        do {
            try store.writeFocus(focus, author: author, wait: false)
            publishedFocus = focus
        } catch SessionFileError.busy {
            return
        } catch {
            fileFailed(error)
        }
    }
}
