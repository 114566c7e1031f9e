import ProgrammeRules

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
