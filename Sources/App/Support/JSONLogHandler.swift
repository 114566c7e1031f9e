import Foundation
import Logging
import NIOConcurrencyHelpers

/// `LOG_FORMAT=json`: one JSON object a line on stderr, for a log shipper: `time` (ISO 8601 with
/// milliseconds, UTC), `level`, `label`, `message`, `source`, and the metadata, the request's id
/// as `request_id`.
public struct JSONLogHandler: LogHandler {
    public var logLevel: Logger.Level
    public var metadata: Logger.Metadata = [:]
    private let label: String

    public init(label: String, level: Logger.Level) {
        self.label = label
        self.logLevel = level
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    private static let output = NIOLockedValueBox(FileHandle.standardError)
    /// "2027-01-15T08:00:00.000Z" (ISO8601DateFormatter is safe to share between threads).
    nonisolated(unsafe) private static let timeFormat: ISO8601DateFormatter = {
        let format = ISO8601DateFormatter()
        format.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return format
    }()

    public func log(event: LogEvent) {
        guard let line = line(for: event, at: Date()) else { return }
        Self.output.withLockedValue { $0.write(line) }
    }

    /// The event as one line of JSON, ending in a line break.
    func line(for event: LogEvent, at time: Date) -> Data? {
        var object: [String: Any] = [
            "time": Self.timeFormat.string(from: time),
            "level": event.level.rawValue, "label": label, "message": "\(event.message)", "source": event.source ?? "",
        ]
        for (key, value) in metadata.merging(event.metadata ?? [:], uniquingKeysWith: { _, new in new }) {
            object[key == "request-id" ? "request_id" : key] = Self.plain(value)
        }
        guard var line = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
        else { return nil }
        line.append(0x0A)
        return line
    }

    private static func plain(_ value: Logger.Metadata.Value) -> Any {
        switch value {
        case .string(let text): text
        case .stringConvertible(let convertible): convertible.description
        case .array(let values): values.map(plain)
        case .dictionary(let values): values.mapValues(plain)
        }
    }
}
