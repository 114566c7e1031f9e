import Vapor

/// The bell: what a person was told, in the platform.
struct NotificationController: Controller {
    func boot(_ routes: Surfaces) {
        let api = routes.api.access(.signedIn)
        api.get("notifications", use: list)
        api.post("notifications", "read", use: markRead)
        let pages = routes.pages.access(.signedIn)
        pages.get("notifications", use: page)
        pages.post("notifications", "read", use: markReadPage)
    }

    @Sendable func list(req: Request) async throws -> [NotificationDTO] {
        try await req.context.notifications.list()
    }

    @Sendable func markRead(req: Request) async throws -> HTTPStatus {
        try await req.context.notifications.markRead()
        return .noContent
    }

    @Sendable func page(req: Request) async throws -> Response {
        try await req.page("notifications", title: "Notifications", try await req.context.notifications.list())
    }

    @Sendable func markReadPage(req: Request) async throws -> Response {
        try await req.context.notifications.markRead()
        return req.redirect(to: "/notifications", flash: "All notifications are marked read.")
    }
}
