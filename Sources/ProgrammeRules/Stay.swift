/// The stay: first and last day at the host, both included.
public struct Stay: Hashable, Sendable, Codable {
    public let start: CalendarDate
    public let end: CalendarDate

    public init(start: CalendarDate, end: CalendarDate) {
        self.start = start
        self.end = end
    }

    public var isOrdered: Bool { start <= end }
    public var calendarDays: Int { start.calendarDaysInclusive(to: end) }

    /// Every day of the stay, in order (empty when the end is before the start).
    public var days: [CalendarDate] {
        guard isOrdered else { return [] }
        return (start.dayNumber...end.dayNumber).map(CalendarDate.init(dayNumber:))
    }
}
