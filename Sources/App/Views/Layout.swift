import Vapor

/// What every page's frame shows: the title, who is signed in, the form token.
struct Layout: Encodable {
    let title: String
    let user: SignedInUser?
    let csrf: String
}

struct SignedInUser: Encodable {
    let name: String
    let email: String
    let role: String
    let isAdmin: Bool
    let isCoordinator: Bool
    /// Coordinators and the support office see the validation queue.
    var mayValidate: Bool { isAdmin || isCoordinator }

    enum CodingKeys: String, CodingKey { case name, email, role, isAdmin, isCoordinator, mayValidate }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(name, forKey: .name)
        try c.encode(email, forKey: .email)
        try c.encode(role, forKey: .role)
        try c.encode(isAdmin, forKey: .isAdmin)
        try c.encode(isCoordinator, forKey: .isCoordinator)
        try c.encode(mayValidate, forKey: .mayValidate)
    }
}

extension Request {
    func layout(_ title: String) -> Layout {
        let user = auth.get(User.self).map {
            SignedInUser(name: $0.name, email: $0.email, role: $0.role.rawValue, isAdmin: $0.role == .admin, isCoordinator: $0.role == .coordinator)
        }
        return Layout(title: title, user: user, csrf: csrfToken)
    }
}
