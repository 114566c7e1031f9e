import Vapor

/// A partnership that fits an organisation, with the reasons.
struct PartnershipSuggestion: Content {
    let key: String
    let name: String
    let score: Int
    let reasons: [String]
}
