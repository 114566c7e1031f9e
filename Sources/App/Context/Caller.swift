import Foundation

/// Who is calling, as services see it: a signed-in person's identity and role, never the
/// database row (a service reads what else it needs).
struct Caller: Sendable, Equatable {
    let id: UUID
    let email: String
    let name: String
    let role: User.Role

    var isAdmin: Bool { role == .admin }
    var isCoordinator: Bool { role == .coordinator }

    init(id: UUID, email: String, name: String, role: User.Role) {
        self.id = id
        self.email = email
        self.name = name
        self.role = role
    }

    init?(_ user: User) {
        guard let id = user.id else { return nil }
        self.init(id: id, email: user.email, name: user.name, role: user.role)
    }
}
