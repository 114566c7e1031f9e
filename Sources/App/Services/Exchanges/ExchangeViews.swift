import Fluent
import ProgrammeRules
import Vapor

/// Exchanges as the API and the pages show them, read in a handful of queries for a whole list:
/// the parties' names, the current signatures, the lump sum, the evidence, the history, what the
/// caller may do now and who acts next, by when.
struct ExchangeViews {
    let context: ServiceContext
    let scope: ExchangeScope

    func views(_ exchanges: [Exchange]) async throws -> [ExchangeDTO] {
        guard !exchanges.isEmpty else { return [] }
        let db = context.db
        let ids = try exchanges.map { try $0.requireID() }
        let organisationIDs = Set(exchanges.flatMap { [$0.$visitor.id, $0.$host.id] })
        let organisations = Dictionary(
            uniqueKeysWithValues: try await Organisation.query(on: db).filter(\.$id ~~ Array(organisationIDs)).all().compactMap {
                o in
                o.id.map { ($0, o) }
            })
        let partnershipIDs = Set(exchanges.flatMap { [$0.$visitorPartnership.id, $0.$hostPartnership.id] })
        let partnerships = Dictionary(
            uniqueKeysWithValues: try await Partnership.query(on: db).filter(\.$id ~~ Array(partnershipIDs)).all().compactMap {
                p in
                p.id.map { ($0, p) }
            })
        let signatures = Dictionary(
            grouping: try await ExchangeSignature.query(on: db).filter(\.$exchange.$id ~~ ids).all(), by: \.$exchange.id)
        let events = Dictionary(
            grouping: try await ExchangeEvent.query(on: db).filter(\.$exchange.$id ~~ ids).sort(\.$at).sort(\.$id).all(),
            by: \.$exchange.id)
        let evidence = Dictionary(
            grouping: try await EvidenceFile.query(on: db).filter(\.$exchange.$id ~~ ids).sort(\.$createdAt).all(),
            by: \.$exchange.id)
        let userIDs = Set(events.values.flatMap { $0.compactMap(\.userID) } + signatures.values.flatMap { $0.map(\.$user.id) })
        let names = Dictionary(
            try await User.query(on: db).filter(\.$id ~~ Array(userIDs)).all().compactMap { u in u.id.map { ($0, u.name) } },
            uniquingKeysWith: { first, _ in first })
        let today = context.clock.today
        return try exchanges.map { exchange in
            let id = try exchange.requireID()
            let current = (signatures[id] ?? []).filter { $0.version == exchange.commitmentVersion }
            let lifecycle = exchange.lifecycle(signatures: current)
            let roles = scope.roles(exchange)
            let actions = ExchangeAction.all.filter { action in
                guard action != .editCommitment, Exchanges.refusal(of: action, on: exchange, today: today) == nil else {
                    return false
                }
                return roles.contains { (try? lifecycle.applying(action, by: $0)) != nil }
            }
            let visitor = organisations[exchange.$visitor.id]
            let host = organisations[exchange.$host.id]
            return ExchangeDTO(
                id: id, phase: exchange.phase, phaseWords: exchange.phase.words, request: exchange.requestKey,
                offer: exchange.offerKey,
                visitor: visitor?.key ?? "", host: host?.key ?? "",
                visitorPartnership: partnerships[exchange.$visitorPartnership.id]?.key ?? "",
                hostPartnership: partnerships[exchange.$hostPartnership.id]?.key ?? "",
                requestTitle: exchange.requestTitle, offerTitle: exchange.offerTitle, visitorName: visitor?.name ?? "",
                hostName: host?.name ?? "", visitorPartnershipName: partnerships[exchange.$visitorPartnership.id]?.name ?? "",
                hostPartnershipName: partnerships[exchange.$hostPartnership.id]?.name ?? "",
                start: exchange.start, end: exchange.end, virtual: exchange.isVirtual, origin: exchange.origin,
                proposedBy: exchange.proposedBy, goals: exchange.goals, objectives: exchange.objectives, agenda: exchange.agenda,
                commitmentVersion: exchange.commitmentVersion,
                signatures: Signatory.allCases.filter(lifecycle.signatures.contains).map(\.rawValue),
                financialSignatures: FinancialSignatory.allCases.filter(lifecycle.financialSignatures.contains).map(\.rawValue),
                signed: current.sorted { $0.signedAt < $1.signedAt }.map { SignatureDTO($0, name: names[$0.$user.id]) },
                lumpSum: LumpSumDTO(
                    amountCents: exchange.fundedCents ?? exchange.quoteCents,
                    reasons: (exchange.fundedReasons ?? exchange.quoteReasons).split(separator: "\n").map(String.init),
                    table: exchange.fundedTable ?? exchange.quoteTable, frozen: exchange.fundedCents != nil,
                    previousAmountCents: exchange.previousQuoteCents),
                report: ReportDTO(
                    outcomes: exchange.reportOutcomes, followUp: exchange.reportFollowUp, learned: exchange.reportLearned,
                    comments: exchange.reportComments),
                evidence: (evidence[id] ?? []).map(EvidenceDTO.init),
                reportValidatedOn: exchange.reportValidatedOn, paymentDueOn: exchange.paymentDue, paidOn: exchange.paidOn,
                paymentReference: exchange.paymentReference,
                paymentLate: exchange.isPaymentLate(on: today),
                closingReason: exchange.closingReason, disputeUntil: exchange.disputeUntil, actions: actions.map(\.description),
                mayEditCommitment: roles.contains { (try? lifecycle.applying(.editCommitment, by: $0)) != nil },
                mayWriteReport: roles.contains(.visitor) && [.underWay, .reportReturned].contains(exchange.phase),
                hostEvaluation: exchange.hostRating.flatMap { rating in
                    exchange.hostEvaluatedOn.map {
                        HostEvaluationDTO(
                            rating: rating, ratingWords: HostEvaluationDTO.words[min(max(rating, 1), 5) - 1],
                            text: exchange.hostEvaluation ?? "", writtenOn: $0)
                    }
                },
                mayWriteEvaluation: roles.contains(.host) && Exchanges.evaluationRefusal(exchange, today: today) == nil,
                roles: ExchangeRole.allCases.filter(roles.contains).map(\.rawValue),
                next: NextStep.of(exchange, lifecycle: lifecycle, today: today),
                history: (events[id] ?? []).map { HistoryEntryDTO($0, name: $0.userID.flatMap { names[$0] }) })
        }
    }
}

extension ExchangePhase {
    /// "being signed".
    var words: String {
        switch self {
        case .proposed: "proposed, waiting for an answer"
        case .accepted: "accepted, the commitment being written"
        case .signing: "being signed"
        case .fundingApproved: "funded, the stay to come"
        case .underWay: "under way"
        case .reportSubmitted: "report submitted"
        case .reportReturned: "report returned for changes"
        case .reportValidated: "report validated, payment due"
        case .paid: "paid"
        case .declined: "declined"
        case .withdrawn: "withdrawn"
        case .cancelled: "cancelled"
        }
    }
}
