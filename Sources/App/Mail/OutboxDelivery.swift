import Fluent
import SQLKit
import Vapor

/// Sends what waits in the outbox. Several app instances may run it at once: each message is
/// claimed with one conditional UPDATE before it is sent, so only one instance sends it. A message
/// that carries a link gets its token here, at the last moment, and only the token's digest is
/// stored; once sent, a body is emptied (recipient and subject stay for the support office), unless
/// nothing really left (no mail server), when the text is kept for the support office to read.
struct OutboxDelivery: Sendable {
    let transport: any MailTransport
    let logger: Logger
    let linkBase: String
    static let maximumAttempts = 8
    static let claimSeconds: TimeInterval = 120

    init(transport: any MailTransport, logger: Logger, linkBase: String = "http://127.0.0.1:8080") {
        self.transport = transport
        self.logger = logger
        self.linkBase = linkBase
    }

    /// Delivers up to `limit` due messages; returns how many were sent.
    @discardableResult
    func deliverPending(on db: any Database, limit: Int = 50, now: Date = Date()) async throws -> Int {
        let due = try await OutboxMessage.query(on: db)
            .filter(\.$sentAt == nil).filter(\.$attempts < Self.maximumAttempts)
            .group(.or) { $0.filter(\.$claimedUntil == nil).filter(\.$claimedUntil < now) }
            .sort(\.$createdAt).limit(limit).all()
        var sent = 0
        for message in due {
            guard try await claim(message, on: db, now: now) else { continue }
            do {
                guard let body = try await body(of: message, on: db, now: now) else {
                    logger.notice("mail to \(message.recipient) dropped: its link expired or was used before it could be sent")
                    message.sentAt = now
                    message.body = ""
                    try await message.save(on: db)
                    continue
                }
                let headers = (message.extraHeaders ?? "").split(separator: "\n").map(String.init)
                try await transport.send(
                    MailMessage(to: message.recipient, subject: message.subject, body: body, headers: headers))
                message.sentAt = now
                message.lastError = nil
                if transport.keepsReadableCopy {
                    // Nothing left: the text is kept to read, and the body to send again.
                    message.deliveredBy = "log"
                    message.readableCopy = body
                } else {
                    message.deliveredBy = "smtp"
                    message.body = ""
                }
                sent += 1
            } catch {
                message.attempts += 1
                message.lastError = String(String(describing: error).prefix(500))
                // Back off: 1, 2, 4 ... minutes.
                message.claimedUntil = now.addingTimeInterval(60 * pow(2, Double(message.attempts - 1)))
                logger.warning("mail to \(message.recipient) failed (attempt \(message.attempts)): \(error)")
            }
            try await message.save(on: db)
        }
        return sent
    }

    /// The body to send: a link's token made now, its digest stored; nil when the link can no
    /// longer be used.
    private func body(of message: OutboxMessage, on db: any Database, now: Date) async throws -> String? {
        guard let linkID = message.$link.id else { return message.body }
        guard let link = try await EmailLink.find(linkID, on: db) else { return nil }
        let token = SecretToken.generate()
        let updated = try await db.sql().update(EmailLink.schema).set("digest", to: SecretToken.digest(token))
            .where("id", .equal, linkID).where("used_at", .is, SQLLiteral.null).where("expires_at", .greaterThan, now)
            .returning("id").all()
        guard !updated.isEmpty else { return nil }
        return message.body.replacingOccurrences(
            of: OutboxMessage.linkPlaceholder, with: EmailLinks.url(link.purpose, token: token, linkBase: linkBase))
    }

    private func claim(_ message: OutboxMessage, on db: any Database, now: Date) async throws -> Bool {
        guard let id = message.id else { return false }
        let until = now.addingTimeInterval(Self.claimSeconds)
        let claimed = try await db.sql().update(OutboxMessage.schema)
            .set("claimed_until", to: until)
            .where("id", .equal, id)
            .where("sent_at", .is, SQLLiteral.null)
            .where { $0.where("claimed_until", .is, SQLLiteral.null).orWhere("claimed_until", .lessThan, now) }
            .returning("id")
            .all()
        if !claimed.isEmpty { message.claimedUntil = until }
        return !claimed.isEmpty
    }
}
