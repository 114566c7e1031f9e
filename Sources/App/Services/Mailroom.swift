import Fluent
import Foundation
import SQLKit
import Vapor

/// The support office's view of the outbox (`/support/mail`): what waits, what failed and will be
/// tried again, what was delivered, and, when no mail server is set, each message's text with its
/// links, kept so that a demonstration's sign-ups can be confirmed. A message can be sent again.
struct Mailroom {
    let context: ServiceContext

    private var db: any Database { context.db }

    /// One message as the list and the page show it.
    struct Letter: Content, Sendable {
        let id: UUID
        let recipient: String
        /// The account's name, when the address has one.
        let recipientName: String?
        let subject: String
        let createdAt: Date
        let sentAt: Date?
        let state: State
        /// Where it stands, in words.
        let stateWords: String
        /// The text as it went (no mail server), or waits to go; nil once delivered to a server.
        let text: String?
        /// Whether "Send again" is offered.
        let mayResend: Bool
    }

    enum State: String, Codable, Sendable, CaseIterable {
        case waiting, failing, abandoned, delivered, kept, dropped

        /// The filter's label.
        var label: String {
            switch self {
            case .waiting: "waiting"
            case .failing: "failed, to be tried again"
            case .abandoned: "given up"
            case .delivered: "delivered to the mail server"
            case .kept: "kept here (no mail server)"
            case .dropped: "dropped (link expired)"
            }
        }
    }

    /// How many of each, for the dashboard and the filter: honest about what really left.
    struct Counts: Content, Sendable {
        var waiting = 0
        var failing = 0
        var abandoned = 0
        var deliveredToday = 0
        var keptToday = 0
    }

    static let pageSize = 50

    /// The newest messages first, of one state when asked.
    func list(_ state: State?) async throws -> [Letter] {
        _ = try adminOnly()
        let query = OutboxMessage.query(on: db).sort(\.$createdAt, .descending).sort(\.$id).limit(Self.pageSize)
        switch state {
        case .waiting?: query.filter(\.$sentAt == nil).filter(\.$attempts == 0)
        case .failing?:
            query.filter(\.$sentAt == nil).filter(\.$attempts > 0).filter(\.$attempts < OutboxDelivery.maximumAttempts)
        case .abandoned?: query.filter(\.$sentAt == nil).filter(\.$attempts >= OutboxDelivery.maximumAttempts)
        case .delivered?: query.filter(\.$deliveredBy == "smtp")
        case .kept?: query.filter(\.$deliveredBy == "log")
        case .dropped?: query.filter(\.$sentAt != nil).filter(\.$deliveredBy == nil)
        case nil: break
        }
        return try await letters(query.all())
    }

    /// One message, with its text when it is kept.
    func letter(_ id: UUID) async throws -> Letter {
        _ = try adminOnly()
        guard let message = try await OutboxMessage.find(id, on: db) else { throw AppError.notFound("There is no such e-mail.") }
        return try await letters([message])[0]
    }

    /// Sends a message again: one waiting or failing is tried now; one kept here (no mail server)
    /// goes again as a new message, its link made anew (the earlier copy's link then no longer works).
    func sendAgain(_ id: UUID) async throws -> Letter {
        _ = try adminOnly()
        guard let message = try await OutboxMessage.find(id, on: db) else { throw AppError.notFound("There is no such e-mail.") }
        switch Self.state(of: message) {
        case .waiting, .failing, .abandoned:
            message.attempts = 0
            message.claimedUntil = nil
            message.lastError = nil
            try await message.save(on: db)
            return try await letter(try message.requireID())
        case .kept:
            let again = OutboxMessage(
                recipient: message.recipient, subject: message.subject, body: message.body, linkID: message.$link.id)
            again.extraHeaders = message.extraHeaders
            try await again.create(on: db)
            return try await letter(try again.requireID())
        case .delivered, .dropped:
            throw AppError.conflict(
                "message", "not-kept",
                "This e-mail left for the mail server and its text is not kept: the person can ask for it again.")
        }
    }

    /// The outbox in figures, in one query.
    func counts() async throws -> Counts {
        let startOfDay = Calendar(identifier: .gregorian).startOfDay(for: context.clock.now)
        let most = OutboxDelivery.maximumAttempts
        let query: SQLQueryString = """
            SELECT
            COALESCE(SUM(CASE WHEN sent_at IS NULL AND attempts = 0 THEN 1 ELSE 0 END), 0) AS waiting,
            COALESCE(SUM(CASE WHEN sent_at IS NULL AND attempts > 0 AND attempts < \(bind: most) THEN 1 ELSE 0 END), 0)
                AS failing,
            COALESCE(SUM(CASE WHEN sent_at IS NULL AND attempts >= \(bind: most) THEN 1 ELSE 0 END), 0) AS abandoned,
            COALESCE(SUM(CASE WHEN delivered_by = 'smtp' AND sent_at >= \(bind: startOfDay) THEN 1 ELSE 0 END), 0)
                AS "deliveredToday",
            COALESCE(SUM(CASE WHEN delivered_by = 'log' AND sent_at >= \(bind: startOfDay) THEN 1 ELSE 0 END), 0) AS "keptToday"
            FROM \(unsafeRaw: OutboxMessage.schema)
            """
        return try await db.sql().raw(query).first(decoding: Counts.self) ?? Counts()
    }

    static func state(of message: OutboxMessage) -> State {
        guard message.sentAt != nil else {
            if message.attempts == 0 { return .waiting }
            return message.attempts >= OutboxDelivery.maximumAttempts ? .abandoned : .failing
        }
        switch message.deliveredBy {
        case "smtp": return .delivered
        case "log": return .kept
        default: return .dropped
        }
    }

    private func letters(_ messages: [OutboxMessage]) async throws -> [Letter] {
        let addresses = Array(Set(messages.map(\.recipient)))
        let names = Dictionary(
            try await User.query(on: db).filter(\.$email ~~ addresses).all().map { ($0.email, $0.name) },
            uniquingKeysWith: { first, _ in first })
        return try messages.map { message in
            let state = Self.state(of: message)
            return Letter(
                id: try message.requireID(), recipient: message.recipient, recipientName: names[message.recipient],
                subject: message.subject, createdAt: message.createdAt ?? context.clock.now, sentAt: message.sentAt,
                state: state, stateWords: Self.words(message, state),
                text: state == .kept
                    ? message.readableCopy : (message.sentAt == nil && message.$link.id == nil ? message.body : nil),
                mayResend: state != .delivered && state != .dropped)
        }
    }

    private static func words(_ message: OutboxMessage, _ state: State) -> String {
        let error = message.lastError.map { ": \($0.prefix(200))" } ?? ""
        switch state {
        case .waiting: return "Waiting to be sent."
        case .failing:
            return "Failed \(counted(message.attempts, "time")), to be tried again\(error)."
        case .abandoned:
            return "Given up after \(message.attempts) attempts\(error). Check the mail settings, then send it again."
        case .delivered: return "Delivered to the mail server."
        case .kept: return "Not sent: no mail server is set (SMTP_URL), so it is kept here to read."
        case .dropped: return "Not sent: its link had expired or been used before it could go."
        }
    }

    private func adminOnly() throws(AppError) -> Caller {
        let caller = try context.signedIn()
        guard caller.isAdmin else { throw .forbidden("Only the support office reads the outbox.") }
        return caller
    }
}

extension ServiceContext {
    var mailroom: Mailroom { Mailroom(context: self) }
}
