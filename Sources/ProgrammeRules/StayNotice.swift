/// How soon a stay may start: no sooner than `workingDays` working days after `today`, counted in
/// the host country, the time the Commitment to Quality's four signatures, the financial-support
/// agreement and the funding take. A programme setting (10 working days unless the support office
/// says otherwise); proposals, suggestions and matching rounds all ask it.
public struct StayNotice: Sendable, Hashable, CustomStringConvertible {
    public let today: CalendarDate
    public let workingDays: Int

    public static let defaultWorkingDays = 10
    /// The most the setting may ask: about three months.
    public static let maximumWorkingDays = 60

    public init(today: CalendarDate, workingDays: Int = StayNotice.defaultWorkingDays) {
        self.today = today
        self.workingDays = min(max(workingDays, 0), Self.maximumWorkingDays)
    }

    /// The first day a stay in `country` may start: never today, however short the notice.
    public func earliestStart(in country: CountryCode, calendar: HolidayCalendar) -> CalendarDate {
        calendar.adding(workingDays: max(workingDays, 1), to: today, in: country)
    }

    /// "10 working days' notice from 7 December 2026".
    public var description: String {
        "\(workingDays) working \(workingDays == 1 ? "day's" : "days'") notice from \(today.words)"
    }
}
