import Foundation

/// A form post (`application/x-www-form-urlencoded`) read into fields, with bounds: a body
/// the server already capped in bytes, at most `maxFields` fields, each value at most
/// `maxValueLength` characters. Anything else is refused, never truncated silently.
public struct FormBody: Sendable, Equatable {
    public static let maxFields = 8
    public static let maxValueLength = 200

    public enum Problem: Error, Equatable, CustomStringConvertible {
        case tooManyFields
        case valueTooLong(String)
        case notText

        public var description: String {
            switch self {
            case .tooManyFields: return "the form has too many fields"
            case .valueTooLong(let name): return "the field \(name) is too long"
            case .notText: return "the form is not text"
            }
        }
    }

    public private(set) var fields: [String: String] = [:]

    public init(fields: [String: String]) { self.fields = fields }

    public init(_ bytes: [UInt8]) throws {
        guard let text = String(bytes: bytes, encoding: .utf8) else { throw Problem.notText }
        try self.init(text: text)
    }

    public init(text: String) throws {
        if text.isEmpty { return }
        let pairs = text.split(separator: "&", omittingEmptySubsequences: true)
        guard pairs.count <= Self.maxFields else { throw Problem.tooManyFields }
        for pair in pairs {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = Self.decode(parts[0]), value = parts.count > 1 ? Self.decode(parts[1]) : ""
            guard let name, let value else { throw Problem.notText }
            guard name.count <= 32 else { throw Problem.tooManyFields }
            guard value.count <= Self.maxValueLength else { throw Problem.valueTooLong(name) }
            fields[name] = value
        }
    }

    public subscript(_ name: String) -> String? { fields[name] }

    private static func decode(_ part: Substring) -> String? {
        part.replacingOccurrences(of: "+", with: " ").removingPercentEncoding
    }
}
