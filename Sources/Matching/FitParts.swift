/// How well a visitor's request and a host's offer suit each other, part by part, each in [0, 1].
public struct FitParts: Sendable, Equatable, Codable {
    /// BM25 relevance of the texts, normalised by what the query's terms could score at most.
    public var text: Double = 0
    /// Share of the request's topics the host offers (its offer's topics and its profile's).
    public var topics: Double = 0
    /// 1 for a shared NACE division, 0.5 for a shared section only.
    public var sector: Double = 0
    /// Share of the request's purposes the offer serves.
    public var purposes: Double = 0
    /// 1 when the two have a language in common.
    public var languages: Double = 0
    /// 1 when the host's country is one the visitor prefers, or the visitor has no preference.
    public var country: Double = 0
    /// Room in the calendar: the shared working days over twice those asked for, at most 1.
    public var dates: Double = 0
    /// Nearness: 1 next door, 0.5 at 1,500 km.
    public var distance: Double = 0
}
