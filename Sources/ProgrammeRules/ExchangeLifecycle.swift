/// The phases of an exchange (docs/programme-rules.md, "Workflow").
public enum ExchangePhase: String, CaseIterable, Codable, Sendable {
    /// One side proposed the exchange; the other has to answer.
    case proposed
    /// Both sides accepted; the Commitment to Quality is being written.
    case accepted
    /// The Commitment to Quality is being signed by host, host's partnership, visitor and visitor's partnership.
    case signing
    /// The visitor's partnership approved the lump sum and reserved it from its budget.
    case fundingApproved = "funding-approved"
    case underWay = "under-way"
    case reportSubmitted = "report-submitted"
    case reportReturned = "report-returned"
    case reportValidated = "report-validated"
    case paid
    case declined
    case withdrawn
    case cancelled

    /// Nothing leaves these phases.
    public var isTerminal: Bool {
        switch self {
        case .paid, .declined, .withdrawn, .cancelled: true
        default: false
        }
    }

    /// Phases in which the lump sum is reserved in the visitor's partnership's budget.
    public var holdsReservation: Bool {
        switch self {
        case .fundingApproved, .underWay, .reportSubmitted, .reportReturned, .reportValidated: true
        default: false
        }
    }
}

/// Who acts on an exchange.
public enum ExchangeRole: String, CaseIterable, Codable, Sendable {
    case visitor
    case host
    case visitorPartnership = "visitor-partnership"
    case hostPartnership = "host-partnership"
    /// The programme's support office (the platform's admin).
    case supportOffice = "support-office"
}

/// The four parties who sign the Commitment to Quality.
public enum Signatory: String, CaseIterable, Codable, Sendable {
    case host
    case hostPartnership = "host-partnership"
    case visitor
    case visitorPartnership = "visitor-partnership"

    public var role: ExchangeRole {
        switch self {
        case .host: .host
        case .hostPartnership: .hostPartnership
        case .visitor: .visitor
        case .visitorPartnership: .visitorPartnership
        }
    }
}

public enum ExchangeAction: Hashable, Sendable, CustomStringConvertible {
    case accept
    case decline
    case withdraw
    /// Any change to goals, agenda or dates: the signatures given so far no longer hold.
    case editCommitment
    case sign(Signatory)
    case approveFunding
    case start
    case submitReport
    case returnReport
    case validateReport
    case pay
    case cancel

    public static let all: [ExchangeAction] =
        [.accept, .decline, .withdraw, .editCommitment] + Signatory.allCases.map { .sign($0) }
        + [.approveFunding, .start, .submitReport, .returnReport, .validateReport, .pay, .cancel]

    public var description: String {
        switch self {
        case .accept: "accept"
        case .decline: "decline"
        case .withdraw: "withdraw"
        case .editCommitment: "edit-commitment"
        case .sign(let signatory): "sign-as-\(signatory.rawValue)"
        case .approveFunding: "approve-funding"
        case .start: "start"
        case .submitReport: "submit-report"
        case .returnReport: "return-report"
        case .validateReport: "validate-report"
        case .pay: "pay"
        case .cancel: "cancel"
        }
    }
}

/// Why a transition was refused.
public struct TransitionError: Error, Hashable, Sendable, CustomStringConvertible {
    public enum Code: String, Sendable, Codable {
        case terminalPhase = "terminal-phase"
        case wrongPhase = "wrong-phase"
        case roleNotPermitted = "role-not-permitted"
        case alreadySigned = "already-signed"
        case signaturesMissing = "signatures-missing"
    }

    public let code: Code
    public let action: ExchangeAction
    public let phase: ExchangePhase
    public let reason: String

    public var description: String { reason }
}

/// The exchange lifecycle as a value: apply an action by a role and get the next state or the
/// reason it is refused. Storage, budgets and notifications belong to the caller.
public struct ExchangeLifecycle: Hashable, Sendable {
    public private(set) var phase: ExchangePhase
    /// Which side proposed: the other side accepts or declines.
    public let proposedBy: Party
    /// Signatures on the current version of the Commitment to Quality.
    public private(set) var signatures: Set<Signatory>

    public init(proposedBy: Party) {
        self.phase = .proposed
        self.proposedBy = proposedBy
        self.signatures = []
    }

    /// Restores a stored state.
    public init(phase: ExchangePhase, proposedBy: Party, signatures: Set<Signatory>) {
        self.phase = phase
        self.proposedBy = proposedBy
        self.signatures = signatures
    }

    public var missingSignatures: [Signatory] { Signatory.allCases.filter { !signatures.contains($0) } }

    /// The roles that may take `action` in some phase.
    public func permittedRoles(for action: ExchangeAction) -> Set<ExchangeRole> {
        let answering: ExchangeRole = proposedBy == .visitor ? .host : .visitor
        switch action {
        case .accept, .decline: return [answering]
        case .withdraw, .editCommitment: return [.visitor, .host]
        case .sign(let signatory): return [signatory.role]
        case .approveFunding, .returnReport, .validateReport, .pay: return [.visitorPartnership]
        case .start: return [.visitor, .host, .visitorPartnership]
        case .submitReport: return [.visitor]
        case .cancel: return [.visitorPartnership, .supportOffice]
        }
    }

    /// The phases in which `action` may be taken.
    public static func phases(for action: ExchangeAction) -> Set<ExchangePhase> {
        switch action {
        case .accept, .decline: [.proposed]
        case .withdraw: [.proposed, .accepted, .signing]
        case .editCommitment, .sign: [.accepted, .signing]
        case .approveFunding: [.signing]
        case .start: [.fundingApproved]
        case .submitReport: [.underWay, .reportReturned]
        case .returnReport, .validateReport: [.reportSubmitted]
        case .pay: [.reportValidated]
        case .cancel: [.accepted, .signing, .fundingApproved, .underWay, .reportSubmitted, .reportReturned]
        }
    }

    /// The actions `role` may take now.
    public func availableActions(for role: ExchangeRole) -> [ExchangeAction] {
        ExchangeAction.all.filter { (try? applying($0, by: role)) != nil }
    }

    /// The state after `role` takes `action`, or why that is not possible.
    public func applying(_ action: ExchangeAction, by role: ExchangeRole) throws(TransitionError) -> ExchangeLifecycle {
        func refuse(_ code: TransitionError.Code, _ reason: String) -> TransitionError {
            TransitionError(code: code, action: action, phase: phase, reason: reason)
        }
        if phase.isTerminal {
            throw refuse(.terminalPhase, "The exchange is \(phase.rawValue); nothing can change it any more.")
        }
        guard Self.phases(for: action).contains(phase) else {
            let allowed = Self.phases(for: action).map(\.rawValue).sorted().joined(separator: ", ")
            throw refuse(.wrongPhase, "Cannot \(action) while the exchange is \(phase.rawValue) (possible when: \(allowed)).")
        }
        guard permittedRoles(for: action).contains(role) else {
            let roles = permittedRoles(for: action).map(\.rawValue).sorted().joined(separator: ", ")
            throw refuse(.roleNotPermitted, "Only \(roles) may \(action); you act as \(role.rawValue).")
        }
        var next = self
        switch action {
        case .accept: next.phase = .accepted
        case .decline: next.phase = .declined
        case .withdraw: next.phase = .withdrawn
        case .editCommitment:
            next.signatures = []
            next.phase = .accepted
        case .sign(let signatory):
            guard !signatures.contains(signatory) else {
                throw refuse(.alreadySigned, "The \(signatory.rawValue) has already signed this version of the Commitment to Quality.")
            }
            next.signatures.insert(signatory)
            next.phase = .signing
        case .approveFunding:
            guard missingSignatures.isEmpty else {
                let missing = missingSignatures.map(\.rawValue).joined(separator: ", ")
                throw refuse(.signaturesMissing, "Funding needs all four signatures on the Commitment to Quality; missing: \(missing).")
            }
            next.phase = .fundingApproved
        case .start: next.phase = .underWay
        case .submitReport: next.phase = .reportSubmitted
        case .returnReport: next.phase = .reportReturned
        case .validateReport: next.phase = .reportValidated
        case .pay: next.phase = .paid
        case .cancel: next.phase = .cancelled
        }
        return next
    }
}
