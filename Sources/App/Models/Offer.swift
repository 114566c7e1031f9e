import Fluent
import Vapor

/// A host's offer to receive visitors.
final class Offer: Model, @unchecked Sendable {
    func refreshSearchText() { searchText = SearchText.fold([title, description] + topics) }

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
    /// Calendar dates as YYYY-MM-DD, in the host's time zone.
    @Field(key: "available_from") var availableFrom: String
    @Field(key: "available_to") var availableTo: String
    @Field(key: "capacity") var capacity: Int
    @Field(key: "virtual") var isVirtual: Bool
    @Field(key: "search_text") var searchText: String

    // Timestamps
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}

    var purposes: [String] {
        get { StringList.decode(purposeList) }
        set { purposeList = StringList.encode(newValue) }
    }

    var topics: [String] {
        get { StringList.decode(topicList) }
        set { topicList = StringList.encode(newValue) }
    }

    var languages: [String] {
        get { StringList.decode(languageList) }
        set { languageList = StringList.encode(newValue) }
    }
}

/// A visitor's request for a stay.
final class VisitRequest: Model, @unchecked Sendable {
    func refreshSearchText() { searchText = SearchText.fold([title, description] + topics) }

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
    @Field(key: "earliest") var earliest: String
    @Field(key: "latest") var latest: String
    @Field(key: "working_days") var workingDays: Int
    @Field(key: "search_text") var searchText: String

    // Timestamps
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}

    var purposes: [String] {
        get { StringList.decode(purposeList) }
        set { purposeList = StringList.encode(newValue) }
    }

    var topics: [String] {
        get { StringList.decode(topicList) }
        set { topicList = StringList.encode(newValue) }
    }

    var languages: [String] {
        get { StringList.decode(languageList) }
        set { languageList = StringList.encode(newValue) }
    }

    var preferredCountries: [String] {
        get { StringList.decode(preferredCountryList) }
        set { preferredCountryList = StringList.encode(newValue) }
    }
}
