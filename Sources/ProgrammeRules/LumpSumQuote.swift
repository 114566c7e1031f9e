/// A lump sum and the reasons behind it. Stored with an approved exchange, it never changes when
/// the rate tables do.
public struct LumpSumQuote: Hashable, Sendable, Codable {
    /// Great-circle distance, rounded to 0.1 km.
    public let distanceKm: Double
    public let workingDays: Int
    public let calendarDays: Int
    public let amountCents: Int
    public let currency: String
    public let halved: Bool
    public let reasons: [String]
    /// The amount before the cap and halving: the host-country threshold or the distance band.
    public let baseCents: Int
    public let rates: RateTableReference
    public let from: String
    public let to: String
    public let start: CalendarDate
    public let end: CalendarDate
}
