/// The answer to "why not this pair?": what stands in the way (empty when nothing does) and, where
/// the pair can be assessed at all, how well it would fit.
public struct PairExplanation: Sendable, Equatable {
    public let request: String
    public let offer: String
    public let obstacles: [Obstacle]
    public let score: Double
    public let reasons: [String]

    public var isSuggestible: Bool { obstacles.isEmpty }
}
