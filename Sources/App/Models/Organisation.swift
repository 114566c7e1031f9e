import Fluent
import ProgrammeRules
import Vapor

/// An organisation taking part: visitor, host or both. Shown in the catalogue once its
/// partnership validated it.
final class Organisation: Model, @unchecked Sendable {
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
    @Field(key: "kind") var kind: String
    @Field(key: "country") var country: String
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
    /// Name, city, description and topics folded for search (lower case, no accents).
    @Field(key: "search_text") var searchText: String

    // Timestamps
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    enum ValidationStatus: String, Codable, CaseIterable, Sendable {
        case pending
        case validated
        case changesRequested = "changes-requested"
        case rejected
    }

    init() {}

    var organisationKind: OrganisationKind? { OrganisationKind(rawValue: kind) }

    func refreshSearchText() {
        searchText = SearchText.fold([name, city, description] + topics + sectors)
    }

    var sectors: [String] {
        get { StringList.decode(sectorList) }
        set { sectorList = StringList.encode(newValue) }
    }

    var topics: [String] {
        get { StringList.decode(topicList) }
        set { topicList = StringList.encode(newValue) }
    }

    var languages: [String] {
        get { StringList.decode(languageList) }
        set { languageList = StringList.encode(newValue) }
    }

    var place: Place? {
        CountryCode(country).map {
            Place(label: "\(city), \(country)", country: $0, coordinate: Coordinate(latitude: latitude, longitude: longitude))
        }
    }
}

/// A person's place in an organisation.
final class Membership: Model, @unchecked Sendable {
    static let schema = "memberships"

    @ID(key: .id) var id: UUID?
    @Parent(key: "organisation_id") var organisation: Organisation
    @Parent(key: "user_id") var user: User
    /// Organisation admins edit the profile and manage members.
    @Field(key: "is_admin") var isAdmin: Bool
    /// A person who asked to join is a member once an admin approves.
    @Field(key: "status") var status: Status

    enum Status: String, Codable, Sendable {
        case active
        case requested
    }

    init() {}

    init(organisationID: UUID, userID: UUID, isAdmin: Bool, status: Status = .active) {
        self.$organisation.id = organisationID
        self.$user.id = userID
        self.isAdmin = isAdmin
        self.status = status
    }
}

extension Membership {
    /// Memberships that count: approved ones.
    static func active(on db: any Database) -> QueryBuilder<Membership> {
        query(on: db).filter(\.$status == .active)
    }

    /// Whether `userID` is an active member (an admin, with `admin: true`) of the organisation.
    static func isMember(_ userID: UUID, of organisationID: UUID, admin: Bool = false, on db: any Database) async throws -> Bool {
        let query = active(on: db).filter(\.$user.$id == userID).filter(\.$organisation.$id == organisationID)
        if admin { query.filter(\.$isAdmin == true) }
        return try await query.first() != nil
    }
}
