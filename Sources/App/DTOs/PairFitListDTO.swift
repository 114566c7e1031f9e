import Vapor

/// A request against a named host's offers, or an offer against a named visitor's requests.
struct PairFitListDTO: Content {
    var request: String?
    var offer: String?
    var host: String?
    var visitor: String?
    /// The named organisation's name.
    var organisationName: String?
    let pairs: [PairFitDTO]
}
