public enum ExchangeAction: Hashable, Sendable, CustomStringConvertible {
    case accept
    case decline
    case withdraw
    /// The host says it never agreed to a match a coordinator entered as agreed offline: it is withdrawn.
    case dispute
    /// Any change to goals, agenda or dates: the signatures given so far no longer hold.
    case editCommitment
    case sign(Signatory)
    /// A signature on the financial-support agreement.
    case signFinancialAgreement(FinancialSignatory)
    case approveFunding
    case start
    case submitReport
    case returnReport
    case validateReport
    case pay
    case cancel

    public static let all: [ExchangeAction] =
        [.accept, .decline, .withdraw, .dispute, .editCommitment] + Signatory.allCases.map { .sign($0) }
        + FinancialSignatory.allCases.map { .signFinancialAgreement($0) }
        + [.approveFunding, .start, .submitReport, .returnReport, .validateReport, .pay, .cancel]

    public var description: String {
        switch self {
        case .accept: "accept"
        case .decline: "decline"
        case .withdraw: "withdraw"
        case .dispute: "dispute"
        case .editCommitment: "edit-commitment"
        case .sign(let signatory): "sign-as-\(signatory.rawValue)"
        case .signFinancialAgreement(let signatory): "sign-financial-agreement-as-\(signatory.rawValue)"
        case .approveFunding: "approve-funding"
        case .start: "start"
        case .submitReport: "submit-report"
        case .returnReport: "return-report"
        case .validateReport: "validate-report"
        case .pay: "pay"
        case .cancel: "cancel"
        }
    }

    /// The action with this wire name ("sign-as-host"), if any.
    public init?(wireName: String) {
        guard let action = Self.all.first(where: { $0.description == wireName }) else { return nil }
        self = action
    }

    /// Whether the action is a signature, on either document.
    public var isSignature: Bool {
        switch self {
        case .sign, .signFinancialAgreement: true
        default: false
        }
    }
}
