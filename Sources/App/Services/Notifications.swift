import Fluent
import SQLKit
import Vapor

/// A person's notifications: the bell's unread count, the list, marking them read.
struct Notifications {
    let context: ServiceContext

    private var db: any Database { context.db }

    func list() async throws -> [NotificationDTO] {
        let caller = try context.signedIn()
        return try await Notification.query(on: db).filter(\.$user.$id == caller.id).sort(\.$createdAt, .descending).limit(100)
            .all()
            .map(NotificationDTO.init)
    }

    /// The newest unread ones, at most `limit`, for a dashboard.
    func latestUnread(limit: Int) async throws -> [NotificationDTO] {
        let caller = try context.signedIn()
        return try await Notification.query(on: db).filter(\.$user.$id == caller.id).filter(\.$readAt == nil)
            .sort(\.$createdAt, .descending).limit(limit).all().map(NotificationDTO.init)
    }

    /// The bell's count; every signed-in page asks it, so it is plain SQL (no model is built).
    func unread() async throws -> Int {
        guard let caller = context.caller else { return 0 }
        let row = try await db.sql().select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "unread")
            .from(Notification.schema).where("user_id", .equal, caller.id).where("read_at", .is, SQLLiteral.null).first()
        return try row?.decode(column: "unread", as: Int.self) ?? 0
    }

    /// Marks every notification read (or one, by id).
    func markRead(_ id: UUID? = nil) async throws {
        let caller = try context.signedIn()
        let query = Notification.query(on: db).filter(\.$user.$id == caller.id).filter(\.$readAt == nil)
        if let id { query.filter(\.$id == id) }
        try await query.set(\.$readAt, to: context.clock.now).update()
    }
}

extension ServiceContext {
    var notifications: Notifications { Notifications(context: self) }
}
