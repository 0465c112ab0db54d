/// A catalogue whose problems are known at once and whose content (the triangle, every
/// instrument, the briefing) is read from the cache and decoded when it is first asked
/// for. The home screen's first frame needs none of it, and reading and decoding it were a
/// fifth of that start.
public struct DeferredCatalogue: Sendable {
    /// The files skipped while the catalogue was made, to report before the screens start.
    public let problems: [Diagnostic]
    private let content: Content

    private enum Content: Sendable {
        case ready(Catalogue)
        /// `read` reads and decodes the cache, nil when it no longer can; `remake` then
        /// parses the files afresh (and keeps the result in the cache).
        case cached(read: @Sendable () -> Catalogue?, remake: @Sendable () throws -> Catalogue)
    }

    init(made catalogue: Catalogue) {
        problems = catalogue.problems
        content = .ready(catalogue)
    }

    init(problems: [Diagnostic], cached: @escaping @Sendable () -> Catalogue?, remake: @escaping @Sendable () throws -> Catalogue) {
        self.problems = problems
        content = .cached(read: cached, remake: remake)
    }

    /// Whether `catalogue()` will decode (the cache was read) rather than hand over a parse.
    public var isCached: Bool {
        if case .cached = content { return true }
        return false
    }

    /// The whole catalogue. Throws only when cached content that cannot be decoded must be
    /// parsed afresh and that parse fails (a file made unreadable since the cache was written).
    public func catalogue() throws -> Catalogue {
        switch content {
        case .ready(let catalogue):
            return catalogue
        case .cached(let read, let remake):
            return try read() ?? remake()
        }
    }
}
