/// Values as compact bytes for pit's caches of parsed files: lengths and numbers as
/// little-endian 64-bit integers, text as its UTF-8 bytes after its length. Written by
/// hand because Foundation's Codable decoders spend longer looking up conformances than
/// parsing the YAML would take.
public struct ByteWriter {
    public init() {}
    public private(set) var bytes: [UInt8] = []

    public mutating func int(_ value: Int) {
        withUnsafeBytes(of: Int64(value).littleEndian) { bytes.append(contentsOf: $0) }
    }
    public mutating func double(_ value: Double) { int(Int(bitPattern: UInt(value.bitPattern))) }
    public mutating func bool(_ value: Bool) { bytes.append(value ? 1 : 0) }
    public mutating func string(_ value: String) {
        var value = value
        value.withUTF8 { utf8 in
            int(utf8.count)
            bytes.append(contentsOf: utf8)
        }
    }
    public mutating func optional(_ value: String?) {
        bool(value != nil)
        if let value { string(value) }
    }
    public mutating func strings(_ values: [String]) {
        int(values.count)
        for value in values { string(value) }
    }
    public mutating func array<T>(_ values: [T], _ each: (inout ByteWriter, T) -> Void) {
        int(values.count)
        for value in values { each(&self, value) }
    }
}

/// Reads what `ByteWriter` wrote; any inconsistency (a truncated or foreign file)
/// throws rather than trapping. Inlinable, so the catalogue's and theme's readers in other
/// modules get their own specialised copies: called generically, `array` built its
/// metadata anew for every list of a start's catalogue.
public struct ByteReader: Sendable {
    public struct Malformed: Error {
        @inlinable public init() {}
    }
    @usableFromInline let bytes: [UInt8]
    @usableFromInline var at = 0

    @inlinable public init(_ bytes: [UInt8]) { self.bytes = bytes }

    @inlinable public var isAtEnd: Bool { at == bytes.count }

    @inlinable public mutating func int() throws -> Int {
        guard at + 8 <= bytes.count else { throw Malformed() }
        var value: UInt64 = 0
        for i in 0..<8 { value |= UInt64(bytes[at + i]) << (8 * UInt64(i)) }
        at += 8
        return Int(Int64(bitPattern: value))
    }
    @inlinable public mutating func double() throws -> Double { Double(bitPattern: UInt64(UInt(bitPattern: try int()))) }
    @inlinable public mutating func bool() throws -> Bool {
        guard at < bytes.count, bytes[at] <= 1 else { throw Malformed() }
        at += 1
        return bytes[at - 1] == 1
    }
    @inlinable public mutating func count() throws -> Int {
        let n = try int()
        guard n >= 0, n <= bytes.count - at else { throw Malformed() }
        return n
    }
    @inlinable public mutating func string() throws -> String {
        let n = try count()
        defer { at += n }
        return String(decoding: bytes[at..<at + n], as: UTF8.self)
    }
    @inlinable public mutating func optional() throws -> String? { try bool() ? try string() : nil }
    @inlinable public mutating func strings() throws -> [String] { try array { try $0.string() } }
    /// Leaves what is left unread (the part of a file not needed yet).
    @inlinable public mutating func skipToEnd() { at = bytes.count }
    @inlinable public mutating func array<T>(_ each: (inout ByteReader) throws -> T) throws -> [T] {
        let n = try count()
        var values: [T] = []
        values.reserveCapacity(n)
        for _ in 0..<n { values.append(try each(&self)) }
        return values
    }
}
