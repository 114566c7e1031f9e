import Vapor

/// Without `SMTP_URL`, messages are only noted in the log: who and what, never the body, which
/// may hold a link that signs someone in. Point `SMTP_URL` at a local catcher to read them.
struct LogTransport: MailTransport {
    let logger: Logger

    func send(_ message: MailMessage) async throws {
        logger.notice("mail to \(message.to): \(message.subject) (not sent: SMTP_URL is not set; the body is not logged)")
    }
}
