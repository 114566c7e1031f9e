public struct SearchHit: Sendable, Equatable {
    public let key: String
    public let score: Double
}
