/// The weights of the parts; they sum to 1, so the score stays in [0, 1] (`docs/decisions/0010-suggestion-score.md`).
public struct FitWeights: Sendable, Equatable {
    public var text = 0.30
    public var topics = 0.20
    public var sector = 0.15
    public var purposes = 0.10
    public var languages = 0.10
    public var country = 0.05
    public var dates = 0.05
    public var distance = 0.05

    public init() {}

    public static let standard = FitWeights()

    public func score(_ parts: FitParts) -> Double {
        let total =
            text * parts.text + topics * parts.topics + sector * parts.sector + purposes * parts.purposes
            + languages * parts.languages + country * parts.country + dates * parts.dates + distance * parts.distance
        let sum = text + topics + sector + purposes + languages + country + dates + distance
        return sum > 0 ? min(1, max(0, total / sum)) : 0
    }
}
