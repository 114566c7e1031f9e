import Fluent
import Vapor

/// Writes e-mails to the outbox, in the caller's transaction when there is one; the outbox
/// delivery sends them (over SMTP when `SMTP_URL` is set, else into the log).
enum Mailer {
    static func enqueue(to recipient: String, subject: String, body: String, headers: [String] = [], on db: any Database)
        async throws
    {
        let message = OutboxMessage(recipient: recipient, subject: String(subject.prefix(200)), body: body)
        if !headers.isEmpty { message.extraHeaders = headers.joined(separator: "\n") }
        try await message.create(on: db)
    }
}
