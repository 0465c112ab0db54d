import HTTPTypes
import Hummingbird

/// A known address asked with a method it does not take is a 405 naming the methods it
/// does take (`Allow`), not a 404: the address is there, the request is wrong. HEAD is
/// answered wherever GET is (the router makes those answers from the GET ones).
struct MethodRules<Context: RequestContext>: RouterMiddleware {
    /// Each address and the methods its route takes, as `makeRouter` registers them.
    let allowed: [String: [HTTPRequest.Method]]

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as HTTPResponseError where error.status == .notFound {
            guard let methods = allowed[request.uri.path] else { throw error }
            return Response(status: .methodNotAllowed,
                            headers: [.allow: Self.allowHeader(methods), .contentType: "text/plain; charset=utf-8"],
                            body: .init(byteBuffer: .init(string: RoomRoutes.plainMessage(for: .methodNotAllowed))))
        }
    }

    static func allowHeader(_ methods: [HTTPRequest.Method]) -> String {
        var names = methods.map(\.rawValue)
        if methods.contains(.get) { names.append(HTTPRequest.Method.head.rawValue) }
        return names.joined(separator: ", ")
    }
}
