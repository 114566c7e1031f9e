public enum Party: String, CaseIterable, Codable, Sendable {
    case visitor, host
}
