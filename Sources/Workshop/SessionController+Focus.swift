import Foundation
import SessionEngine

extension SessionController {
    /// Writes the facilitator's focus to the file when it differs from the last one shared.
    /// A failure is kept like any unsaved change but never stops the workshop.
    func publish(_ focus: RoomFocus) {
        guard focus != publishedFocus else { return }
        do {
            try store.writeFocus(focus, author: author)
            publishedFocus = focus
        } catch {
            lastFailure = "\(error)"
        }
    }
}
