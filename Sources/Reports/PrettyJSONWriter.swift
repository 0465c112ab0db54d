import Escaping
import Foundation

/// JSON text written straight into bytes, laid out exactly as Foundation's `JSONEncoder`
/// lays it out with `[.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]` (two-space
/// indent, `"key" : value`, an empty container as `[` newline newline `]`), and with every
/// hostile character inside a string (`Escape.isHostile`) written as a `\uXXXX` escape, as
/// `Escape.jsonInert` does to the encoder's output.
///
/// Why not `JSONEncoder`: it boxes every value of every record in its own tree before
/// writing, which cost about 250 ms for a session of 1,000 partners; this writes the same
/// bytes in a single pass. The callers write each object's keys in ascending UTF-8 byte
/// order, as `.sortedKeys` does on Linux (checked by an assertion in debug builds and by
/// `JSONWriterTests`, which compare its output with `JSONEncoder`'s).
struct PrettyJSONWriter {
    private(set) var bytes: [UInt8] = []
    private var depth = 0
    /// Whether the innermost open container has had an element yet.
    private var empty = true
    #if DEBUG
    /// The last key written in each open object, to check they come in sorted order.
    private var lastKeys: [[UInt8]] = []
    #endif

    init(capacity: Int = 0) { bytes.reserveCapacity(capacity) }

    /// Signals a number JSON cannot hold (as `JSONEncoder` refuses NaN and infinities).
    struct NonConformingNumber: Error, CustomStringConvertible {
        var value: Double
        var description: String { "\(value) cannot be written as a JSON number" }
    }

    // MARK: Containers

    mutating func object(_ body: (inout PrettyJSONWriter) throws -> Void) rethrows {
        bytes.append(UInt8(ascii: "{"))
        let outer = empty
        empty = true
        depth += 1
        #if DEBUG
        lastKeys.append([])
        #endif
        try body(&self)
        #if DEBUG
        lastKeys.removeLast()
        #endif
        close(UInt8(ascii: "}"))
        empty = outer
    }

    mutating func array<S: Sequence>(_ items: S, _ each: (inout PrettyJSONWriter, S.Element) throws -> Void) rethrows {
        bytes.append(UInt8(ascii: "["))
        let outer = empty
        empty = true
        depth += 1
        for item in items {
            startElement()
            try each(&self, item)
        }
        close(UInt8(ascii: "]"))
        empty = outer
    }

    /// A newline before the first element and `,` newline before each later one, then the indent.
    private mutating func startElement() {
        if empty {
            bytes.append(0x0A)
            empty = false
        } else {
            bytes.append(UInt8(ascii: ","))
            bytes.append(0x0A)
        }
        indent()
    }

    private mutating func close(_ bracket: UInt8) {
        if empty { bytes.append(0x0A) }
        bytes.append(0x0A)
        depth -= 1
        indent()
        bytes.append(bracket)
    }

    private mutating func indent() {
        for _ in 0..<depth {
            bytes.append(0x20)
            bytes.append(0x20)
        }
    }

    /// Starts a member of the current object: `"key" : `. Keys are plain ASCII names.
    mutating func key(_ name: StaticString) {
        #if DEBUG
        let key = Array(UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount))
        assert(lastKeys.last.map { $0.isEmpty || $0.lexicographicallyPrecedes(key) } ?? false,
               "JSON keys out of order or outside an object: \(name)")
        lastKeys[lastKeys.count - 1] = key
        #endif
        startElement()
        bytes.append(UInt8(ascii: "\""))
        bytes.append(contentsOf: UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount))
        bytes.append(contentsOf: [UInt8(ascii: "\""), 0x20, UInt8(ascii: ":"), 0x20])
    }

    // MARK: Values

    mutating func string(_ s: String) {
        bytes.append(UInt8(ascii: "\""))
        var s = s
        s.withUTF8 { appendEscaped($0) }
        bytes.append(UInt8(ascii: "\""))
    }

    mutating func int<I: BinaryInteger>(_ v: I) {
        bytes.append(contentsOf: String(v).utf8)
    }

    mutating func bool(_ v: Bool) {
        bytes.append(contentsOf: (v ? "true" : "false").utf8)
    }

    /// As `JSONEncoder` writes a `Double`: its shortest round-trip form, without a trailing ".0".
    mutating func double(_ v: Double) throws {
        guard v.isFinite else { throw NonConformingNumber(value: v) }
        var text = v.description
        if text.hasSuffix(".0") { text.removeLast(2) }
        bytes.append(contentsOf: text.utf8)
    }

    // MARK: Members that JSONEncoder leaves out when nil

    mutating func field(_ name: StaticString, _ v: String) { key(name); string(v) }
    mutating func field(_ name: StaticString, _ v: String?) { if let v { field(name, v) } }
    mutating func field<I: BinaryInteger>(_ name: StaticString, _ v: I) { key(name); int(v) }
    mutating func field<I: BinaryInteger>(_ name: StaticString, _ v: I?) { if let v { field(name, v) } }
    mutating func field(_ name: StaticString, _ v: Bool) { key(name); bool(v) }
    mutating func field(_ name: StaticString, _ v: Bool?) { if let v { field(name, v) } }
    mutating func field(_ name: StaticString, _ v: Double?) throws { if let v { key(name); try double(v) } }
    mutating func field(_ name: StaticString, _ v: [String]) { key(name); array(v) { $0.string($1) } }

    // MARK: String escaping

    /// RFC 8259 escaping as `JSONEncoder` does it (`\"`, `\\`, `\b`, `\f`, `\n`, `\r`, `\t`,
    /// other C0 controls as `\u00xx`; `/` and everything else as is), plus the hostile
    /// characters above U+001F (DEL, C1 controls, bidirectional controls) as `\uxxxx`.
    private mutating func appendEscaped(_ utf8: UnsafeBufferPointer<UInt8>) {
        var i = 0
        var run = 0  // start of the bytes not yet copied
        let n = utf8.count
        func flush(_ to: Int) {
            if to > run { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[run..<to])) }
        }
        while i < n {
            let b = utf8[i]
            if b >= 0x20 && b < 0x7F && b != UInt8(ascii: "\"") && b != UInt8(ascii: "\\") {
                i += 1
                continue
            }
            // The width of the character at i and, if it must be escaped, its escape.
            var width = 1
            var escape: UInt32? = nil
            var short: UInt8? = nil
            switch b {
            case UInt8(ascii: "\""): short = UInt8(ascii: "\"")
            case UInt8(ascii: "\\"): short = UInt8(ascii: "\\")
            case 0x08: short = UInt8(ascii: "b")
            case 0x0C: short = UInt8(ascii: "f")
            case 0x0A: short = UInt8(ascii: "n")
            case 0x0D: short = UInt8(ascii: "r")
            case 0x09: short = UInt8(ascii: "t")
            case 0x00...0x1F, 0x7F: escape = UInt32(b)
            case 0xC2 where i + 1 < n && (0x80...0x9F).contains(utf8[i + 1]):
                width = 2; escape = UInt32(utf8[i + 1])                       // U+0080–009F
            case 0xE2 where i + 2 < n && utf8[i + 1] == 0x80 && (0xAA...0xAE).contains(utf8[i + 2]):
                width = 3; escape = 0x2000 | UInt32(utf8[i + 2] & 0x3F)       // U+202A–202E
            case 0xE2 where i + 2 < n && utf8[i + 1] == 0x81 && (0xA6...0xA9).contains(utf8[i + 2]):
                width = 3; escape = 0x2040 | UInt32(utf8[i + 2] & 0x3F)       // U+2066–2069
            default:
                i += 1
                continue
            }
            flush(i)
            bytes.append(UInt8(ascii: "\\"))
            if let short {
                bytes.append(short)
            } else if let escape {
                bytes.append(UInt8(ascii: "u"))
                for shift in stride(from: 12, through: 0, by: -4) {
                    bytes.append(Self.hexDigits[Int((escape >> UInt32(shift)) & 0xF)])
                }
            }
            i += width
            run = i
        }
        flush(n)
    }

    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)
}
