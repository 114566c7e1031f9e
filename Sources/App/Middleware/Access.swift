import Vapor

/// Who may call a route. Every route is registered through `access(_:)`, which records the policy
/// on the route (a test checks that none is missing) and guards it. Finer checks that depend on
/// the resource (this partnership's coordinator, this organisation's members) happen in the
/// handler, through `Permissions`.
enum Access: Hashable, Sendable, CustomStringConvertible {
    case anyone
    case signedIn
    case roles(Set<User.Role>)

    static let admin = Access.roles([.admin])
    static let coordinatorOrAdmin = Access.roles([.coordinator, .admin])

    func allows(_ user: User?) -> Bool {
        switch self {
        case .anyone: true
        case .signedIn: user != nil
        case .roles(let roles): user.map { roles.contains($0.role) } ?? false
        }
    }

    var description: String {
        switch self {
        case .anyone: "anyone"
        case .signedIn: "signed-in"
        case .roles(let roles): roles.map(\.rawValue).sorted().joined(separator: "|")
        }
    }
}

struct AccessKey: Hashable, Sendable {}

extension Route {
    var access: Access? { userInfo[AnySendableHashable(AccessKey())] as? Access }
}

/// Refuses callers the policy does not allow: 401 when nobody is signed in (pages redirect to the
/// login form), 403 when the account lacks the role.
struct AccessGuard: AsyncMiddleware {
    let access: Access

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let user = request.auth.get(User.self)
        guard access.allows(user) else {
            if user == nil {
                if !ProblemMiddleware.wantsJSON(request) && request.method == .GET {
                    let next = request.url.path + (request.url.query.map { "?\($0)" } ?? "")
                    return request.redirect(to: "/login?next=\(next.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "/")")
                }
                throw Abort(.unauthorized, headers: ["WWW-Authenticate": "Bearer"], reason: "Sign in first: this needs an account.", identifier: "unauthenticated")
            }
            throw Abort(.forbidden, reason: "Your account may not do this (it needs: \(access)).", identifier: "forbidden")
        }
        return try await next.respond(to: request)
    }
}

/// A routes builder that stamps the policy on each route it adds and guards it.
struct AccessRoutesBuilder: RoutesBuilder {
    let root: any RoutesBuilder
    let access: Access

    func add(_ route: Route) {
        route.userInfo[AnySendableHashable(AccessKey())] = access
        root.add(route)
    }
}

extension RoutesBuilder {
    func access(_ access: Access) -> any RoutesBuilder {
        AccessRoutesBuilder(root: grouped(AccessGuard(access: access)), access: access)
    }
}
