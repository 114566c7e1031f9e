import Fluent
import FluentPostgresDriver
import ProgrammeRules
import SQLKit
import Vapor

/// The exchanges the caller may see, read lightly for a dashboard (two queries, however many):
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

    /// An exchange as the digest reads it: the facts of its lifecycle and its two organisations' names.
    struct Row: Decodable, ExchangeFacts {
        let id: UUID
        let visitor_id: UUID
        let host_id: UUID
        let visitor_partnership_id: UUID
        let host_partnership_id: UUID
        let phase: ExchangePhase
        let proposed_by: Party
        let proposed_on: CalendarDate
        let stay_start: CalendarDate
        let stay_end: CalendarDate
        let commitment_version: Int
        let report_validated_on: CalendarDate?
        let visitor_name: String
        let host_name: String

        var proposedBy: Party { proposed_by }
        var proposedOn: CalendarDate { proposed_on }
        var start: CalendarDate { stay_start }
        var end: CalendarDate { stay_end }
        var commitmentVersion: Int { commitment_version }
        var reportValidatedOn: CalendarDate? { report_validated_on }
        var visitorID: UUID { visitor_id }
        var hostID: UUID { host_id }
        var visitorPartnershipID: UUID { visitor_partnership_id }
        var hostPartnershipID: UUID { host_partnership_id }
    }

    struct SignatureRow: Decodable, SignatureFacts {
        let exchange_id: UUID
        let document: ExchangeSignature.Document
        let signatory: String
        let version: Int
    }

    /// Two queries of plain SQL at most, both prepared on PostgreSQL: the exchanges with their
    /// organisations' names, and the signatures of those being signed.
    static func read(_ context: ServiceContext, scope: ExchangeScope) async throws -> ExchangeDigest {
        let exchanges: [Row]
        if scope.caller.isAdmin {
            exchanges = try await Everything().all(on: context.db)
        } else {
            guard !scope.organisations.isEmpty || !scope.partnerships.isEmpty else { return ExchangeDigest(items: []) }
            exchanges = try await Visible(organisations: Array(scope.organisations), partnerships: Array(scope.partnerships))
                .all(on: context.db)
        }
        let signing = exchanges.filter { $0.phase == .accepted || $0.phase == .signing }.map(\.id)
        let signatures =
            signing.isEmpty
            ? [:] : Dictionary(grouping: try await Signatures(exchanges: signing).all(on: context.db), by: \.exchange_id)
        let today = context.clock.today
        let items = exchanges.map { exchange -> Item in
            let lifecycle = exchange.lifecycle(signatures: signatures[exchange.id] ?? [])
            let next = NextStep.of(exchange, lifecycle: lifecycle, today: today)
            let roles = scope.roles(exchange).map(\.rawValue)
            // The support office sees every exchange but acts on none of the parties' steps.
            let yourTurn = next.map { !Set($0.who).isDisjoint(with: roles) } ?? false
            return Item(
                id: exchange.id, title: "\(exchange.visitor_name) at \(exchange.host_name)",
                phase: exchange.phase, phaseWords: exchange.phase.words, dates: CalendarDate.span(exchange.start, exchange.end),
                next: next?.what, by: next?.by?.words, yourTurn: yourTurn,
                paymentLate: exchange.isPaymentLate(on: today),
                isOpen: !closed.contains(exchange.phase), dueDay: next?.by?.dayNumber ?? .max)
        }
        return ExchangeDigest(items: items)
    }

    private static let columns = """
        SELECT e.id, e.visitor_id, e.host_id, e.visitor_partnership_id, e.host_partnership_id, e.phase, e.proposed_by,
            e.proposed_on, e.stay_start, e.stay_end, e.commitment_version, e.report_validated_on,
            v.name AS visitor_name, h.name AS host_name
        FROM \(Exchange.schema) e
        JOIN \(Organisation.schema) v ON v.id = e.visitor_id
        JOIN \(Organisation.schema) h ON h.id = e.host_id
        """

    /// Every exchange, for the support office.
    struct Everything: PreparedQuery {
        typealias Output = Row
        static let sql = "\(columns) ORDER BY e.created_at DESC LIMIT 500"
        var values: [any PostgresEncodable & Encodable & Sendable] { [] }
    }

    /// The exchanges of the caller's organisations or of the partnerships they coordinate.
    struct Visible: PreparedQuery {
        typealias Output = Row
        static let sql = """
            \(columns)
            WHERE e.visitor_id = ANY($1) OR e.host_id = ANY($1)
                OR e.visitor_partnership_id = ANY($2) OR e.host_partnership_id = ANY($2)
            ORDER BY e.created_at DESC LIMIT 500
            """
        let organisations: [UUID]
        let partnerships: [UUID]
        var values: [any PostgresEncodable & Encodable & Sendable] { [organisations, partnerships] }
    }

    struct Signatures: PreparedQuery {
        typealias Output = SignatureRow
        static let sql = """
            SELECT exchange_id, document, signatory, version FROM \(ExchangeSignature.schema) WHERE exchange_id = ANY($1)
            """
        let exchanges: [UUID]
        var values: [any PostgresEncodable & Encodable & Sendable] { [exchanges] }
    }
}
