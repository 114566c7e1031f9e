import Vapor

/// How mail leaves: SMTP when `SMTP_URL` is set, else the log.
protocol MailTransport: Sendable {
    func send(_ message: MailMessage) async throws
}

extension SMTPClient: MailTransport {}

extension Application {
    /// SMTP when configured, the log otherwise; tests put their own here.
    var mailTransport: any MailTransport {
        get { storage[MailTransportKey.self] ?? LogTransport(logger: logger) }
        set { storage[MailTransportKey.self] = newValue }
    }
}
