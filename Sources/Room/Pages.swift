import Escaping
import Instruments
import SessionEngine

/// The participant's pages as HTML. Every piece of text from the session or the
/// instruments goes through `Escape.html`, as in the HTML report: markup is inert, and
/// control and bidirectional characters show as stand-ins. There is no inline script or
/// style, so the content security policy can forbid both.
public enum Pages {
    /// How often a device page without JavaScript reloads itself.
    static let refreshSeconds = 10

    /// A whole page around `body`. Without JavaScript a device page reloads itself now and
    /// then (the `noscript` refresh) so the facilitator's moves still arrive. The reload
    /// always asks for the plain device page, whatever address showed this one: a page
    /// after a save (`?saved=`) would say "Saved" again on every later step, and a refusal
    /// shown in answer to a post has no page of its own to reload.
    static func document(title: String, body: String, refreshWithoutScript: Bool = false, script: Bool = false) -> String {
        """
        <!doctype html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(Escape.html(title))</title>
        <link rel="stylesheet" href="/room.css">
        \(refreshWithoutScript ? "<noscript><meta http-equiv=\"refresh\" content=\"\(refreshSeconds); url=/device\"></noscript>" : "")
        \(script ? "<script src=\"/room.js\" defer></script>" : "")
        </head>
        <body>
        \(body)
        </body>
        </html>
        """
    }

    /// Why a device that had joined is on the code form again. Only these fixed words are
    /// shown (the address names one), never text from the address itself.
    public enum Ended: String, Sendable {
        case released
        /// The device's room closed or restarted (its token is unknown here).
        case room

        var message: String {
            switch self {
            case .released:
                return "The facilitator released your group's devices, so this one no longer scores. "
                    + "The scores it saved are kept. Enter the room code to join again."
            case .room:
                return "This device is no longer in the room: the room was closed or restarted since it joined. "
                    + "The scores it saved are kept. Enter the room code to join again (it may have changed)."
            }
        }
    }

    /// The first page: type the room code.
    public static func codePage(error: String? = nil, code: String = "", ended: Ended? = nil) -> String {
        document(title: "Join the room", body: """
            <main id="main">
            <h1>Join the room</h1>
            \(ended.map { "<p class=\"notice info\" role=\"status\">\(Escape.html($0.message))</p>" } ?? "")
            \(errorBlock(error))
            <form method="post" action="/join">
            <label for="code">Room code (on the facilitator's screen)</label>
            <input id="code" name="code" type="text" inputmode="text" autocomplete="off" autocapitalize="characters"
             spellcheck="false" maxlength="12" required value="\(Escape.html(code))">
            <button type="submit" class="primary">Next</button>
            </form>
            </main>
            """)
    }

    /// The second page: pick the group this device speaks for. `current`: the group this
    /// browser already scores for (the QR code scanned again), offered first.
    public static func groupPage(code: String, groups: [Group], error: String? = nil, current: String? = nil) -> String {
        let options = groups.map { group in
            "<button type=\"submit\" name=\"group\" value=\"\(Escape.html(group.id))\" class=\"choice\">\(Escape.html(group.name))</button>"
        }.joined(separator: "\n")
        return document(title: "Pick your group", body: """
            <main id="main">
            <h1>Which group are you?</h1>
            \(current.map { "<p class=\"notice info\">This device already scores for <strong>\(Escape.html($0))</strong>. "
                + "<a href=\"/device\">Back to your page</a>, or pick a group: the same one keeps this device, another moves it.</p>" } ?? "")
            \(errorBlock(error))
            <form method="post" action="/join">
            <input type="hidden" name="code" value="\(Escape.html(code))">
            <fieldset><legend>Your group</legend>
            \(groups.isEmpty ? "<p>The facilitator has not added any groups yet.</p>" : options)
            </fieldset>
            </form>
            </main>
            """)
    }

    /// The device's page: the whole document.
    public static func devicePage(_ view: ParticipantView, notice: Notice? = nil) -> String {
        document(title: deviceTitle(view),
                 body: "<main id=\"main\">\n\(deviceMain(view, notice: notice))\n</main>",
                 refreshWithoutScript: true, script: true)
    }

    /// The tab's title for a device's view. The live page takes it from the heading's
    /// `data-title` at each update (room.js), so the tab names the step on screen.
    static func deviceTitle(_ view: ParticipantView) -> String {
        view.content.map { "\($0.title) · pit" } ?? "Waiting · pit"
    }

    /// A message above the buttons: saved, or why something was refused.
    public struct Notice: Equatable, Sendable {
        public var text: String
        public var isError: Bool
        public init(_ text: String, isError: Bool = false) { self.text = text; self.isError = isError }
    }

    /// The inside of the device page's `main`: also what the live updates replace.
    public static func deviceMain(_ view: ParticipantView, notice: Notice? = nil) -> String {
        var html = "<p class=\"who\">Scoring for <strong>\(Escape.html(view.groupName))</strong> · \(Escape.html(view.sessionTitle))</p>\n"
        if let notice {
            // No live-region role: with the script, one line outside the replaced part reads
            // out what changed (room.js); without it, each notice comes with a new page.
            html += "<p class=\"notice\(notice.isError ? " error" : " saved")\">\(Escape.html(notice.text))</p>\n"
        }
        guard let content = view.content else {
            html += "<h1 data-title=\"\(Escape.html(deviceTitle(view)))\">Waiting for the facilitator</h1>\n<p>The scoring buttons appear here when the facilitator opens a question to score.</p>\n"
            html += leaveForm()
            return html
        }
        html += "<p class=\"where\">\(Escape.html(content.instrumentTitle)) · \(content.number) of \(content.count)</p>\n"
        html += "<h1 data-title=\"\(Escape.html(deviceTitle(view)))\">\(Escape.html(content.title))</h1>\n"
        if !content.focus.isEmpty { html += "<p class=\"focus\">\(Escape.html(content.focus))</p>\n" }
        html += "<p class=\"state\">\(stateLine(view))</p>\n"
        if view.round > 1 && view.myAnswer == nil {
            html += "<p class=\"round\">The facilitator started a new round after the discussion. "
                + "The answers from earlier rounds are kept in the record.</p>\n"
        }
        let disabled = view.locked || view.revealed ? " disabled" : ""
        html += "<form method=\"post\" action=\"/score\" class=\"levels\">\n"
        html += "<input type=\"hidden\" name=\"element\" value=\"\(Escape.html(content.ref.description))\">\n"
        html += "<fieldset\(disabled)><legend>Your group's score</legend>\n"
        for level in content.levels {
            let chosen = view.myAnswer == .level(level.value)
            html += "<button type=\"submit\" name=\"answer\" value=\"\(level.value)\" class=\"level\(chosen ? " chosen" : "")\" aria-pressed=\"\(chosen)\"\(disabled)>"
            html += "<span class=\"n\">\(level.value)</span> <span class=\"label\">\(Escape.html(level.label))</span>"
            html += "<span class=\"descriptor\">\(Escape.html(level.descriptor))</span></button>\n"
        }
        if content.allowsNotApplicable {
            let chosen = view.myAnswer == .notApplicable
            html += "<button type=\"submit\" name=\"answer\" value=\"na\" class=\"level na\(chosen ? " chosen" : "")\" aria-pressed=\"\(chosen)\"\(disabled)>"
            html += "<span class=\"label\">Not applicable</span></button>\n"
        }
        // Don't know is its own answer (the group lacks the evidence), apart from not applicable.
        let dontKnow = view.myAnswer == .dontKnow
        html += "<button type=\"submit\" name=\"answer\" value=\"dk\" class=\"level na\(dontKnow ? " chosen" : "")\" aria-pressed=\"\(dontKnow)\"\(disabled)>"
        html += "<span class=\"label\">Don't know</span><span class=\"descriptor\">we lack the evidence to say</span></button>\n"
        html += "</fieldset>\n</form>\n"
        html += "<p class=\"scale-note\">\(Escape.html(ScaleOwnership.short))</p>\n"
        if let spread = view.spread {
            html += "<section class=\"spread\" aria-labelledby=\"spread-h\"><h2 id=\"spread-h\">How the room scored</h2>\n<table>\n"
            html += "<tr><th scope=\"col\">Answer</th><th scope=\"col\">Groups</th></tr>\n"
            for row in spread {
                let name = row.answer.level.map { "\($0) \(row.label)" } ?? row.label
                html += "<tr><td>\(Escape.html(name))</td><td>\(row.count)</td></tr>\n"
            }
            html += "</table>\n</section>\n"
        }
        html += leaveForm()
        return html
    }

    static func stateLine(_ view: ParticipantView) -> String {
        var parts: [String] = []
        // A new round empties the buttons: say why, or the page looks as if the score was lost.
        if view.round > 1 { parts.append(view.myAnswer == nil ? "Round \(view.round): score again" : "Round \(view.round)") }
        if let answer = view.myAnswer, let content = view.content {
            switch answer {
            case .level(let l): parts.append("Your score: \(l) \(content.levels.first { $0.value == l }?.label ?? "")")
            case .notApplicable: parts.append("Your score: not applicable")
            case .dontKnow: parts.append("Your answer: don't know")
            }
        } else if view.round == 1 {
            parts.append("Not scored yet")
        }
        if view.locked { parts.append("voting is locked") }
        if view.revealed { parts.append("scores revealed") } else { parts.append("\(view.scoredCount) of \(view.groupCount) groups in") }
        return Escape.html(parts.joined(separator: " · "))
    }

    static func leaveForm() -> String {
        "<form method=\"post\" action=\"/leave\" class=\"leave\"><button type=\"submit\">Leave the room</button></form>\n"
    }

    static func errorBlock(_ error: String?) -> String {
        guard let error else { return "" }
        return "<p class=\"notice error\" role=\"alert\">\(Escape.html(error))</p>"
    }

    /// What a device's live page shows when the facilitator closes the room: the last
    /// message before its connection ends, so the page neither tries again nor says the
    /// device left. (`room-closed` tells the script to stop.)
    public static func roomClosedMain() -> String {
        "<h1 id=\"room-closed\" data-title=\"The room is closed · pit\">The room is closed</h1>"
            + "<p>The facilitator has closed the room. Every score you saw as saved is kept in the session.</p>"
            + "<p><a href=\"/\">Join again</a> when the facilitator opens a room.</p>\n"
    }

    /// A short page for refusals that have nowhere better to go.
    public static func problemPage(_ message: String) -> String {
        document(title: "pit", body: "<main id=\"main\"><h1>Not possible</h1>\(errorBlock(message))<p><a href=\"/\">Join the room</a></p></main>")
    }
}
