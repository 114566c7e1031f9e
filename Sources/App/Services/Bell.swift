import Fluent
import FluentPostgresDriver
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
        return try await Query(user: caller.id).first(on: context.db) ?? Counts(notifications: 0, messages: 0)
    }

    /// The two counts as columns `notifications` and `messages` of a SELECT, for the person `user`
    /// (a parameter such as `$1`, or a column of the enclosing query).
    static func columns(user: String) -> String {
        let mine = """
            SELECT organisation_id FROM \(Membership.schema)
            WHERE user_id = \(user) AND status = '\(Membership.Status.active.rawValue)'
            """
        return """
            (SELECT COUNT(*) FROM \(Notification.schema) WHERE user_id = \(user) AND read_at IS NULL) AS notifications,
            (SELECT COUNT(*) FROM \(MessageThread.schema) t
                LEFT JOIN \(ThreadRead.schema) r ON r.thread_id = t.id AND r.user_id = \(user)
                WHERE (t.from_id IN (\(mine)) OR t.to_id IN (\(mine)))
                AND (r.read_at IS NULL OR r.read_at < t.last_message_at)) AS messages
            """
    }

    struct Query: PreparedQuery {
        typealias Output = Counts
        static let sql = "SELECT " + Bell.columns(user: "$1")
        let user: UUID
        var values: [any PostgresEncodable & Encodable & Sendable] { [user] }
    }
}

extension ServiceContext {
    var bell: Bell { Bell(context: self) }
}
