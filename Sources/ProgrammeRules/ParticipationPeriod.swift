/// A closed interval of days; `until == nil` means open-ended.
public struct ParticipationPeriod: Hashable, Sendable {
    public let from: CalendarDate
    public let until: CalendarDate?

    public func contains(_ date: CalendarDate) -> Bool {
        date >= from && (until.map { date <= $0 } ?? true)
    }

    public var description: String {
        until.map { "from \(from.words) to \($0.words)" } ?? "from \(from.words)"
    }
}
