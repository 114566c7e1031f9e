import Fluent
import FluentPostgresDriver
import SQLKit
import Vapor

/// A person's notifications: the list, the newest unread, marking them read (the bell counts them).
struct Notifications {
    let context: ServiceContext

    private var db: any Database { context.db }

    func list() async throws -> [NotificationDTO] {
        let caller = try context.signedIn()
        return try await Notification.query(on: db).filter(\.$user.$id == caller.id).sort(\.$createdAt, .descending).limit(100)
            .all()
            .map(NotificationDTO.init)
    }

    /// The newest unread ones, at most `limit`, for a dashboard (prepared: every dashboard asks).
    func latestUnread(limit: Int) async throws -> [NotificationDTO] {
        let caller = try context.signedIn()
        // The bell of this request says whether there is any: none, no query.
        if context.memo?.bell(of: caller.id)?.notifications == 0 { return [] }
        return try await LatestUnread(user: caller.id, limit: limit).all(on: db).map {
            NotificationDTO(id: $0.id, text: $0.text, link: $0.link, read: false, at: $0.created_at)
        }
    }

    struct LatestUnread: PreparedQuery {
        struct Output: Decodable, Sendable {
            let id: UUID
            let text: String
            let link: String
            let created_at: Date?
        }

        static let sql = """
            SELECT id, text, link, created_at FROM \(Notification.schema)
            WHERE user_id = $1 AND read_at IS NULL ORDER BY created_at DESC LIMIT $2
            """
        let user: UUID
        let limit: Int
        var values: [any PostgresEncodable & Encodable & Sendable] { [user, limit] }
    }

    /// Marks every notification read (or one, by id).
    func markRead(_ id: UUID? = nil) async throws {
        let caller = try context.signedIn()
        let query = Notification.query(on: db).filter(\.$user.$id == caller.id).filter(\.$readAt == nil)
        if let id { query.filter(\.$id == id) }
        try await query.set(\.$readAt, to: context.clock.now).update()
        context.memo?.forgetBell()
    }
}

extension ServiceContext {
    var notifications: Notifications { Notifications(context: self) }
}
