import Fluent
import ProgrammeRules
import Vapor

/// The exchanges the caller may see, read lightly for a dashboard (three queries, however many):
/// where each stands, who acts next, and which wait for the caller. The exchange page reads the
/// whole record; a dashboard only needs this.
struct ExchangeDigest: Encodable {
    struct Item: Encodable {
        let id: UUID
        /// "Visitor at Host".
        let title: String
        let phase: ExchangePhase
        let phaseWords: String
        /// "3–7 May 2027".
        let dates: String
        /// What comes next, and by when, in words.
        let next: String?
        let by: String?
        let yourTurn: Bool
        let paymentLate: Bool
        let isOpen: Bool
        fileprivate let dueDay: Int
    }

    struct PhaseCount: Encodable {
        let phase: ExchangePhase
        let words: String
        let count: Int
    }

    /// Newest first, at most 500.
    let items: [Item]

    /// How many are in each phase, in the lifecycle's order; phases with none are left out.
    var byPhase: [PhaseCount] {
        let counts = Dictionary(grouping: items, by: \.phase).mapValues(\.count)
        return ExchangePhase.allCases.compactMap { phase in
            counts[phase].map { PhaseCount(phase: phase, words: phase.words, count: $0) }
        }
    }

    /// What waits for the caller, the earliest deadline first.
    var yourTurn: [Item] { items.filter(\.yourTurn).sorted { $0.dueDay < $1.dueDay } }

    /// Open exchanges (neither paid nor closed).
    var open: [Item] { items.filter(\.isOpen) }

    var latePayments: [Item] { items.filter(\.paymentLate) }

    static let closed: Set<ExchangePhase> = [.paid, .declined, .withdrawn, .cancelled]

    static func read(_ context: ServiceContext, scope: ExchangeScope) async throws -> ExchangeDigest {
        let db = context.db
        let query = Exchange.query(on: db).sort(\.$createdAt, .descending)
        scope.restrict(query)
        let exchanges = try await query.limit(500).all()
        guard !exchanges.isEmpty else { return ExchangeDigest(items: []) }
        let organisationIDs = Array(Set(exchanges.flatMap { [$0.$visitor.id, $0.$host.id] }))
        var names: [UUID: String] = [:]
        for row in try await Organisation.query(on: db).filter(\.$id ~~ organisationIDs).field(\.$id).field(\.$name).all() {
            if let id = row.id { names[id] = row.name }
        }
        let signing = exchanges.filter { $0.phase == .accepted || $0.phase == .signing }.compactMap(\.id)
        let signatures =
            signing.isEmpty
            ? [:]
            : Dictionary(
                grouping: try await ExchangeSignature.query(on: db).filter(\.$exchange.$id ~~ signing).all(), by: \.$exchange.id)
        let today = context.clock.today
        let items = exchanges.compactMap { exchange -> Item? in
            guard let id = exchange.id else { return nil }
            let lifecycle = exchange.lifecycle(signatures: signatures[id] ?? [])
            let next = NextStep.of(exchange, lifecycle: lifecycle, today: today)
            let roles = scope.roles(exchange).map(\.rawValue)
            // The support office sees every exchange but acts on none of the parties' steps.
            let yourTurn = next.map { !Set($0.who).isDisjoint(with: roles) } ?? false
            return Item(
                id: id,
                title: "\(names[exchange.$visitor.id] ?? "A visitor") at \(names[exchange.$host.id] ?? "a host")",
                phase: exchange.phase, phaseWords: exchange.phase.words, dates: CalendarDate.span(exchange.start, exchange.end),
                next: next?.what, by: next?.by?.words, yourTurn: yourTurn,
                paymentLate: exchange.isPaymentLate(on: today),
                isOpen: !closed.contains(exchange.phase), dueDay: next?.by?.dayNumber ?? .max)
        }
        return ExchangeDigest(items: items)
    }
}
