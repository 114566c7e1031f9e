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
        key: String, name: String, description: String = "", participant: Participant, coordinate: Coordinate, sectors: [NACECode] = [],
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

/// A host's offer to receive visitors.
public struct OfferProfile: Sendable, Equatable {
    public var key: String
    public var hostKey: String
    public var title: String
    public var description: String
    public var topics: [String]
    public var purposes: Set<Purpose>
    public var languages: Set<String>
    public var availableFrom: CalendarDate
    public var availableTo: CalendarDate
    /// Places not yet taken by agreed exchanges.
    public var capacityLeft: Int
    public var isVirtual: Bool

    public init(
        key: String, hostKey: String, title: String, description: String, topics: [String], purposes: Set<Purpose>,
        languages: Set<String>, availableFrom: CalendarDate, availableTo: CalendarDate, capacityLeft: Int,
        isVirtual: Bool = false
    ) {
        self.key = key
        self.hostKey = hostKey
        self.title = title
        self.description = description
        self.topics = topics
        self.purposes = purposes
        self.languages = languages
        self.availableFrom = availableFrom
        self.availableTo = availableTo
        self.capacityLeft = capacityLeft
        self.isVirtual = isVirtual
    }

    var document: IndexedDocument { IndexedDocument(key: key, title: title, description: description, topics: topics) }
}

/// A visitor's request for a stay abroad.
public struct RequestProfile: Sendable, Equatable {
    public var key: String
    public var visitorKey: String
    public var title: String
    public var description: String
    public var topics: [String]
    public var purposes: Set<Purpose>
    public var languages: Set<String>
    public var earliest: CalendarDate
    public var latest: CalendarDate
    public var workingDays: Int
    /// Empty when any country will do.
    public var preferredCountries: Set<CountryCode>

    public init(
        key: String, visitorKey: String, title: String, description: String, topics: [String], purposes: Set<Purpose>,
        languages: Set<String>, earliest: CalendarDate, latest: CalendarDate, workingDays: Int,
        preferredCountries: Set<CountryCode> = []
    ) {
        self.key = key
        self.visitorKey = visitorKey
        self.title = title
        self.description = description
        self.topics = topics
        self.purposes = purposes
        self.languages = languages
        self.earliest = earliest
        self.latest = latest
        self.workingDays = workingDays
        self.preferredCountries = preferredCountries
    }

    var document: IndexedDocument { IndexedDocument(key: key, title: title, description: description, topics: topics) }
}
