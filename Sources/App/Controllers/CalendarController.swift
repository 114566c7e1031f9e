import Vapor

/// A person's private calendar link: the feed (anyone with the link), a new link, no link.
struct CalendarController: Controller {
    func boot(_ routes: Surfaces) {
        routes.root.access(.anyone).get("calendar", ":file", use: feed)
        let pages = routes.pages.access(.signedIn)
        pages.post("account", "calendar", use: newLink)
        pages.post("account", "calendar", "revoke", use: revoke)
        routes.api.access(.signedIn).post("auth", "calendar-link", use: newLinkAPI)
    }

    /// `/calendar/TOKEN.ics`.
    @Sendable func feed(req: Request) async throws -> Response {
        let file = try req.key("file")
        guard file.hasSuffix(".ics") else { throw AppError.notFound("There is no such calendar.") }
        let text = try await req.context.calendars.feed(token: String(file.dropLast(4)))
        let response = Response(status: .ok, body: .init(string: text))
        response.headers.replaceOrAdd(name: .contentType, value: "text/calendar; charset=utf-8")
        response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        return response
    }

    struct LinkView: Content { let url: String }

    @Sendable func newLink(req: Request) async throws -> Response {
        // The page itself shows the link, once, with a button to copy it: nothing keeps it afterwards.
        let url = try await req.context.calendars.newLink()
        return try await AccountController().accountPage(req, newCalendarLink: url)
    }

    @Sendable func newLinkAPI(req: Request) async throws -> LinkView {
        LinkView(url: try await req.context.calendars.newLink())
    }

    @Sendable func revoke(req: Request) async throws -> Response {
        try await req.context.calendars.revoke()
        return req.redirect(to: "/account", flash: "Your calendar link no longer works.")
    }
}
