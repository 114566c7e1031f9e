import Fluent
import Vapor

/// Who coordinates a partnership.
final class PartnershipCoordinator: Model, @unchecked Sendable {
    static let schema = "partnership_coordinators"

    @ID(key: .id) var id: UUID?
    @Parent(key: "partnership_id") var partnership: Partnership
    @Parent(key: "user_id") var user: User

    init() {}

    init(partnershipID: UUID, userID: UUID) {
        self.$partnership.id = partnershipID
        self.$user.id = userID
    }
}
