import Fluent
import SQLKit
import Vapor

/// Links sent by e-mail that work once: the message is written to the outbox with a placeholder,
/// the token is made when the message leaves (`OutboxDelivery`), and only its digest is stored.
enum EmailLinks {
    static let invalid = AppError.gone(
        FieldProblem("token", "link-invalid", "this link is invalid, used or too old: ask for a new one"))

    /// Writes a link row and its message, in the caller's transaction.
    /// A change of address (`newEmail`) sends the link to the new address.
    static func send(
        _ purpose: EmailLink.Purpose, to user: User, newEmail: String? = nil, subject: String, body: String, now: Date,
        on db: any Database
    ) async throws {
        let link = EmailLink(userID: try user.requireID(), purpose: purpose, now: now)
        link.newEmail = newEmail
        try await link.create(on: db)
        try await OutboxMessage(recipient: newEmail ?? user.email, subject: subject, body: body, linkID: try link.requireID())
            .create(on: db)
    }

    /// Marks the link used, once, however many requests bring it at the same moment; returns its
    /// account. A link that is unknown, used or expired is gone (410).
    static func use(_ token: String, _ purpose: EmailLink.Purpose, now: Date, on db: any Database) async throws -> UUID {
        try await useWithAddress(token, purpose, now: now, on: db).userID
    }

    /// As `use`, with the address a change-of-address link confirms.
    static func useWithAddress(_ token: String, _ purpose: EmailLink.Purpose, now: Date, on db: any Database) async throws
        -> (userID: UUID, newEmail: String?)
    {
        guard SecretToken.isWellFormed(token) else { throw invalid }
        let rows = try await db.sql().update(EmailLink.schema).set("used_at", to: now)
            .where("digest", .equal, SecretToken.digest(token)).where("purpose", .equal, purpose.rawValue)
            .where("used_at", .is, SQLLiteral.null).where("expires_at", .greaterThan, now)
            .returning("user_id", "new_email").all()
        guard let row = rows.first else { throw invalid }
        return (try row.decode(column: "user_id", as: UUID.self), try row.decode(column: "new_email", as: String?.self))
    }

    /// The text that replaces the placeholder when the message leaves.
    static func url(_ purpose: EmailLink.Purpose, token: String, linkBase: String) -> String {
        "\(linkBase)\(purpose.path)?token=\(token)"
    }
}
