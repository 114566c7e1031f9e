import Fluent
import ProgrammeRules
import Vapor

/// A visitor's request for a stay.
final class VisitRequest: Model, ListingTextColumns, @unchecked Sendable {
    static let schema = "visit_requests"

    // Identity
    @ID(key: .id) var id: UUID?
    @Field(key: "key") var key: String

    // References
    @Parent(key: "visitor_id") var visitor: Organisation

    // Data
    @Field(key: "title") var title: String
    @Field(key: "description") var description: String
    @Field(key: "purposes") var purposeList: String
    @Field(key: "topics") var topicList: String
    @Field(key: "languages") var languageList: String
    @Field(key: "preferred_countries") var preferredCountryList: String
    /// The window for the stay, calendar dates.
    @Field(key: "earliest") var earliest: CalendarDate
    @Field(key: "latest") var latest: CalendarDate
    @Field(key: "working_days") var workingDays: Int
    @Field(key: "search_text") var searchText: String

    // Timestamps
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}

    var preferredCountries: [CountryCode] {
        get { StringList.decode(preferredCountryList).compactMap(CountryCode.init) }
        set { preferredCountryList = StringList.encode(newValue.map(\.rawValue)) }
    }

    func refreshSearchText() { searchText = SearchText.fold([title, description] + topics) }

    /// Writes checked fields (from the API, a form or an import).
    func apply(_ fields: RequestFields) {
        apply(fields.text)
        earliest = fields.earliest
        latest = fields.latest
        workingDays = fields.workingDays
        preferredCountries = fields.preferredCountries
        refreshSearchText()
    }
}
