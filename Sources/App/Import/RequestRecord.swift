import ProgrammeRules

struct RequestRecord: Sendable {
    let line: Int
    let key: String
    let visitor: String
    let title: String
    let description: String
    let purposes: [String]
    let topics: [String]
    let earliest: CalendarDate
    let latest: CalendarDate
    let workingDays: Int
    let preferredCountries: [String]
    let languages: [String]
}
