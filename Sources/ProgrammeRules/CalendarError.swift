public enum CalendarError: Error, Hashable, Sendable, CustomStringConvertible {
    case endBeforeStart(Stay)
    case outsideCoveredYears(Stay, ClosedRange<Int>)
    case unknownCountry(CountryCode)

    public var description: String {
        switch self {
        case .endBeforeStart(let stay):
            "the stay ends (\(stay.end)) before it starts (\(stay.start))"
        case .outsideCoveredYears(let stay, let years):
            "the holiday calendar covers \(years.lowerBound) to \(years.upperBound); "
                + "the stay \(stay.start) to \(stay.end) is outside it"
        case .unknownCountry(let code):
            "there is no holiday calendar for \(code)"
        }
    }
}
