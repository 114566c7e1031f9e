import Fluent
import Vapor

/// `POST /api/v1/auth/token`: a bearer token for scripts and other systems.
struct AuthAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.access(.anyone).post("auth", "token", use: issueToken)
        routes.access(.signedIn).get("me", use: me)
    }

    struct TokenRequest: Content {
        let email: String
        let password: String
    }

    struct TokenResponse: Content {
        let token: String
        let expiresAt: Date
    }

    @Sendable
    func issueToken(req: Request) async throws -> TokenResponse {
        let input = try req.content.decode(TokenRequest.self)
        let user = try await Authentication.verify(email: input.email, password: input.password, on: req.db, hasher: req.password.async)
        let (token, model) = UserToken.issue(for: try user.requireID())
        try await model.save(on: req.db)
        return TokenResponse(token: token, expiresAt: model.expiresAt)
    }

    struct Me: Content {
        let email: String
        let name: String
        let role: String
        let organisations: [String]
        let partnerships: [String]
    }

    @Sendable
    func me(req: Request) async throws -> Me {
        let user = try req.auth.require(User.self)
        let userID = try user.requireID()
        let organisations = try await Membership.active(on: req.db).filter(\.$user.$id == userID).with(\.$organisation).all().map(\.organisation.key)
        let partnerships = try await PartnershipCoordinator.query(on: req.db).filter(\.$user.$id == userID).with(\.$partnership).all().map(\.partnership.key)
        return Me(email: user.email, name: user.name, role: user.role.rawValue, organisations: organisations.sorted(), partnerships: partnerships.sorted())
    }
}
