import FluentKit
import ProgrammeRules

/// Offers and requests read from rows joined with their organisation, for list pages: the same
/// views as from models (`OfferDTO(_:host:)`), without FluentKit's reflection per model. `select`
/// names the columns read: without it a query lists every column of both tables, and writing
/// those names (SQLKit escapes each) cost more than running the query.
extension OfferDTO {
    static func select(_ query: QueryBuilder<Offer>) -> QueryBuilder<Offer> {
        OrganisationSummary.select(
            joined: query.field(\.$key).field(\.$title).field(\.$description).field(\.$purposeList).field(\.$topicList)
                .field(\.$languageList).field(\.$availableFrom).field(\.$availableTo).field(\.$capacity).field(\.$isVirtual))
    }

    init(row output: any DatabaseOutput) throws {
        let row = output.of(Offer.self)
        self.init(
            key: try row.decode("key", as: String.self), host: try OrganisationSummary(row: output),
            title: try row.decode("title", as: String.self), description: try row.decode("description", as: String.self),
            purposes: StringList.decode(try row.decode("purposes", as: String.self)).compactMap(Purpose.init(rawValue:)),
            topics: StringList.decode(try row.decode("topics", as: String.self)),
            languages: StringList.decode(try row.decode("languages", as: String.self)),
            availableFrom: try row.decode("available_from", as: CalendarDate.self),
            availableTo: try row.decode("available_to", as: CalendarDate.self),
            capacity: try row.decode("capacity", as: Int.self),
            virtual: try row.decode("virtual", as: Bool.self))
    }
}

extension RequestDTO {
    static func select(_ query: QueryBuilder<VisitRequest>) -> QueryBuilder<VisitRequest> {
        OrganisationSummary.select(
            joined: query.field(\.$key).field(\.$title).field(\.$description).field(\.$purposeList).field(\.$topicList)
                .field(\.$languageList).field(\.$preferredCountryList).field(\.$earliest).field(\.$latest)
                .field(\.$workingDays))
    }

    init(row output: any DatabaseOutput) throws {
        let row = output.of(VisitRequest.self)
        self.init(
            key: try row.decode("key", as: String.self), visitor: try OrganisationSummary(row: output),
            title: try row.decode("title", as: String.self), description: try row.decode("description", as: String.self),
            purposes: StringList.decode(try row.decode("purposes", as: String.self)).compactMap(Purpose.init(rawValue:)),
            topics: StringList.decode(try row.decode("topics", as: String.self)),
            languages: StringList.decode(try row.decode("languages", as: String.self)),
            preferredCountries: StringList.decode(try row.decode("preferred_countries", as: String.self))
                .compactMap(CountryCode.init),
            earliest: try row.decode("earliest", as: CalendarDate.self), latest: try row.decode("latest", as: CalendarDate.self),
            workingDays: try row.decode("working_days", as: Int.self))
    }
}
