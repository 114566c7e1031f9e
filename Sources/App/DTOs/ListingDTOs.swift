import Vapor

/// A hosting offer as its host publishes it (the import format's fields, without keys).
struct OfferInput: Content {
    var title: String?
    var description: String?
    var purposes: [String]?
    var topics: [String]?
    var availableFrom: String?
    var availableTo: String?
    var capacity: Int?
    var languages: [String]?
    var virtual: Bool?
}

/// A visiting request as its visitor publishes it.
struct RequestInput: Content {
    var title: String?
    var description: String?
    var purposes: [String]?
    var topics: [String]?
    var earliest: String?
    var latest: String?
    var workingDays: Int?
    var preferredCountries: [String]?
    var languages: [String]?
}
