import ProgrammeRules

/// A visiting request's fields, checked (`ListingChecks.request`).
struct RequestFields: Sendable {
    let text: ListingText
    let earliest: CalendarDate
    let latest: CalendarDate
    let workingDays: Int
    let preferredCountries: [CountryCode]
}
