/// Which table a quote was computed from, so an approved amount can always be explained.
public struct RateTableReference: Hashable, Sendable, Codable {
    public let name: String
    public let version: String
    public let fingerprint: String
}
