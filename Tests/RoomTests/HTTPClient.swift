import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// A small blocking HTTP client for the tests: no redirects followed, no cookies kept
/// (the tests carry the device cookie themselves), loopback only.
final class TestHTTP: NSObject, URLSessionTaskDelegate, @unchecked Sendable {
    struct Reply {
        var status: Int
        var headers: [String: String]
        var body: String
        func header(_ name: String) -> String? { headers.first { $0.key.lowercased() == name.lowercased() }?.value }
    }

    let base: String
    private lazy var session: URLSession = {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.httpShouldSetCookies = false
        configuration.httpCookieAcceptPolicy = .never
        configuration.timeoutIntervalForRequest = 10
        return URLSession(configuration: configuration, delegate: self, delegateQueue: nil)
    }()

    init(port: Int) {
        precondition(port > 0)
        base = "http://127.0.0.1:\(port)"
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
                    newRequest request: URLRequest, completionHandler: @escaping (URLRequest?) -> Void) {
        completionHandler(nil)
    }

    func get(_ path: String, cookie: String? = nil) throws -> Reply { try send("GET", path, body: nil, cookie: cookie) }

    func post(_ path: String, form: String, cookie: String? = nil, json: Bool = false) throws -> Reply {
        try send("POST", path, body: Data(form.utf8), cookie: cookie, json: json)
    }

    func send(_ method: String, _ path: String, body: Data?, cookie: String?, json: Bool = false) throws -> Reply {
        var request = URLRequest(url: URL(string: base + path)!)
        request.httpMethod = method
        request.httpBody = body
        if body != nil { request.setValue("application/x-www-form-urlencoded", forHTTPHeaderField: "Content-Type") }
        if let cookie { request.setValue("pit_device=\(cookie)", forHTTPHeaderField: "Cookie") }
        if json { request.setValue("application/json", forHTTPHeaderField: "Accept") }
        let done = DispatchSemaphore(value: 0)
        nonisolated(unsafe) var result: Result<Reply, Error> = .failure(URLError(.timedOut))
        session.dataTask(with: request) { data, response, error in
            if let error {
                result = .failure(error)
            } else if let http = response as? HTTPURLResponse {
                var headers: [String: String] = [:]
                for (k, v) in http.allHeaderFields { headers["\(k)"] = "\(v)" }
                result = .success(Reply(status: http.statusCode, headers: headers, body: String(decoding: data ?? Data(), as: UTF8.self)))
            }
            done.signal()
        }.resume()
        done.wait()
        return try result.get()
    }

    /// The device token from a Set-Cookie header.
    static func token(from reply: Reply) -> String? {
        guard let header = reply.header("Set-Cookie"), let range = header.range(of: "pit_device=") else { return nil }
        return String(header[range.upperBound...].prefix { $0 != ";" })
    }
}
