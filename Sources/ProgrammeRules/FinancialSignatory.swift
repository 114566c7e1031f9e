/// The two parties who sign the financial-support agreement: the visitor, who receives the lump
/// sum, and its partnership, which pays it.
public enum FinancialSignatory: String, CaseIterable, Codable, Sendable {
    case visitor
    case visitorPartnership = "visitor-partnership"

    public var role: ExchangeRole {
        switch self {
        case .visitor: .visitor
        case .visitorPartnership: .visitorPartnership
        }
    }
}
