import Foundation

/// What a cached value was made by and from: the kind of cache, its layout's format, the
/// program, and the stamps of the files it was parsed from. A value is read back only
/// under the same header; any difference (an edited file, a new pit) makes it afresh.
public struct CacheHeader: Equatable, Sendable {
    public var kind: String
    /// Bumped when a layout changes in a way the build would not show.
    public var format: Int
    public var build: String
    public var stamps: [FileStamp]

    public init(kind: String, format: Int, build: String, stamps: [FileStamp]) {
        self.kind = kind
        self.format = format
        self.build = build
        self.stamps = stamps
    }

    /// This header's bytes, then the value's.
    public func encode(_ body: (inout ByteWriter) -> Void) -> [UInt8] {
        var w = ByteWriter()
        w.string(kind); w.int(format); w.string(build)
        w.array(stamps) { $0.stamp($1) }
        body(&w)
        return w.bytes
    }

    /// The value `body` reads from bytes written under this header; nil when they were
    /// written under another. Throws for bytes that are cut short, or longer than `body`
    /// reads.
    public func decode<T>(_ bytes: [UInt8], _ body: (inout ByteReader) throws -> T) throws -> T? {
        var r = ByteReader(bytes)
        guard try r.string() == kind, try r.int() == format, try r.string() == build,
              try r.array({ try $0.stamp() }) == stamps
        else { return nil }
        let value = try body(&r)
        guard r.isAtEnd else { throw ByteReader.Malformed() }
        return value
    }

    /// The value cached in `file` under this header, or else `make`'s, then written to
    /// `file` for the next start. A file that cannot be read or decoded is replaced; one
    /// that cannot be written is simply not kept. Throws what `make` throws (nothing is
    /// cached then).
    public func load<T>(_ file: URL, write: (inout ByteWriter, T) -> Void, read: (inout ByteReader) throws -> T,
                        make: () throws -> T) throws -> T {
        if let cached = cached(file, read: read) { return cached }
        return try makeAndKeep(file, write: write, make: make)
    }

    /// The value cached in `file` under this header; nil when there is none, it was
    /// written under another header, or it cannot be decoded.
    public func cached<T>(_ file: URL, read: (inout ByteReader) throws -> T) -> T? {
        guard let bytes = FileBytes.read(file.path) else { return nil }
        return try? decode(bytes, read)
    }

    /// What `read` takes from the front of the value cached in `file` under this header,
    /// reading only its first `length` bytes, or the whole file when `read` needs more than
    /// those; nil as for `cached`.
    public func cachedFront<T>(_ file: URL, length: Int, read: (inout ByteReader) throws -> T) -> T? {
        guard let front = FileBytes.read(file.path, limit: length) else { return nil }
        do {
            return try decodeFront(front, read)
        } catch {
            // Cut short by the limit, not damaged or written under another header: read it all.
            guard front.count == length, let whole = FileBytes.read(file.path) else { return nil }
            return try? decodeFront(whole, read)
        }
    }

    /// `decode` for the front of the bytes: what follows `body`'s part is not read.
    private func decodeFront<T>(_ bytes: [UInt8], _ body: (inout ByteReader) throws -> T) throws -> T? {
        try decode(bytes) { r in
            let value = try body(&r)
            r.skipToEnd()
            return value
        }
    }

    /// `make`'s value, written to `file` under this header for the next start (when it can be).
    public func makeAndKeep<T>(_ file: URL, write: (inout ByteWriter, T) -> Void, make: () throws -> T) throws -> T {
        let value = try make()
        _ = Folders.make(file.deletingLastPathComponent().path)
        try? Data(encode { write(&$0, value) }).write(to: file, options: .atomic)
        return value
    }
}
