import Fluent
import ProgrammeRules
import Vapor

/// An organisation taking part: visitor, host or both. Shown in the catalogue once its
/// partnership validated it.
final class Organisation: Model, TopicAndLanguageColumns, @unchecked Sendable {
    static let schema = "organisations"

    // Identity
    @ID(key: .id) var id: UUID?
    @Field(key: "key") var key: String

    // References
    @OptionalParent(key: "partnership_id") var partnership: Partnership?
    /// For SMEs: the cluster organisation it is a member of.
    @OptionalParent(key: "cluster_id") var cluster: Organisation?

    // Data
    @Field(key: "name") var name: String
    @Field(key: "kind") var kind: OrganisationKind
    @Field(key: "country") var country: CountryCode
    @Field(key: "city") var city: String
    @Field(key: "latitude") var latitude: Double
    @Field(key: "longitude") var longitude: Double
    @Field(key: "time_zone") var timeZone: String
    @Field(key: "sectors") var sectorList: String
    @Field(key: "topics") var topicList: String
    @Field(key: "languages") var languageList: String
    @Field(key: "description") var description: String
    @OptionalField(key: "website") var website: String?
    @Field(key: "validation_status") var validationStatus: ValidationStatus
    @OptionalField(key: "validation_reason") var validationReason: String?
    /// It agrees to be named in others' digests of its completed exchanges (no until it says so).
    @Field(key: "named_in_news") var namedInNews: Bool
    /// Name, city, description and topics folded for search (lower case, no accents).
    @Field(key: "search_text") var searchText: String

    // Timestamps
    /// The logo (a `StoredFile`, resized PNG), if one was uploaded.
    @OptionalField(key: "logo_id") var logoID: UUID?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    enum ValidationStatus: String, Codable, CaseIterable, Sendable {
        case pending
        case validated
        case changesRequested = "changes-requested"
        case rejected
    }

    init() {}

    func refreshSearchText() {
        searchText = SearchText.fold([name, city, description] + topics + sectors)
    }

    var sectors: [String] {
        get { StringList.decode(sectorList) }
        set { sectorList = StringList.encode(newValue) }
    }

    var coordinate: Coordinate { Coordinate(latitude: latitude, longitude: longitude) }

    var place: Place { Place(label: "\(city), \(country)", country: country, coordinate: coordinate) }

    /// What the rules library needs to know of it.
    var participant: Participant { Participant(kind: kind, country: country, isClusterMember: $cluster.id != nil) }

    /// Writes a checked profile (from the API, a form or an import); the cluster is set apart.
    func apply(_ fields: OrganisationFields) {
        name = fields.name
        kind = fields.kind
        country = fields.city.country
        city = fields.city.name
        latitude = fields.city.coordinate.latitude
        longitude = fields.city.coordinate.longitude
        timeZone = fields.city.timeZoneIdentifier
        sectors = fields.sectors
        topics = fields.topics
        languages = fields.languages
        description = fields.description
        website = fields.website
        refreshSearchText()
    }
}
