public struct WorkingDayCount: Hashable, Sendable {
    public let calendarDays: Int
    public let weekendDays: Int
    /// Public holidays that fell on a weekday of the stay.
    public let holidays: [Holiday]

    public var workingDays: Int { calendarDays - weekendDays - holidays.count }

    /// "5 working days: 7 calendar days less 2 weekend days and 1 public holiday (Easter Monday 2025-04-21)".
    public var explanation: String {
        var parts = ["\(calendarDays) calendar \(plural(calendarDays, "day"))"]
        var less: [String] = []
        if weekendDays > 0 { less.append("\(weekendDays) weekend \(plural(weekendDays, "day"))") }
        if !holidays.isEmpty {
            let names = holidays.map { "\($0.name) \($0.date)" }.joined(separator: ", ")
            less.append("\(holidays.count) public \(plural(holidays.count, "holiday")) (\(names))")
        }
        if !less.isEmpty { parts.append("less " + less.joined(separator: " and ")) }
        return "\(workingDays) working \(plural(workingDays, "day")): " + parts.joined(separator: " ")
    }
}
