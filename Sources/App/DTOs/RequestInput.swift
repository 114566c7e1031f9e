import Vapor

/// A visiting request as its visitor publishes or changes it.
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
