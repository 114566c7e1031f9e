import Foundation

/// An ISO 3166-1 alpha-2 code, upper case (`XK` for Kosovo, `GR` for Greece).
public struct CountryCode: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public let rawValue: String

    /// Accepts two ASCII letters in either case; returns nil otherwise.
    public init?(_ text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard trimmed.utf8.count == 2, trimmed.allSatisfy({ $0.isASCII && $0.isLetter }) else { return nil }
        rawValue = trimmed.uppercased()
    }

    /// For codes written in this library's own tables.
    init(literal: String) { rawValue = literal }

    public var description: String { rawValue }
    public static func < (lhs: CountryCode, rhs: CountryCode) -> Bool { lhs.rawValue < rhs.rawValue }

    public init(from decoder: any Decoder) throws {
        self = try decoder.decodeParsedString(expected: "an ISO 3166-1 alpha-2 country code") { CountryCode($0) }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}
