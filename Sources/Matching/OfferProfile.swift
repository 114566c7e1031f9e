import ProgrammeRules

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
