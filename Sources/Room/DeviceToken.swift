/// What a device earns by joining with the room code and a group: 128 random bits from
/// the system's secure source, as 32 hex digits. It is the device's only credential.
public struct DeviceToken: Hashable, Sendable, CustomStringConvertible {
    public let value: String

    public static func random() -> DeviceToken {
        var generator = SystemRandomNumberGenerator()
        let words = [generator.next(), generator.next()] as [UInt64]
        let hex = words.map { word -> String in
            let digits = String(word, radix: 16)
            return String(repeating: "0", count: 16 - digits.count) + digits
        }.joined()
        return DeviceToken(checked: hex)
    }

    private init(checked: String) { value = checked }

    /// A token as sent back by a device; nil unless it has the right shape.
    public init?(presented: String) {
        guard presented.utf8.count == 32, presented.utf8.allSatisfy({ (48...57).contains($0) || (97...102).contains($0) }) else {
            return nil
        }
        value = presented
    }

    public var description: String { value }
}
