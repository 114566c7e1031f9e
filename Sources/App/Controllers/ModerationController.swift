import Vapor

/// The moderation queue of news, achievements and events, and trusted publishers.
struct ModerationController: Controller {
    func boot(_ routes: Surfaces) {
        routes.api.access(.roles([.coordinator, .admin])).get("moderation", use: queue)
        routes.pages.access(.roles([.coordinator, .admin])).get("moderation", use: page)
        routes.pages.access(.roles([.admin])).post("moderation", "trusted", ":key", use: trust)
    }

    @Sendable func queue(req: Request) async throws -> [ModerationItem] { try await req.context.publications.queue() }

    struct QueueView: Encodable {
        struct Row: Encodable {
            let item: ModerationItem
            let kindWords: String
            let statusWords: String
            let age: String
            let stale: Bool
        }

        let rows: [Row]
        let candidates: [Publications.TrustCandidate]
        let isAdmin: Bool
    }

    @Sendable func page(req: Request) async throws -> Response {
        let publications = req.context.publications
        let rows = try await publications.queue().map { item in
            QueueView.Row(
                item: item, kindWords: item.kind.words, statusWords: item.status.words,
                age: item.waitingDays == 0 ? "since today" : "for \(counted(item.waitingDays, "day"))",
                stale: item.waitingDays >= 2)
        }
        let view = QueueView(
            rows: rows, candidates: try await publications.trustCandidates(), isAdmin: req.context.caller?.isAdmin == true)
        return try await req.page("moderation", title: "To review", view)
    }

    struct TrustForm: Content {
        var trusted: String?
    }

    @Sendable func trust(req: Request) async throws -> Response {
        let trusted = try req.content.decode(TrustForm.self).trusted == "yes"
        let organisation = try await req.context.publications.trust(try req.key(), trusted)
        return req.redirect(
            to: "/moderation",
            flash: trusted
                ? "\(organisation.name) is a trusted publisher: what its members publish appears at once."
                : "\(organisation.name) is no longer a trusted publisher: what it publishes is reviewed first.")
    }
}
