import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdWebSocket
import NIOCore

/// The room's addresses. Only `/`, `/room.css` and `/room.js` answer without the room
/// code or a device token; everything a device does after joining needs its token
/// (an HttpOnly, SameSite=Strict cookie).
///
///     GET  /            the code form (`?code=` from the QR code goes straight to the groups)
///     POST /join        code, then code + group: sets the device cookie, redirects to /device
///     GET  /device      the device's page
///     POST /score       element + answer: saved (303 to /device) or refused with a status
///     POST /leave       forgets the device
///     GET  /live        WebSocket: the device page's main part, sent again on every change
///
/// HEAD is answered wherever GET is; another method on one of these addresses is a 405.
enum RoomRoutes {
    /// The table above, for `MethodRules`; `RoomServerTests` holds it to the routes.
    static let allowed: [String: [HTTPRequest.Method]] = [
        "/": [.get], "/room.css": [.get], "/room.js": [.get], "/favicon.ico": [.get],
        "/join": [.post], "/device": [.get], "/score": [.post], "/leave": [.post], "/live": [.get],
    ]

    static func plainMessage(for status: HTTPResponse.Status) -> String {
        switch status.code {
        case 413: return "The request was too large. Nothing was saved.\n"
        case 404: return "There is nothing here. Join the room at /.\n"
        case 405: return "This address does not take that kind of request. Join the room at /.\n"
        case 426: return "This address is the live page's connection; open the room at / instead.\n"
        default: return "\(status.code) \(status.reasonPhrase)\n"
        }
    }
}

extension RoomServer {
    static func makeRouter(room: LiveRoom, assets: SiteAssets) -> Router<RoomRequestContext> {
        let router = Router(context: RoomRequestContext.self, options: .autoGenerateHeadEndpoints)
        router.middlewares.add(SecurityHeaders())
        router.middlewares.add(MethodRules(allowed: RoomRoutes.allowed))

        router.get("/") { request, context -> Response in
            let current = token(request).flatMap { room.device($0) }
            guard let typed = request.uri.queryParameters["code"].map(String.init) else {
                // A device already in the room opening the address again: its own page.
                if current != nil { return .redirect(to: "/device", type: .normal) }
                let ended = request.uri.queryParameters["ended"].flatMap { Pages.Ended(rawValue: String($0)) }
                return html(Pages.codePage(ended: ended))
            }
            return await codeStep(room: room, typed: typed, client: context.client, current: current)
        }
        router.get("/room.css") { _, _ in asset(assets.css, type: "text/css; charset=utf-8") }
        router.get("/room.js") { _, _ in asset(assets.javascript, type: "text/javascript; charset=utf-8") }
        // Browsers ask for an icon; an empty answer keeps their consoles free of errors.
        router.get("/favicon.ico") { _, _ in Response(status: .noContent) }

        router.post("/join") { request, context -> Response in
            let form = try await readForm(request, context: context)
            guard let form else { return html(Pages.codePage(error: "The form could not be read. Type the code again."), status: .badRequest) }
            let typed = form["code"] ?? ""
            // No code at all is not a guess: it does not count towards the wrong-code limit.
            guard !typed.trimmingCharacters(in: .whitespaces).isEmpty else {
                return html(Pages.codePage(error: "Type the room's code from the facilitator's screen."), status: .badRequest)
            }
            let current = token(request)
            guard let group = form["group"] else {
                return await codeStep(room: room, typed: typed, client: context.client, current: current.flatMap { room.device($0) })
            }
            switch await room.join(code: typed, group: group, client: context.client, current: current) {
            case .joined(let device):
                var response = Response.redirect(to: "/device", type: .normal)
                response.setCookie(Cookie(name: cookieName, value: device.token.value, path: "/", httpOnly: true, sameSite: .strict))
                return response
            case .wrongCode:
                return wrongCode(typed)
            case .tooManyTries(let wait):
                return tooMany(wait, typed: typed)
            case .roomBusy(let wait):
                return roomBusy(wait, typed: typed)
            case .noSuchGroup:
                return html(Pages.groupPage(code: typed, groups: room.groups, error: "That group is not in this session; pick one of these."),
                            status: .unprocessableContent)
            }
        }

        router.get("/device") { request, _ -> Response in
            guard let token = token(request) else { return .redirect(to: "/", type: .normal) }
            guard let view = room.view(for: token) else {
                guard let ended = ended(room.standing(token)) else {
                    return html(Pages.problemPage("Your group is no longer in this session. Ask the facilitator."), status: .gone)
                }
                return .redirect(to: "/?ended=\(ended.rawValue)", type: .normal)
            }
            // "Saved" only for the step that was saved, and only while the group's answer
            // stands: the address is kept by a reload or a bookmark.
            let saved = request.uri.queryParameters["saved"].map(String.init)
            let justSaved = saved != nil && saved == view.content?.ref.description && view.myAnswer != nil
            return html(Pages.devicePage(view, notice: justSaved ? Pages.Notice("Saved") : nil))
        }

        router.post("/score") { request, context -> Response in
            let wantsJSON = request.headers[.accept]?.contains("application/json") ?? false
            let form = try await readForm(request, context: context)
            let token = token(request)
            guard let form else {
                return refusal(room: room, token: token, status: 400, message: "The form could not be read. Nothing was saved.", json: wantsJSON)
            }
            let outcome = await room.score(token: token, element: form["element"] ?? "", answer: form["answer"] ?? "", group: form["group"])
            switch outcome {
            case .saved(let view):
                if wantsJSON { return json(LiveReply(ok: true, message: "Saved", html: Pages.deviceMain(view, notice: .init("Saved")))) }
                return .redirect(to: savedAddress(view), type: .normal)
            case .refused(let status, let message):
                return refusal(room: room, token: token, status: status, message: message, json: wantsJSON)
            }
        }

        router.post("/leave") { request, _ -> Response in
            if let token = token(request) { room.leave(token) }
            var response = Response.redirect(to: "/", type: .normal)
            response.setCookie(Cookie(name: cookieName, value: "", maxAge: 0, path: "/", httpOnly: true, sameSite: .strict))
            return response
        }

        router.ws("/live") { request, _ in
            // Refused in words rather than with the library's bare 405 (a GET is this
            // address's method): the request is not a WebSocket, or not from this room.
            guard request.headers[.upgrade]?.lowercased() == "websocket" else {
                throw HTTPError(.upgradeRequired, headers: [.upgrade: "websocket"])
            }
            guard sameOrigin(request) else { throw HTTPError(.forbidden) }
            guard let token = token(request), room.device(token) != nil else { throw HTTPError(.unauthorized) }
            return .upgrade([:])
        } onUpgrade: { inbound, outbound, context in
            guard let token = token(context.request), let subscription = room.subscribe(token) else { return }
            defer { room.unsubscribe(token, id: subscription.id) }
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask {
                    // Devices only listen; anything they send is read and dropped (bounded).
                    for try await _ in inbound.messages(maxSize: 1024) {}
                }
                group.addTask {
                    for await fragment in subscription.updates { try await outbound.write(.text(fragment)) }
                }
                try await group.next()
                group.cancelAll()
            }
        }
        return router
    }

    /// A code was typed: the groups if it is right (saying which group this browser
    /// already scores for, if it does), the code form again if not.
    static func codeStep(room: LiveRoom, typed: String, client: String, current: Device? = nil) async -> Response {
        switch await room.check(code: typed, client: client) {
        case .right:
            let groups = room.groups
            let currentName = current.flatMap { device in groups.first { $0.id == device.groupID }?.name }
            return html(Pages.groupPage(code: RoomCode(typed: typed)?.value ?? "", groups: groups, current: currentName))
        case .wrong:
            return wrongCode(typed)
        case .tooManyTries(let wait):
            return tooMany(wait, typed: typed)
        case .roomBusy(let wait):
            return roomBusy(wait, typed: typed)
        }
    }

    /// Why a device is no longer in the room; nil while it is (its group may be gone).
    static func ended(_ standing: LiveRoom.Standing) -> Pages.Ended? {
        switch standing {
        case .released: return .released
        case .unknown: return .room
        case .joined: return nil
        }
    }

    /// Where a plain form post goes after a save: the device page, naming the step saved.
    static func savedAddress(_ view: ParticipantView) -> String {
        guard let ref = view.content?.ref.description,
              let query = ref.addingPercentEncoding(withAllowedCharacters: savedQueryAllowed) else { return "/device" }
        return "/device?saved=\(query)"
    }

    private static let savedQueryAllowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-._~/"))

    /// This address's own wrong codes: only then does the page speak of this device.
    /// The code form again with what was typed still in it, to be corrected rather than retyped.
    static func wrongCode(_ typed: String) -> Response {
        html(Pages.codePage(error: "That is not this room's code. Check the facilitator's screen.", code: typed), status: .forbidden)
    }

    static func tooMany(_ wait: Int, typed: String) -> Response {
        retryLater(wait, "Too many wrong codes from this device. Wait \(wait) seconds and try again.", typed: typed)
    }

    /// The room as a whole is being sent many wrong codes, perhaps by someone else.
    static func roomBusy(_ wait: Int, typed: String) -> Response {
        retryLater(wait, "Many wrong codes are being tried in this room just now (not necessarily from this device), "
                   + "so codes are checked one at a time. Wait \(wait) seconds and try again.", typed: typed)
    }

    static func retryLater(_ wait: Int, _ message: String, typed: String) -> Response {
        var response = html(Pages.codePage(error: message, code: typed), status: .tooManyRequests)
        response.headers[.retryAfter] = String(wait)
        return response
    }

    struct LiveReply: Encodable {
        var ok: Bool
        var message: String
        var html: String
    }

    static func refusal(room: LiveRoom, token: DeviceToken?, status: Int, message: String, json wantsJSON: Bool) -> Response {
        let status = HTTPResponse.Status(code: status)
        let view = token.flatMap { room.view(for: $0) }
        if wantsJSON {
            let fragment = view.map { Pages.deviceMain($0, notice: .init(message, isError: true)) } ?? ""
            var response = json(LiveReply(ok: false, message: message, html: fragment))
            response.status = status
            return response
        }
        if let view { return html(Pages.devicePage(view, notice: .init(message, isError: true)), status: status) }
        return html(Pages.problemPage(message), status: status)
    }

    /// The form in a post, or nil when it is not one; a body over the limit is a 413.
    static func readForm(_ request: Request, context: RoomRequestContext) async throws -> FormBody? {
        var request = request
        let buffer = try await request.collectBody(upTo: maxBodyBytes)
        return try? FormBody(Array(buffer.readableBytesView))
    }

    static func token(_ request: Request) -> DeviceToken? {
        request.cookies[cookieName].flatMap { DeviceToken(presented: $0.value) }
    }

    /// A WebSocket from a page of this server, not from another site's script.
    static func sameOrigin(_ request: Request) -> Bool {
        guard let origin = request.headers[.origin] else { return true }
        guard let host = request.head.authority else { return false }
        return origin == "http://\(host)"
    }

    static func html(_ text: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: "text/html; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    static func asset(_ text: String, type: String) -> Response {
        Response(status: .ok, headers: [.contentType: type], body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    static func json(_ reply: LiveReply) -> Response {
        let data = (try? JSONEncoder().encode(reply)) ?? Data("{}".utf8)
        return Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}
