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
