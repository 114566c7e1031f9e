import Vapor

/// Conversations between organisations, as pages and as JSON.
struct MessageController: Controller {
    func boot(_ routes: Surfaces) {
        let api = routes.api.access(.signedIn)
        api.get("messages", use: threads)
        api.post("messages", use: start)
        api.get("messages", ":id", use: thread)
        api.post("messages", ":id", use: reply)
        let pages = routes.pages.access(.signedIn)
        pages.get("messages", use: threadsPage)
        pages.get("messages", "new", use: newPage)
        pages.post("messages", use: startPage)
        pages.get("messages", ":id", use: threadPage)
        pages.post("messages", ":id", use: replyPage)
    }

    @Sendable func threads(req: Request) async throws -> [ThreadSummaryDTO] {
        try await req.context.messages.threads()
    }

    @Sendable func start(req: Request) async throws -> Response {
        let thread = try await req.context.messages.start(try req.input(ThreadInput.self))
        return try await req.created(thread, at: "/api/v1/messages/\(thread.id)")
    }

    @Sendable func thread(req: Request) async throws -> ThreadDTO {
        try await req.context.messages.thread(try req.uuid("id", "conversation"))
    }

    @Sendable func reply(req: Request) async throws -> ThreadDTO {
        try await req.context.messages.reply(try req.uuid("id", "conversation"), try req.input(MessageInput.self))
    }

    @Sendable func threadsPage(req: Request) async throws -> Response {
        try await req.page("messages", title: "Messages", try await req.context.messages.threads())
    }

    struct NewThreadView: Encodable {
        let form: ThreadInput
        let from: [Choice]
        let toName: String
        let errors: [String: String]
    }

    @Sendable func newPage(req: Request) async throws -> Response {
        var form = ThreadInput()
        form.to = req.query[String.self, at: "to"]
        form.about = req.query[String.self, at: "about"]
        form.subject = req.query[String.self, at: "subject"]
        return try await renderNew(req, form: form, errors: [:])
    }

    @Sendable func startPage(req: Request) async throws -> Response {
        let form = try req.input(ThreadInput.self)
        do {
            let thread = try await req.context.messages.start(form)
            return req.redirect(
                to: "/messages/\(thread.id)", flash: "Your message is sent to \(thread.with); its members are told by e-mail.")
        } catch let error as AppError where !error.problems.isEmpty {
            return try await renderNew(req, form: form, errors: error.fieldMessages, status: error.status)
        }
    }

    private func renderNew(_ req: Request, form: ThreadInput, errors: [String: String], status: HTTPResponseStatus = .ok)
        async throws -> Response
    {
        let context = req.context
        let mine = try await context.myOrganisations.overview().organisations.filter { $0.membership == .active }
        let to = try? await context.catalogue.organisation(form.to ?? "")
        let view = NewThreadView(
            form: form, from: mine.map { Choice(value: $0.key, label: $0.name, selected: $0.key == form.from) },
            toName: to?.organisation.name ?? "", errors: errors)
        return try await req.page(
            "message-new", title: "Write to \(view.toName.isEmpty ? "an organisation" : view.toName)", view, status: status)
    }

    @Sendable func threadPage(req: Request) async throws -> Response {
        let thread = try await req.context.messages.thread(try req.uuid("id", "conversation"))
        return try await req.page("message-thread", title: thread.subject, thread)
    }

    @Sendable func replyPage(req: Request) async throws -> Response {
        let id = try req.uuid("id", "conversation")
        do {
            _ = try await req.context.messages.reply(id, try req.input(MessageInput.self))
            return req.redirect(to: "/messages/\(id)", flash: "Sent.")
        } catch let error as AppError where !error.problems.isEmpty {
            req.flash(error.inWords)
            return req.redirect(to: "/messages/\(id)")
        }
    }
}
