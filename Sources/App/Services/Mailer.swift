import Fluent
import Vapor

/// Writes e-mails to the outbox, in the caller's transaction when there is one; the outbox
/// delivery sends them (over SMTP when `SMTP_URL` is set, else into the log).
enum Mailer {
    static func enqueue(to recipient: String, subject: String, body: String, on db: any Database) async throws {
        try await OutboxMessage(recipient: recipient, subject: subject, body: body).save(on: db)
    }
}
