import Fluent
import SQLKit
import Vapor

/// The bell of every signed-in page: unread notifications, and conversations with messages the
/// caller has not read (those of the organisations they are an approved member of). Counted in
/// one query: the frame is on every page, and each query is a round trip to the database's
/// thread or server, which cost more than the counting (Benchmarks/README.md, "Pages").
struct Bell {
    let context: ServiceContext

    struct Counts: Decodable, Equatable {
        let notifications: Int
        let messages: Int
    }

    func counts() async throws -> Counts {
        let caller = try context.signedIn()
        let mine: SQLQueryString = """
            SELECT organisation_id FROM \(ident: Membership.schema)
            WHERE user_id = \(bind: caller.id) AND status = \(bind: Membership.Status.active.rawValue)
            """
        let row = try await context.db.sql().raw(
            """
            SELECT
            (SELECT COUNT(*) FROM \(ident: Notification.schema)
                WHERE user_id = \(bind: caller.id) AND read_at IS NULL) AS notifications,
            (SELECT COUNT(*) FROM \(ident: MessageThread.schema) t
                LEFT JOIN \(ident: ThreadRead.schema) r ON r.thread_id = t.id AND r.user_id = \(bind: caller.id)
                WHERE (t.from_id IN (\(mine)) OR t.to_id IN (\(mine)))
                AND (r.read_at IS NULL OR r.read_at < t.last_message_at)) AS messages
            """
        ).first(decoding: Counts.self)
        return row ?? Counts(notifications: 0, messages: 0)
    }
}

extension ServiceContext {
    var bell: Bell { Bell(context: self) }
}
