public struct Country: Hashable, Sendable {
    public let code: CountryCode
    public let name: String
    public let isEUMember: Bool
    /// When the country took part in COSME (and the programme after it). Empty: never.
    public let participation: [ParticipationPeriod]

    public func isParticipating(on date: CalendarDate) -> Bool {
        participation.contains { $0.contains(date) }
    }

    /// True when every day of the stay falls in one participation period.
    public func isParticipating(throughout stay: Stay) -> Bool {
        participation.contains { $0.contains(stay.start) && $0.contains(stay.end) }
    }

    /// "Montenegro (ME)".
    public var label: String { "\(name) (\(code))" }
}
