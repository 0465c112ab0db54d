/// The short code a device types (or reads from the QR code) to enter the room.
///
/// Six characters from an alphabet without the look-alikes 0/O and 1/I/L, so a code read
/// off a projector is typed right the first time. 31^6 (about 887 million) codes, and
/// wrong guesses are rate-limited (`WrongCodeLimiter`).
public struct RoomCode: Hashable, Sendable, CustomStringConvertible {
    public static let alphabet: [Character] = Array("ABCDEFGHJKMNPQRSTUVWXYZ23456789")
    public static let length = 6

    public let value: String

    /// A fresh code from the system's secure random source.
    public static func random() -> RoomCode {
        var generator = SystemRandomNumberGenerator()
        return random(using: &generator)
    }

    public static func random<G: RandomNumberGenerator>(using generator: inout G) -> RoomCode {
        RoomCode(checked: String((0..<length).map { _ in alphabet.randomElement(using: &generator)! }))
    }

    private init(checked: String) { value = checked }

    /// Reads a code as a person typed it: case, spaces and dashes do not matter.
    /// nil when it cannot be a room code at all.
    public init?(typed: String) {
        guard typed.count <= 32 else { return nil }
        let cleaned = typed.uppercased().filter { $0 != " " && $0 != "-" }
        guard cleaned.count == Self.length, cleaned.allSatisfy({ Self.alphabet.contains($0) }) else { return nil }
        value = cleaned
    }

    /// Compares without stopping at the first difference, so timing tells nothing.
    public func matches(_ typed: String) -> Bool {
        guard let other = RoomCode(typed: typed) else { return false }
        var difference: UInt8 = 0
        for (a, b) in zip(value.utf8, other.value.utf8) { difference |= a ^ b }
        return difference == 0
    }

    /// "ABC 234": two halves, easier to read aloud and off a screen.
    public var spaced: String { "\(value.prefix(3)) \(value.suffix(3))" }

    public var description: String { value }
}
