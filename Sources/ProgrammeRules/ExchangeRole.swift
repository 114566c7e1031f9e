/// Who acts on an exchange.
public enum ExchangeRole: String, CaseIterable, Codable, Sendable {
    case visitor
    case host
    case visitorPartnership = "visitor-partnership"
    case hostPartnership = "host-partnership"
    /// The programme's support office (the platform's admin).
    case supportOffice = "support-office"
}
