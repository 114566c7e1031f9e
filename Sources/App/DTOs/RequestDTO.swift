import ProgrammeRules
import Vapor

/// A visiting request.
struct RequestDTO: Content {
    let key: String
    let visitor: OrganisationSummary
    let title: String
    let description: String
    let purposes: [Purpose]
    let topics: [String]
    let languages: [String]
    let preferredCountries: [CountryCode]
    let earliest: CalendarDate
    let latest: CalendarDate
    let workingDays: Int

    init(
        key: String, visitor: OrganisationSummary, title: String, description: String, purposes: [Purpose], topics: [String],
        languages: [String], preferredCountries: [CountryCode], earliest: CalendarDate, latest: CalendarDate, workingDays: Int
    ) {
        self.key = key
        self.visitor = visitor
        self.title = title
        self.description = description
        self.purposes = purposes
        self.topics = topics
        self.languages = languages
        self.preferredCountries = preferredCountries
        self.earliest = earliest
        self.latest = latest
        self.workingDays = workingDays
    }

    init(_ r: VisitRequest, visitor: Organisation) {
        key = r.key
        self.visitor = OrganisationSummary(visitor)
        title = r.title
        description = r.description
        purposes = r.purposes
        topics = r.topics
        languages = r.languages
        preferredCountries = r.preferredCountries
        earliest = r.earliest
        latest = r.latest
        workingDays = r.workingDays
    }
}
