import Fluent
import SQLKit
import Vapor

/// How mail leaves: SMTP when `SMTP_URL` is set, else the log (the message stays in the outbox
/// marked sent, so a developer can read it there).
protocol MailTransport: Sendable {
    func send(_ message: MailMessage) async throws
}

extension SMTPClient: MailTransport {}

struct LogTransport: MailTransport {
    let logger: Logger

    func send(_ message: MailMessage) async throws {
        logger.notice("mail to \(message.to): \(message.subject)\n\(message.body)")
    }
}

/// Sends what waits in the outbox. Several app instances may run it at once: each message is
/// claimed with one conditional UPDATE before it is sent, so only one instance sends it.
struct OutboxDelivery: Sendable {
    let transport: any MailTransport
    let logger: Logger
    static let maximumAttempts = 8
    static let claimSeconds: TimeInterval = 120

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
                try await transport.send(MailMessage(to: message.recipient, subject: message.subject, body: message.body))
                message.sentAt = now
                message.lastError = nil
                sent += 1
            } catch {
                message.attempts += 1
                message.lastError = String(describing: error)
                // Back off: 1, 2, 4 ... minutes.
                message.claimedUntil = now.addingTimeInterval(60 * pow(2, Double(message.attempts - 1)))
                logger.warning("mail to \(message.recipient) failed (attempt \(message.attempts)): \(error)")
            }
            try await message.save(on: db)
        }
        return sent
    }

    private func claim(_ message: OutboxMessage, on db: any Database, now: Date) async throws -> Bool {
        guard let sql = db as? any SQLDatabase, let id = message.id else { return false }
        let until = now.addingTimeInterval(Self.claimSeconds)
        let claimed = try await sql.update(OutboxMessage.schema)
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

/// Runs the delivery every few seconds while the server runs.
final class OutboxWorker: LifecycleHandler, @unchecked Sendable {
    private var task: Task<Void, Never>?
    let interval: Duration

    init(interval: Duration = .seconds(5)) { self.interval = interval }

    func didBootAsync(_ application: Application) async throws {
        let delivery = OutboxDelivery(transport: application.mailTransport, logger: application.logger)
        let db = application.db
        let interval = interval
        let logger = application.logger
        task = Task {
            while !Task.isCancelled {
                do {
                    try await delivery.deliverPending(on: db)
                } catch {
                    logger.error("outbox delivery: \(String(reflecting: error))")
                }
                try? await Task.sleep(for: interval)
            }
        }
    }

    func shutdownAsync(_ application: Application) async {
        task?.cancel()
        await task?.value
    }
}

struct MailTransportKey: StorageKey {
    typealias Value = any MailTransport
}

extension Application {
    /// SMTP when configured, the log otherwise; tests put their own here.
    var mailTransport: any MailTransport {
        get { storage[MailTransportKey.self] ?? LogTransport(logger: logger) }
        set { storage[MailTransportKey.self] = newValue }
    }
}
