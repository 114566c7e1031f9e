import Fluent
import Vapor

/// What lets a person in: browser sessions and API tokens. A person lists and ends their own;
/// "sign out everywhere" ends every session; a new password ends everything.
struct Credentials {
    let context: ServiceContext

    private var db: any Database { context.db }

    /// A new API token for the account.
    func issueToken(email: String, password: String) async throws -> TokenDTO {
        let user = try await context.authentication.verify(email: email, password: password)
        let (token, model) = UserToken.issue(for: try user.requireID(), now: context.clock.now)
        try await model.create(on: db)
        return TokenDTO(token: token, expiresAt: model.expiresAt)
    }

    func tokens() async throws -> [TokenSummaryDTO] {
        let caller = try context.signedIn()
        return try await UserToken.query(on: db).filter(\.$user.$id == caller.id).filter(\.$expiresAt > context.clock.now)
            .sort(\.$createdAt, .descending).all().compactMap { token in
                token.id.map {
                    TokenSummaryDTO(
                        id: $0, createdAt: token.createdAt, expiresAt: token.expiresAt, current: context.credential == .token($0))
                }
            }
    }

    /// Ends one of the caller's tokens (the calling one when `id` is nil).
    func revokeToken(_ id: UUID?) async throws {
        let caller = try context.signedIn()
        let target: UUID
        if let id {
            target = id
        } else if case .token(let current) = context.credential {
            target = current
        } else {
            throw AppError.invalid("token", "no-token", "this request was not made with an API token")
        }
        let deleted = try await db.sql().delete(from: UserToken.schema).where("id", .equal, target).where(
            "user_id", .equal, caller.id
        )
        .returning("id").all()
        guard !deleted.isEmpty else { throw AppError.notFound("You have no such token.") }
        context.tokenCache.forgetAll()
    }

    func sessions() async throws -> [SessionSummaryDTO] {
        let caller = try context.signedIn()
        return try await BrowserSession.query(on: db).filter(\.$user.$id == caller.id).filter(\.$expiresAt > context.clock.now)
            .sort(\.$lastSeenAt, .descending).all().compactMap { session in
                session.id.map {
                    SessionSummaryDTO(
                        id: $0, createdAt: session.createdAt, lastSeenAt: session.lastSeenAt,
                        browser: BrowserName.of(userAgent: session.userAgent),
                        current: context.credential == .session($0))
                }
            }
    }

    func revokeSession(_ id: UUID) async throws {
        let caller = try context.signedIn()
        let deleted = try await db.sql().delete(from: BrowserSession.schema).where("id", .equal, id).where(
            "user_id", .equal, caller.id
        )
        .returning("id").all()
        guard !deleted.isEmpty else { throw AppError.notFound("You have no such session.") }
    }

    /// Ends every browser session of the caller, this one too, and the private calendar link (it
    /// may have been copied wherever the person signed in). API tokens stay (scripts rely on
    /// them); each is ended from the list.
    func signOutEverywhere() async throws {
        let caller = try context.signedIn()
        try await db.transaction { tx in
            try await BrowserSession.query(on: tx).filter(\.$user.$id == caller.id).delete()
            try await CalendarToken.query(on: tx).filter(\.$user.$id == caller.id).delete()
        }
    }

    /// Every session, token and calendar link of the account (a new password).
    static func endEverything(of userID: UUID, on db: any Database) async throws {
        try await BrowserSession.query(on: db).filter(\.$user.$id == userID).delete()
        try await UserToken.query(on: db).filter(\.$user.$id == userID).delete()
        try await CalendarToken.query(on: db).filter(\.$user.$id == userID).delete()
    }
}

extension ServiceContext {
    var credentials: Credentials { Credentials(context: self) }
}
