import Foundation

extension DecodingError {
    /// One sentence naming the field and what was wrong with it, e.g.
    /// "thresholdCents.DE: expected a number" instead of Foundation's debug dump.
    var summary: String {
        switch self {
        case .keyNotFound(let key, let context):
            return "\(Self.path(context.codingPath + [key])): is required"
        case .typeMismatch(let type, let context):
            return "\(Self.path(context.codingPath)): expected \(Self.describe(type))"
        case .valueNotFound(let type, let context):
            return "\(Self.path(context.codingPath)): expected \(Self.describe(type)), found null"
        case .dataCorrupted(let context):
            let underlying = (context.underlyingError as NSError?).map { _ in
                "the body is not valid JSON, or a number in it is too large for its field"
            }
            if context.codingPath.isEmpty { return underlying ?? context.debugDescription }
            return "\(Self.path(context.codingPath)): \(context.debugDescription)"
        @unknown default:
            return String(describing: self)
        }
    }

    /// The field at fault ("(document)" for the body as a whole).
    var fieldPath: String {
        switch self {
        case .keyNotFound(let key, let context): Self.path(context.codingPath + [key])
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
            Self.path(context.codingPath)
        @unknown default: "(document)"
        }
    }

    /// The rule the field broke, for problem details.
    var rule: String {
        switch self {
        case .keyNotFound: "required"
        case .typeMismatch, .valueNotFound: "type"
        default: "malformed"
        }
    }

    static func path(_ keys: [any CodingKey]) -> String {
        guard !keys.isEmpty else { return "(document)" }
        return keys.enumerated().map { offset, key in
            if let index = key.intValue { return "[\(index)]" }
            return offset == 0 ? key.stringValue : "." + key.stringValue
        }.joined()
    }

    static func describe(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Int.Type, is Double.Type: "a number"
        case is Bool.Type: "true or false"
        default:
            String(describing: type).hasPrefix("Array")
                ? "a list" : String(describing: type).hasPrefix("Dictionary") ? "an object" : "a \(type)"
        }
    }
}
