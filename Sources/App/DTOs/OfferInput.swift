import Vapor

/// A hosting offer as its host publishes or changes it (the import format's fields, without keys).
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
