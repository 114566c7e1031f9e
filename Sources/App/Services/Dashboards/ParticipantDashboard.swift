import Fluent
import FluentPostgresDriver
import ProgrammeRules
import SQLKit
import Vapor

/// What a participant lands on: their organisations and where each stands, what they must do now,
/// their requests and offers with the best suggestion for each, their exchanges by phase and the
/// latest of what they were told.
struct ParticipantDashboard: Encodable {
    /// One thing to do, with where to do it.
    struct Todo: Encodable {
        let text: String
        let link: String
        let action: String
        let by: String?
    }

    /// A request or an offer of theirs with the best match the engine finds for it.
    struct Listing: Encodable {
        let kind: String
        let key: String
        let title: String
        let organisationName: String
        let suggestionCount: Int
        let best: String?
        let bestScore: Int?
        let link: String
    }

    let name: String
    let organisations: MyOrganisationsDTO
    let todo: [Todo]
    let listings: [Listing]
    let exchanges: ExchangeDigest
    let byPhase: [ExchangeDigest.PhaseCount]
    let openExchanges: [ExchangeDigest.Item]
    let notifications: [NotificationDTO]
}

extension Dashboards {
    func participant() async throws -> ParticipantDashboard {
        let caller = try context.signedIn()
        let organisations = try await context.myOrganisations.overview()
        let scope = try await context.exchangeScope()
        let digest = try await ExchangeDigest.read(context, scope: scope)
        let listings = try await listings()
        var todo: [ParticipantDashboard.Todo] = []
        for organisation in organisations.organisations where organisation.membership == .active {
            let link = "/organisations/\(organisation.key)/registration"
            switch (organisation.status, organisation.registrationStatus) {
            case (.validated?, _):
                // Validated and nothing published yet: the next step is to say what it looks for.
                if !listings.contains(where: { $0.organisationName == organisation.name }) {
                    todo.append(
                        .init(
                            text: "\(organisation.name) is validated: publish a visiting request (what you want to learn, "
                                + "and where) or a hosting offer, and the platform suggests partners",
                            link: "/my", action: "Publish a request or an offer", by: nil))
                }
            case (_, nil):
                todo.append(
                    .init(text: "Register \(organisation.name) with a partnership", link: link, action: "Register", by: nil))
            case (.changesRequested?, _):
                todo.append(
                    .init(
                        text: "Change the registration of \(organisation.name): \(organisation.reason ?? "its partnership asks")",
                        link: link, action: "Change the registration", by: nil))
            default: break
            }
        }
        for request in organisations.joinRequests {
            todo.append(
                .init(
                    text: "\(request.name) asks to join \(request.organisationName)", link: "/my", action: "Approve or ignore",
                    by: nil))
        }
        for item in digest.yourTurn.prefix(10) {
            todo.append(
                .init(
                    text: "\(item.title): \(item.next ?? "your step")", link: "/exchanges/\(item.id)",
                    action: "Open the exchange",
                    by: item.by))
        }
        return ParticipantDashboard(
            name: caller.name, organisations: organisations, todo: todo, listings: listings,
            exchanges: digest, byPhase: digest.byPhase, openExchanges: Array(digest.open.prefix(10)),
            notifications: try await context.notifications.latestUnread(limit: 5))
    }

    /// The caller's requests and offers (at most five of each) with their best suggestion; they are
    /// the caller's own organisations', so no permission is asked again.
    private func listings() async throws -> [ParticipantDashboard.Listing] {
        // The caller's organisations' listings, five of each, in one query prepared on PostgreSQL.
        let mine = Array(try await context.exchangeScope().organisations)
        guard !mine.isEmpty else { return [] }
        let rows = try await OwnListings(organisations: mine).all(on: db)
        let requests = rows.filter { $0.kind == "request" }
        let offers = rows.filter { $0.kind == "offer" }
        var listings: [ParticipantDashboard.Listing] = []
        for request in requests {
            let suggestions = (try? await context.suggestions.forManagedRequest(request.key, limit: 3))?.list.suggestions ?? []
            listings.append(
                .init(
                    kind: "request", key: request.key, title: request.title, organisationName: request.organisation_name,
                    suggestionCount: suggestions.count,
                    best: suggestions.first.map {
                        $0.offerTitle.contains($0.hostName) ? $0.offerTitle : "\($0.offerTitle) at \($0.hostName)"
                    },
                    bestScore: suggestions.first.map { Int(($0.score * 100).rounded()) },
                    link: "/requests/\(request.key)/suggestions"))
        }
        for offer in offers {
            let suggestions = (try? await context.suggestions.forManagedOffer(offer.key, limit: 3))?.list.suggestions ?? []
            listings.append(
                .init(
                    kind: "offer", key: offer.key, title: offer.title, organisationName: offer.organisation_name,
                    suggestionCount: suggestions.count, best: suggestions.first.map { "\($0.visitorName): \($0.requestTitle)" },
                    bestScore: suggestions.first.map { Int(($0.score * 100).rounded()) },
                    link: "/offers/\(offer.key)/suggestions"))
        }
        return listings
    }

    /// Five requests and five offers of the organisations, by title.
    struct OwnListings: PreparedQuery {
        struct Output: Decodable, Sendable {
            let kind: String
            let key: String
            let title: String
            let organisation_name: String
        }

        static let sql = """
            SELECT * FROM (SELECT 'request' AS kind, r."key", r.title, o.name AS organisation_name
                FROM \(VisitRequest.schema) r JOIN \(Organisation.schema) o ON o.id = r.visitor_id
                WHERE r.visitor_id = ANY($1) ORDER BY r.title LIMIT 5) requests
            UNION ALL
            SELECT * FROM (SELECT 'offer' AS kind, f."key", f.title, o.name AS organisation_name
                FROM \(Offer.schema) f JOIN \(Organisation.schema) o ON o.id = f.host_id
                WHERE f.host_id = ANY($1) ORDER BY f.title LIMIT 5) offers
            """
        let organisations: [UUID]
        var values: [any PostgresEncodable & Encodable & Sendable] { [organisations] }
    }
}
