import Fluent
import SQLKit
import Vapor

/// The bell of every signed-in page: unread notifications, and conversations with messages the
/// caller has not read (those of the organisations they are an approved member of). The counts
/// come with the session's own query (`SessionMiddleware.lookUp`), so a page's frame costs no
/// query of its own; each query is a round trip to the database's thread or server, which cost
/// more than the counting (decision 0024). A request that reads something marks the counts stale.
struct Bell {
    let context: ServiceContext

    struct Counts: Decodable, Equatable, Sendable {
        let notifications: Int
        let messages: Int
    }

    /// The counts as the session read them, or counted now.
    func counts() async throws -> Counts {
        let caller = try context.signedIn()
        if let known = context.memo?.bell(of: caller.id) { return known }
        let row = try await context.db.sql().raw("SELECT \(Self.columns(user: "\(bind: caller.id)"))")
            .first(decoding: Counts.self)
        return row ?? Counts(notifications: 0, messages: 0)
    }

    /// The two counts as columns `notifications` and `messages` of a SELECT, for the person `user`
    /// (a bound id, or a column of the enclosing query).
    static func columns(user: SQLQueryString) -> SQLQueryString {
        let mine: SQLQueryString = """
            SELECT organisation_id FROM \(ident: Membership.schema)
            WHERE user_id = \(user) AND status = \(bind: Membership.Status.active.rawValue)
            """
        return """
            (SELECT COUNT(*) FROM \(ident: Notification.schema)
                WHERE user_id = \(user) AND read_at IS NULL) AS notifications,
            (SELECT COUNT(*) FROM \(ident: MessageThread.schema) t
                LEFT JOIN \(ident: ThreadRead.schema) r ON r.thread_id = t.id AND r.user_id = \(user)
                WHERE (t.from_id IN (\(mine)) OR t.to_id IN (\(mine)))
                AND (r.read_at IS NULL OR r.read_at < t.last_message_at)) AS messages
            """
    }
}

extension ServiceContext {
    var bell: Bell { Bell(context: self) }
}
