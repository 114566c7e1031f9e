import ProgrammeRules
import Vapor

/// News and achievements: the API, the pages (list, article, form, moderation buttons) and the Atom feed.
struct NewsController: Controller {
    func boot(_ routes: Surfaces) {
        routes.root.access(.anyone).get("news.atom", use: atom)
        let api = routes.api
        api.access(.anyone).get("news", use: list)
        api.access(.anyone).get("news", ":id", use: item)
        api.access(.signedIn).post("news", use: submit)
        api.access(.signedIn).post("news", ":id", "report", use: report)
        let moderators = api.access(.roles([.coordinator, .admin]))
        moderators.post("news", ":id", "publish", use: publish)
        moderators.post("news", ":id", "reject", use: reject)

        let pages = routes.pages
        pages.access(.anyone).get("news", use: listPage)
        pages.access(.signedIn).get("news", "new", use: newPage)
        pages.access(.signedIn).post("news", use: submitPage)
        pages.access(.anyone).get("news", ":id", use: itemPage)
        pages.access(.signedIn).post("news", ":id", "report", use: reportPage)
        let moderatorPages = pages.access(.roles([.coordinator, .admin]))
        moderatorPages.post("news", ":id", "publish", use: publishPage)
        moderatorPages.post("news", ":id", "reject", use: rejectPage)
    }

    // MARK: API

    @Sendable func list(req: Request) async throws -> [NewsItem] { try await req.context.publications.publishedNews() }

    @Sendable func item(req: Request) async throws -> NewsItem {
        try await req.context.publications.news(try req.uuid("id", "news item"))
    }

    @Sendable func submit(req: Request) async throws -> Response {
        let receipt = try await req.context.publications.submitNews(try req.input(NewsInput.self))
        return try await req.created(receipt, at: "/api/v1/news/\(receipt.id)")
    }

    @Sendable func publish(req: Request) async throws -> NewsItem {
        Publications.news(try await req.context.publications.publish(try req.uuid("id", "news item"), .news))
    }

    @Sendable func reject(req: Request) async throws -> NewsItem {
        let id = try req.uuid("id", "news item")
        return Publications.news(try await req.context.publications.reject(id, .news, try req.input(RejectInput.self)))
    }

    @Sendable func report(req: Request) async throws -> ReportReceipt {
        let id = try req.uuid("id", "news item")
        return try await req.context.publications.report(id, .news, try req.input(PublicationReportInput.self))
    }

    // MARK: Feed

    @Sendable func atom(req: Request) async throws -> Response {
        let items = try await req.context.publications.publishedNews(limit: 50)
        let feed = AtomFeed(
            title: "ClusterXchange: news and achievements", base: req.context.linkBase, items: items,
            updated: items.compactMap(\.publishedAt).max() ?? req.context.clock.now)
        let response = Response(status: .ok, body: .init(string: feed.xml))
        response.headers.replaceOrAdd(name: .contentType, value: "application/atom+xml; charset=utf-8")
        return response
    }

    // MARK: Pages

    struct ListView: Encodable {
        struct Row: Encodable {
            let item: NewsItem
            let date: String
        }

        let rows: [Row]
        let signedIn: Bool
    }

    @Sendable func listPage(req: Request) async throws -> Response {
        let items = try await req.context.publications.publishedNews()
        let view = ListView(
            rows: items.map { .init(item: $0, date: PublicationText.day($0.publishedAt ?? $0.createdAt)) },
            signedIn: req.context.caller != nil)
        return try await req.page("news", title: "News and achievements", view)
    }

    struct ItemView: Encodable {
        let item: NewsItem
        let kindWords: String
        let statusWords: String
        let date: String
        let paragraphs: [String]
        /// For an achievement: the exchange it came from, in words.
        let cameFrom: String?
        let mayModerate: Bool
        let mayReport: Bool
        let errors: [String: String]
    }

    @Sendable func itemPage(req: Request) async throws -> Response {
        try await renderItem(req, try req.uuid("id", "news item"), errors: [:])
    }

    private func renderItem(_ req: Request, _ id: UUID, errors: [String: String], status: HTTPResponseStatus = .ok)
        async throws -> Response
    {
        let publications = req.context.publications
        let record = try await publications.find(id, .news)
        let item = Publications.news(record)
        let view = ItemView(
            item: item, kindWords: item.kind.words, statusWords: item.status.words,
            date: PublicationText.day(item.publishedAt ?? item.createdAt), paragraphs: PublicationText.paragraphs(item.body),
            cameFrom: try await publications.exchangeWords(item.exchange),
            mayModerate: try await publications.mayModerate(record),
            mayReport: req.context.caller != nil && item.status == .published, errors: errors)
        return try await req.page("news-item", title: item.title, view, status: status)
    }

    struct FormView: Encodable {
        let form: NewsInput
        let organisations: [Choice]
        let kinds: [Choice]
        /// The caller's funded exchanges, for an achievement.
        let exchanges: [Choice]
        let errors: [String: String]
    }

    @Sendable func newPage(req: Request) async throws -> Response {
        var form = NewsInput()
        form.organisation = req.query[String.self, at: "organisation"]
        form.kind = req.query[String.self, at: "kind"] ?? "news"
        return try await renderForm(req, form: form, errors: [:])
    }

    @Sendable func submitPage(req: Request) async throws -> Response {
        let form = try req.input(NewsInput.self)
        do {
            let receipt = try await req.context.publications.submitNews(form)
            return req.redirect(
                to: "/news/\(receipt.id)",
                flash: receipt.status == .published
                    ? "Published: your organisation is a trusted publisher."
                    : "Sent for review: your partnership's coordinators are told, and you will be when they decide.")
        } catch let error as AppError where !error.problems.isEmpty {
            return try await renderForm(req, form: form, errors: error.fieldMessages, status: error.status)
        }
    }

    private func renderForm(_ req: Request, form: NewsInput, errors: [String: String], status: HTTPResponseStatus = .ok)
        async throws -> Response
    {
        let view = FormView(
            form: form, organisations: try await PublishingChoices.organisations(req, selected: form.organisation),
            kinds: [Publication.Kind.news, .achievement].map {
                Choice(
                    value: $0.rawValue, label: $0 == .news ? "News" : "Achievement (a success story)",
                    selected: form.kind == $0.rawValue)
            },
            exchanges: try await req.context.publications.ownFundedExchanges().map {
                Choice(value: $0.value, label: $0.label, selected: $0.value == form.exchange)
            }, errors: errors)
        return try await req.page("news-new", title: "Publish news", view, status: status)
    }

    @Sendable func publishPage(req: Request) async throws -> Response {
        let item = try await req.context.publications.publish(try req.uuid("id", "news item"), .news)
        return req.redirect(to: "/news/\(item.id?.uuidString ?? "")", flash: "Published; the author is told.")
    }

    @Sendable func rejectPage(req: Request) async throws -> Response {
        let id = try req.uuid("id", "news item")
        do {
            _ = try await req.context.publications.reject(id, .news, try req.input(RejectInput.self))
            return req.redirect(to: "/moderation", flash: "Not published; the author reads your reason.")
        } catch let error as AppError where !error.problems.isEmpty {
            return try await renderItem(req, id, errors: error.fieldMessages, status: error.status)
        }
    }

    @Sendable func reportPage(req: Request) async throws -> Response {
        let id = try req.uuid("id", "news item")
        let receipt = try await req.context.publications.report(id, .news, try req.input(PublicationReportInput.self))
        return req.redirect(
            to: receipt.hidden ? "/news" : "/news/\(id)",
            flash: receipt.hidden
                ? "Thank you: it is hidden until a moderator reviews it."
                : "Thank you: the moderators will look at it if others report it too.")
    }
}

/// Shared by the news and event forms.
enum PublishingChoices {
    /// The caller's validated organisations, for "publish as".
    static func organisations(_ req: Request, selected: String?) async throws -> [Choice] {
        let mine = try await req.context.myOrganisations.overview().organisations
            .filter { $0.membership == .active && $0.status == .validated }
        return mine.map { Choice(value: $0.key, label: $0.name, selected: $0.key == selected || mine.count == 1) }
    }
}
