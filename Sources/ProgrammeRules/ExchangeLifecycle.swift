/// The exchange lifecycle as a value: apply an action by a role and get the next state or the
/// reason it is refused. Storage, budgets and notifications belong to the caller.
public struct ExchangeLifecycle: Hashable, Sendable {
    public private(set) var phase: ExchangePhase
    /// Which side proposed: the other side accepts or declines.
    public let proposedBy: Party
    /// Signatures on the current version of the Commitment to Quality.
    public private(set) var signatures: Set<Signatory>
    /// Signatures on the current version of the financial-support agreement.
    public private(set) var financialSignatures: Set<FinancialSignatory>

    public init(proposedBy: Party) {
        self.phase = .proposed
        self.proposedBy = proposedBy
        self.signatures = []
        self.financialSignatures = []
    }

    /// Restores a stored state.
    public init(
        phase: ExchangePhase, proposedBy: Party, signatures: Set<Signatory>, financialSignatures: Set<FinancialSignatory> = []
    ) {
        self.phase = phase
        self.proposedBy = proposedBy
        self.signatures = signatures
        self.financialSignatures = financialSignatures
    }

    public var missingSignatures: [Signatory] { Signatory.allCases.filter { !signatures.contains($0) } }

    public var missingFinancialSignatures: [FinancialSignatory] {
        FinancialSignatory.allCases.filter { !financialSignatures.contains($0) }
    }

    /// The roles that may take `action` in some phase.
    public func permittedRoles(for action: ExchangeAction) -> Set<ExchangeRole> {
        let answering: ExchangeRole = proposedBy == .visitor ? .host : .visitor
        switch action {
        case .accept, .decline: return [answering]
        case .withdraw, .editCommitment: return [.visitor, .host]
        case .dispute: return [.host]
        case .sign(let signatory): return [signatory.role]
        case .signFinancialAgreement(let signatory): return [signatory.role]
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
        case .dispute: [.accepted, .signing]
        case .editCommitment, .sign, .signFinancialAgreement: [.accepted, .signing]
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
        // A proposal is withdrawn by the side that made it; the other side declines it.
        if action == .withdraw, phase == .proposed, role != (proposedBy == .visitor ? .visitor : .host) {
            throw refuse(.roleNotPermitted, "The side that did not propose declines the proposal rather than withdrawing it.")
        }
        var next = self
        switch action {
        case .accept: next.phase = .accepted
        case .decline: next.phase = .declined
        case .withdraw, .dispute: next.phase = .withdrawn
        case .editCommitment:
            // A changed commitment may change the stay and so the lump sum: both documents are signed again.
            next.signatures = []
            next.financialSignatures = []
            next.phase = .accepted
        case .sign(let signatory):
            guard !signatures.contains(signatory) else {
                throw refuse(
                    .alreadySigned, "The \(signatory.rawValue) has already signed this version of the Commitment to Quality.")
            }
            next.signatures.insert(signatory)
            next.phase = .signing
        case .signFinancialAgreement(let signatory):
            guard !financialSignatures.contains(signatory) else {
                throw refuse(
                    .alreadySigned,
                    "The \(signatory.rawValue) has already signed this version of the financial-support agreement.")
            }
            next.financialSignatures.insert(signatory)
            next.phase = .signing
        case .approveFunding:
            guard missingSignatures.isEmpty else {
                let missing = missingSignatures.map(\.rawValue).joined(separator: ", ")
                throw refuse(
                    .signaturesMissing, "Funding needs all four signatures on the Commitment to Quality; missing: \(missing).")
            }
            guard missingFinancialSignatures.isEmpty else {
                let missing = missingFinancialSignatures.map(\.rawValue).joined(separator: ", ")
                throw refuse(
                    .signaturesMissing,
                    "Funding needs the financial-support agreement signed by the visitor and its partnership; missing: "
                        + "\(missing)."
                )
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
