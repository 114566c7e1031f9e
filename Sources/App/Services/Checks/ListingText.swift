import ProgrammeRules

/// What offers and requests both say: a title, a description, purposes, topics, languages.
struct ListingText: Sendable {
    let title: String
    let description: String
    let purposes: [Purpose]
    let topics: [String]
    let languages: [String]
}
