import Vapor

/// Without `SMTP_URL`, nothing leaves: the log notes who and what (never the body, which may hold
/// a link that signs someone in), and the outbox keeps the text as it would have gone, for the
/// support office to read at `/support/mail` (a demonstration's sign-ups can then be confirmed).
struct LogTransport: MailTransport {
    let logger: Logger

    var keepsReadableCopy: Bool { true }

    func send(_ message: MailMessage) async throws {
        logger.info("mail to \(message.to): \(message.subject) (no mail server: kept at /support/mail)")
    }
}
