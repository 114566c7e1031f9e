import Fluent
import ProgrammeRules
import Vapor

/// The page each person lands on after signing in, by role: participants see their organisations
/// and what they must do, coordinators their partnership's queue, exchanges and budget, the support
/// office every partnership side by side. Each reads in a bounded number of queries.
struct Dashboards {
    let context: ServiceContext

    var db: any Database { context.db }

    /// A registration waiting for a decision, with the facts a coordinator decides on.
    struct QueueItem: Encodable {
        let id: UUID
        let organisation: OrganisationSummary
        let partnershipName: String
        let roles: String
        let sectors: [String]
        let topics: [String]
        let motivation: String
        let preferences: String
        let description: String
        /// "Polish, English, German".
        let languages: String
        let website: String?
        let clusterName: String?
        let hasCV: Bool
        let submittedBy: String
        /// "3 days ago".
        let waiting: String
    }

    /// The validation queue (at most `limit`), oldest first, and how many wait in all; the
    /// motivation cut to a few lines unless `whole`.
    func queue(limit: Int, whole: Bool = false) async throws -> (items: [QueueItem], total: Int) {
        let waiting = try await context.registrations.queue()
        let ids = waiting.prefix(limit).map(\.organisation.key)
        let profiles = Dictionary(
            try await Organisation.query(on: db).filter(\.$key ~~ Array(ids)).with(\.$cluster).all().map { ($0.key, $0) },
            uniquingKeysWith: { first, _ in first })
        let now = context.clock.now
        let items = waiting.prefix(limit).map { registration in
            let profile = profiles[registration.organisation.key]
            let roles = [registration.asVisitor ? "visitor" : nil, registration.asHost ? "host" : nil].compactMap { $0 }
            return QueueItem(
                id: registration.id, organisation: registration.organisation, partnershipName: registration.partnershipName,
                roles: roles.joined(separator: " and "),
                sectors: (profile?.sectors ?? []).map { NACECode($0)?.label ?? $0 }, topics: profile?.topics ?? [],
                motivation: whole ? registration.motivation : String(registration.motivation.prefix(280)),
                preferences: registration.preferences, description: profile?.description ?? "",
                languages: (profile?.languages ?? []).map(LanguageCode.name).joined(separator: ", "), website: profile?.website,
                clusterName: profile?.cluster?.name, hasCV: registration.hasCV, submittedBy: registration.submittedBy,
                waiting: Self.age(since: registration.updatedAt, now: now))
        }
        return (items, waiting.count)
    }

    /// "today", "yesterday", "5 days ago".
    static func age(since date: Date?, now: Date) -> String {
        guard let date else { return "" }
        let days = max(0, Int(now.timeIntervalSince(date) / 86_400))
        switch days {
        case 0: return "today"
        case 1: return "yesterday"
        default: return "\(days) days ago"
        }
    }
}

extension ServiceContext {
    var dashboards: Dashboards { Dashboards(context: self) }
}
