/// One distance band: from `fromKm` (inclusive) to the next band's `fromKm`.
public struct DistanceBand: Hashable, Sendable, Codable {
    public var fromKm: Double
    public var standardCents: Int
    public var greenCents: Int?

    public init(fromKm: Double, standardCents: Int, greenCents: Int? = nil) {
        self.fromKm = fromKm
        self.standardCents = standardCents
        self.greenCents = greenCents
    }
}
