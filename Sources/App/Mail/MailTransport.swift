import Vapor

/// How mail leaves: SMTP when `SMTP_URL` is set, else the log.
protocol MailTransport: Sendable {
    func send(_ message: MailMessage) async throws
    /// Whether the outbox keeps what it delivered, for the support office to read: true when
    /// nothing really leaves (no mail server), so a demo's mail can still be read and its links followed.
    var keepsReadableCopy: Bool { get }
}

extension MailTransport {
    var keepsReadableCopy: Bool { false }
}

extension SMTPClient: MailTransport {}

extension Application {
    /// SMTP when configured, the log otherwise; tests put their own here.
    var mailTransport: any MailTransport {
        get { storage[MailTransportKey.self] ?? LogTransport(logger: logger) }
        set { storage[MailTransportKey.self] = newValue }
    }
}
