import Vapor

/// Who may call a route. Every route is registered through `access(_:)`, which records the policy
/// on the route (a test checks that none is missing) and guards it. Finer checks that depend on
/// the resource (this partnership's coordinator, this organisation's members) happen in the
/// services (docs/decisions/0008-access-policies.md).
enum Access: Hashable, Sendable, CustomStringConvertible {
    case anyone
    case signedIn
    case roles(Set<User.Role>)

    static let admin = Access.roles([.admin])
    static let coordinatorOrAdmin = Access.roles([.coordinator, .admin])

    func allows(_ role: User.Role?) -> Bool {
        switch self {
        case .anyone: true
        case .signedIn: role != nil
        case .roles(let roles): role.map(roles.contains) ?? false
        }
    }

    var description: String {
        switch self {
        case .anyone: "anyone"
        case .signedIn: "signed-in"
        case .roles(let roles): roles.map(\.rawValue).sorted().joined(separator: "|")
        }
    }

    /// Who the policy is for, in words.
    var audience: String {
        switch self {
        case .anyone, .signedIn: "signed-in people"
        case .roles(let roles) where roles == [.admin]: "the support office"
        case .roles(let roles) where roles == [.coordinator, .admin]: "partnership coordinators and the support office"
        case .roles: "other roles"
        }
    }
}

extension Route {
    var access: Access? { userInfo[AnySendableHashable(AccessKey())] as? Access }
}

extension RoutesBuilder {
    /// Routes added through the result are guarded by `access`, then (pages) by the form check and
    /// the one-time form token.
    func access(_ access: Access) -> any RoutesBuilder {
        AccessRoutesBuilder(root: grouped(AccessGuard(access: access), CSRFGuard(), SubmitOnceGuard()), access: access)
    }
}
