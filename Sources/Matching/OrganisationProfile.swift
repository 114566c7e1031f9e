import ProgrammeRules

/// What the matcher knows of an organisation: who it is for the programme's rules, where it is,
/// and what it works on.
public struct OrganisationProfile: Sendable, Equatable {
    public var key: String
    public var name: String
    /// The profile's free text, searched with the name and topics.
    public var description: String
    public var participant: Participant
    public var coordinate: Coordinate
    public var sectors: [NACECode]
    public var topics: [String]
    public var languages: Set<String>
    /// Exchanges already funded with this organisation as the visitor; the programme funds one.
    public var fundedExchanges: Int

    public init(
        key: String, name: String, description: String = "", participant: Participant, coordinate: Coordinate,
        sectors: [NACECode] = [],
        topics: [String] = [], languages: Set<String> = [], fundedExchanges: Int = 0
    ) {
        self.key = key
        self.name = name
        self.description = description
        self.participant = participant
        self.coordinate = coordinate
        self.sectors = sectors
        self.topics = topics
        self.languages = languages
        self.fundedExchanges = fundedExchanges
    }

    public var country: CountryCode { participant.country }
}
