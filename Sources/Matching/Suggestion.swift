import ProgrammeRules

/// One suggested pair: a host's offer for a visitor's request, its score in [0, 1] and why.
public struct Suggestion: Sendable, Equatable, Codable {
    public let offer: String
    public let host: String
    public let request: String
    public let visitor: String
    public let score: Double
    public let reasons: [String]
    public let parts: FitParts
    /// The earliest stay that gives the visitor its working days within both windows.
    public let stay: Stay
    public let distanceKm: Double
}
