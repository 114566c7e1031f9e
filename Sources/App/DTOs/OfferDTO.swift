import ProgrammeRules
import Vapor

/// A hosting offer.
struct OfferDTO: Content {
    let key: String
    let host: OrganisationSummary
    let title: String
    let description: String
    let purposes: [Purpose]
    let topics: [String]
    let languages: [String]
    let availableFrom: CalendarDate
    let availableTo: CalendarDate
    let capacity: Int
    let virtual: Bool

    init(
        key: String, host: OrganisationSummary, title: String, description: String, purposes: [Purpose], topics: [String],
        languages: [String], availableFrom: CalendarDate, availableTo: CalendarDate, capacity: Int, virtual: Bool
    ) {
        self.key = key
        self.host = host
        self.title = title
        self.description = description
        self.purposes = purposes
        self.topics = topics
        self.languages = languages
        self.availableFrom = availableFrom
        self.availableTo = availableTo
        self.capacity = capacity
        self.virtual = virtual
    }

    init(_ o: Offer, host: Organisation) {
        key = o.key
        self.host = OrganisationSummary(host)
        title = o.title
        description = o.description
        purposes = o.purposes
        topics = o.topics
        languages = o.languages
        availableFrom = o.availableFrom
        availableTo = o.availableTo
        capacity = o.capacity
        virtual = o.isVirtual
    }
}
