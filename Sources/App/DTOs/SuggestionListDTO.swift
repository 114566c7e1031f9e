import Vapor

/// Suggestions for one request (hosts' offers) or for one offer (visitors' requests).
struct SuggestionListDTO: Content {
    var request: String?
    var offer: String?
    let suggestions: [SuggestionDTO]
}
