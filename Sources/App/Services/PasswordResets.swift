import Fluent
import Vapor

/// Resetting a forgotten password by an e-mailed link.
enum PasswordResets {
    static let lifetime: TimeInterval = 3600

    /// Mails a link when the account exists; says nothing either way, so the answer does not tell
    /// who has an account.
    static func request(email: String, on db: any Database, linkBase: String) async throws {
        guard let user = try await User.find(email: email, on: db) else { return }
        let (token, _) = UserToken.issue(for: try user.requireID())
        let reset = PasswordReset(userID: try user.requireID(), digest: UserToken.digest(of: token), expiresAt: Date().addingTimeInterval(lifetime))
        try await db.transaction { tx in
            try await reset.save(on: tx)
            try await Mailer.enqueue(
                to: user.email, subject: "Reset your ClusterXchange password",
                body: "Someone, hopefully you, asked to reset the password of \(user.email).\n\nChoose a new one within an hour: \(linkBase)/password/reset?token=\(token)\n\nIf it was not you, ignore this message; your password stays as it is.\n",
                on: tx)
        }
    }

    /// Sets the new password if the link is valid, unused and recent; signs the account out of the API.
    static func complete(token: String, newPassword: String, on db: any Database, hasher: any PasswordHasher) async throws {
        guard newPassword.count >= AccountInput.minimumPasswordLength else {
            throw InputProblem(field: "password", rule: "password-length", "must be at least \(AccountInput.minimumPasswordLength) characters")
        }
        guard let reset = try await PasswordReset.query(on: db).filter(\.$digest == UserToken.digest(of: token)).with(\.$user).first(),
            reset.usedAt == nil, reset.expiresAt > Date()
        else {
            throw InputProblem(field: "token", rule: "reset-link-invalid", "this link is invalid, used or older than an hour: ask for a new one", status: .gone)
        }
        let hash = try hasher.hash(newPassword)
        let userID = try reset.user.requireID()
        try await db.transaction { tx in
            reset.usedAt = Date()
            try await reset.save(on: tx)
            reset.user.passwordHash = hash
            try await reset.user.save(on: tx)
            try await UserToken.query(on: tx).filter(\.$user.$id == userID).delete()
        }
    }
}
