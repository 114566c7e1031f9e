import Fluent
import FluentPostgresDriver
import ProgrammeRules
import SQLKit
import Vapor

/// The exchanges the caller may see, read lightly for a dashboard or the list (one query, however many):
/// where each stands, who acts next, and which wait for the caller. The exchange page reads the
/// whole record; a dashboard only needs this.
struct ExchangeDigest: Encodable {
    struct Item: Encodable {
        let id: UUID
        /// "Visitor at Host".
        let title: String
        let requestTitle: String
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
        let commitment_written: Int
        let report_validated_on: CalendarDate?
        let visitor_name: String
        let host_name: String
        let request_title: String
        // One signature of an exchange being signed, if any: the row repeats for each.
        let document: ExchangeSignature.Document?
        let signatory: String?
        let version: Int?

        var proposedBy: Party { proposed_by }
        var proposedOn: CalendarDate { proposed_on }
        var start: CalendarDate { stay_start }
        var end: CalendarDate { stay_end }
        var commitmentVersion: Int { commitment_version }
        var commitmentWritten: Bool { commitment_written != 0 }
        var reportValidatedOn: CalendarDate? { report_validated_on }
        var visitorID: UUID { visitor_id }
        var hostID: UUID { host_id }
        var visitorPartnershipID: UUID { visitor_partnership_id }
        var hostPartnershipID: UUID { host_partnership_id }
    }

    struct SignatureRow: SignatureFacts {
        let exchange_id: UUID
        let document: ExchangeSignature.Document
        let signatory: String
        let version: Int
    }

    /// One query of plain SQL, prepared on PostgreSQL: the exchanges with their organisations'
    /// names, each repeated with the signatures of those being signed.
    static func read(_ context: ServiceContext, scope: ExchangeScope) async throws -> ExchangeDigest {
        let rows: [Row]
        if scope.caller.isAdmin {
            rows = try await Everything().all(on: context.db)
        } else {
            guard !scope.organisations.isEmpty || !scope.partnerships.isEmpty else { return ExchangeDigest(items: []) }
            rows = try await Visible(organisations: Array(scope.organisations), partnerships: Array(scope.partnerships))
                .all(on: context.db)
        }
        // The rows of one exchange come together (ordered by creation, then id).
        var exchanges: [Row] = []
        var signatures: [UUID: [SignatureRow]] = [:]
        for row in rows {
            if exchanges.last?.id != row.id { exchanges.append(row) }
            if let document = row.document, let signatory = row.signatory, let version = row.version {
                signatures[row.id, default: []].append(
                    SignatureRow(exchange_id: row.id, document: document, signatory: signatory, version: version))
            }
        }
        let today = context.clock.today
        let items = exchanges.map { exchange -> Item in
            let lifecycle = exchange.lifecycle(signatures: signatures[exchange.id] ?? [])
            let next = NextStep.of(exchange, lifecycle: lifecycle, today: today)
            let roles = scope.roles(exchange).map(\.rawValue)
            // The support office sees every exchange but acts on none of the parties' steps.
            let yourTurn = next.map { !Set($0.who).isDisjoint(with: roles) } ?? false
            return Item(
                id: exchange.id, title: "\(exchange.visitor_name) at \(exchange.host_name)",
                requestTitle: exchange.request_title,
                phase: exchange.phase, phaseWords: exchange.phase.words, dates: CalendarDate.span(exchange.start, exchange.end),
                next: next?.what, by: next?.by?.words, yourTurn: yourTurn,
                paymentLate: exchange.isPaymentLate(on: today),
                isOpen: !closed.contains(exchange.phase), dueDay: next?.by?.dayNumber ?? .max)
        }
        return ExchangeDigest(items: items)
    }

    /// The newest 500 exchanges that pass `filter`, with their organisations' names, each joined
    /// with its signatures while it is being signed.
    private static func newest(_ filter: String) -> String {
        """
        SELECT e.*, s.document, s.signatory, s.version
        FROM (
            SELECT e.id, e.visitor_id, e.host_id, e.visitor_partnership_id, e.host_partnership_id, e.phase, e.proposed_by,
                e.proposed_on, e.stay_start, e.stay_end, e.commitment_version, e.report_validated_on,
                CASE WHEN e.goals <> '' AND e.agenda <> '' THEN 1 ELSE 0 END AS commitment_written,
                e.created_at, e.request_title,
                v.name AS visitor_name, h.name AS host_name
            FROM \(Exchange.schema) e
            JOIN \(Organisation.schema) v ON v.id = e.visitor_id
            JOIN \(Organisation.schema) h ON h.id = e.host_id
            \(filter)
            ORDER BY e.created_at DESC LIMIT 500
        ) e
        LEFT JOIN \(ExchangeSignature.schema) s ON s.exchange_id = e.id
            AND e.phase IN ('\(ExchangePhase.accepted.rawValue)', '\(ExchangePhase.signing.rawValue)')
        ORDER BY e.created_at DESC, e.id
        """
    }

    /// Every exchange, for the support office.
    struct Everything: PreparedQuery {
        typealias Output = Row
        static let sql = newest("")
        var values: [any PostgresEncodable & Encodable & Sendable] { [] }
    }

    /// The exchanges of the caller's organisations or of the partnerships they coordinate.
    struct Visible: PreparedQuery {
        typealias Output = Row
        static let sql = newest(
            """
            WHERE e.visitor_id = ANY($1) OR e.host_id = ANY($1)
                OR e.visitor_partnership_id = ANY($2) OR e.host_partnership_id = ANY($2)
            """)
        let organisations: [UUID]
        let partnerships: [UUID]
        var values: [any PostgresEncodable & Encodable & Sendable] { [organisations, partnerships] }
    }
}
