import Fluent
import ProgrammeRules
import Vapor

/// A host's offer to receive visitors.
final class Offer: Model, ListingTextColumns, @unchecked Sendable {
    static let schema = "offers"

    // Identity
    @ID(key: .id) var id: UUID?
    @Field(key: "key") var key: String

    // References
    @Parent(key: "host_id") var host: Organisation

    // Data
    @Field(key: "title") var title: String
    @Field(key: "description") var description: String
    @Field(key: "purposes") var purposeList: String
    @Field(key: "topics") var topicList: String
    @Field(key: "languages") var languageList: String
    /// The window in which visitors may come, calendar dates in the host's time zone.
    @Field(key: "available_from") var availableFrom: CalendarDate
    @Field(key: "available_to") var availableTo: CalendarDate
    @Field(key: "capacity") var capacity: Int
    @Field(key: "virtual") var isVirtual: Bool
    @Field(key: "search_text") var searchText: String

    // Timestamps
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}

    func refreshSearchText() { searchText = SearchText.fold([title, description] + topics) }

    /// Writes checked fields (from the API, a form or an import).
    func apply(_ fields: OfferFields) {
        apply(fields.text)
        availableFrom = fields.availableFrom
        availableTo = fields.availableTo
        capacity = fields.capacity
        isVirtual = fields.isVirtual
        refreshSearchText()
    }
}
