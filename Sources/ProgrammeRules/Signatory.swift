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
