/// The leaflet's four purposes of an exchange, by their wire names.
public enum Purpose: String, CaseIterable, Codable, Sendable {
    case learn
    case markets
    case technology
    case collaboration

    public var displayName: String {
        switch self {
        case .learn: "Learn from actors in another cluster"
        case .markets: "Explore growth opportunities in new markets"
        case .technology: "Take up new technologies, digitalisation and green low-carbon solutions"
        case .collaboration: "Invest in strategic interregional collaboration"
        }
    }
}
