import Fluent
import Vapor

/// `Authorization: Bearer TOKEN` for the API. A token's account is remembered for two seconds
/// (docs/decisions/0014-bearer-token-cache.md): an API client calling in a loop costs one query
/// every two seconds, not one per call; a revoked token or a changed role takes effect within that
/// time everywhere, and at once in the instance that revoked it.
struct BearerTokenAuthenticator: AsyncBearerAuthenticator {
    func authenticate(bearer: BearerAuthorization, for request: Request) async throws {
        guard SecretToken.isWellFormed(bearer.token) else { return }
        let digest = SecretToken.digest(bearer.token)
        let cache = request.application.tokenCache
        if let account = cache.account(for: digest) {
            request.auth.login(account.user())
            request.storage[CredentialKey.self] = .token(account.tokenID)
            return
        }
        // One query: the token joined to its account.
        guard
            let token = try await UserToken.query(on: request.database)
                .join(User.self, on: \UserToken.$user.$id == \User.$id)
                .filter(\.$digest == digest).first(),
            token.expiresAt > Date(), let tokenID = token.id
        else { return }
        let user = try token.joined(User.self)
        cache.remember(digest, TokenCache.Account(user, tokenID: tokenID, expiresAt: token.expiresAt))
        request.auth.login(user)
        request.storage[CredentialKey.self] = .token(tokenID)
    }
}
