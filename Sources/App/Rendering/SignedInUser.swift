import Vapor

/// Who is signed in, as the frame shows it.
struct SignedInUser: Encodable {
    let name: String
    let email: String
    let role: String
    let isAdmin: Bool
    let isCoordinator: Bool
    /// Coordinators and the support office see the validation queue and the rounds.
    let mayValidate: Bool

    init(_ user: User) {
        name = user.name
        email = user.email
        role = user.role.rawValue
        isAdmin = user.role == .admin
        isCoordinator = user.role == .coordinator
        mayValidate = isAdmin || isCoordinator
    }
}
