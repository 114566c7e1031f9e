import Vapor

/// A proposal: `POST /api/v1/exchanges`.
struct ExchangeInput: Content, Sendable {
    var request: String?
    var offer: String?
    var start: String?
    var end: String?
    var goals: String?
    /// A virtual stay (when the programme allows them): no lump sum.
    var virtual: Bool?
    /// A coordinator enters a match the two agreed offline, on behalf of both.
    var agreedOffline: Bool?
}
