import Fluent
import Vapor

/// Resetting a forgotten password by an e-mailed link that works once, for an hour. A new password
/// ends every browser session, API token and calendar link of the account, and its failed sign-ins
/// no longer count. Requests are limited per client and per address (`RateLimit`).
struct PasswordResets {
    let context: ServiceContext

    private var db: any Database { context.db }

    /// Mails a link when the account exists; says nothing either way, so the answer does not tell
    /// who has an account.
    func request(email: String) async throws {
        let address = User.normalise(email: InputChecker.clean(email))
        // Counted whether or not the account exists, so the limit tells nobody who has one.
        try await context.rateLimiter.spend(.resetPerClient, for: context.clientAddress ?? "")
        try await context.rateLimiter.spend(.resetPerAddress, for: address)
        guard let user = try await User.find(email: address, on: db) else { return }
        let now = context.clock.now
        try await db.transaction { tx in
            try await EmailLinks.send(
                .passwordReset, to: user, subject: "Reset your ClusterXchange password",
                body: """
                    Someone, hopefully you, asked to reset the password of \(user.email).

                    Choose a new one within an hour: \(OutboxMessage.linkPlaceholder)

                    If it was not you, ignore this message; your password stays as it is.

                    """,
                now: now, on: tx)
        }
    }

    /// Sets the new password if the link is valid, unused and recent; the link proves the address.
    func complete(token: String, newPassword: String) async throws {
        if let problem = AccountInput.passwordProblem(newPassword) {
            throw AppError.invalid("password", "password-length", problem)
        }
        let hash = try await context.passwords.hash(newPassword)
        let now = context.clock.now
        try await db.transaction { tx in
            let userID = try await EmailLinks.use(token, .passwordReset, now: now, on: tx)
            try await User.query(on: tx).filter(\.$id == userID).set(\.$passwordHash, to: hash).update()
            try await User.query(on: tx).filter(\.$id == userID).filter(\.$emailConfirmedAt == nil).set(
                \.$emailConfirmedAt, to: now
            ).update()
            try await Credentials.endEverything(of: userID, on: tx)
            if let email = try await User.find(userID, on: tx)?.email {
                try await SignInThrottle.forget(email: email, on: tx)
            }
        }
        context.tokenCache.forgetAll()
    }
}

extension ServiceContext {
    var passwordResets: PasswordResets { PasswordResets(context: self) }
}
