import Fluent
import Vapor

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
