import ProgrammeRules
import Vapor

/// An exchange as its parties see it (`docs/interfaces.md`, "Exchanges: HTTP", and more).
struct ExchangeDTO: Content {
    let id: UUID
    let phase: ExchangePhase
    let phaseWords: String
    /// Keys, as the contract names them.
    let request: String
    let offer: String
    let visitor: String
    let host: String
    let visitorPartnership: String
    let hostPartnership: String
    /// The same, for people.
    let requestTitle: String
    let offerTitle: String
    let visitorName: String
    let hostName: String
    let visitorPartnershipName: String
    let hostPartnershipName: String
    let start: CalendarDate
    let end: CalendarDate
    let virtual: Bool
    let origin: Exchange.Origin
    let proposedBy: Party
    let goals: String
    let objectives: String
    let agenda: String
    let commitmentVersion: Int
    /// Who signed the current version of the Commitment to Quality.
    let signatures: [String]
    /// Who signed the current version of the financial-support agreement.
    let financialSignatures: [String]
    let signed: [SignatureDTO]
    let lumpSum: LumpSumDTO
    let report: ReportDTO
    let evidence: [EvidenceDTO]
    let reportValidatedOn: CalendarDate?
    let paymentDueOn: CalendarDate?
    let paidOn: CalendarDate?
    let paymentReference: String?
    /// The payment is past its 10 days.
    let paymentLate: Bool
    let closingReason: String?
    /// A match entered as agreed offline without the host's side: the host may dispute it until then.
    let disputeUntil: CalendarDate?
    /// What the caller may do now (`POST …/actions/{action}`).
    let actions: [String]
    let mayEditCommitment: Bool
    let mayWriteReport: Bool
    /// The host's evaluation of the stay, once written; the host may write it after the stay's last day.
    let hostEvaluation: HostEvaluationDTO?
    let mayWriteEvaluation: Bool
    /// The caller's roles on the exchange.
    let roles: [String]
    let next: NextStepDTO?
    /// Append-only, oldest first.
    let history: [HistoryEntryDTO]
}

/// The host's evaluation of the stay, beside the visitor's report.
struct HostEvaluationDTO: Content, Equatable {
    /// 1 (poor) to 5 (excellent).
    let rating: Int
    let ratingWords: String
    let text: String
    let writtenOn: CalendarDate

    static let words = ["poor", "fair", "good", "very good", "excellent"]
}
