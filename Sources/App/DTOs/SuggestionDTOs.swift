import Matching
import ProgrammeRules
import Vapor

/// A suggested pair as the API and the pages show it.
struct SuggestionDTO: Content {
    struct StayDTO: Content {
        let start: String
        let end: String
    }

    let offer: String
    let host: String
    let request: String
    let visitor: String
    /// In [0, 1], four decimals.
    let score: Double
    let reasons: [String]
    let offerTitle: String
    let hostName: String
    let hostCountry: String
    let requestTitle: String
    let visitorName: String
    /// The earliest stay that fits both windows.
    let stay: StayDTO
    let distanceKm: Double
    /// The lump sum this stay would bring the visitor under the default rate table, in cents.
    let lumpSumCents: Int?
    let parts: FitParts
}

/// Suggestions for one request (hosts' offers) or for one offer (visitors' requests).
struct SuggestionListDTO: Content {
    var request: String?
    var offer: String?
    let suggestions: [SuggestionDTO]
}

/// Why a pair is, or is not, suggested.
struct PairFitDTO: Content {
    let offer: String
    let request: String
    let suggestible: Bool
    let obstacles: [Obstacle]
    let score: Double
    let reasons: [String]
}

/// A request against a named host's offers, or an offer against a named visitor's requests.
struct PairFitListDTO: Content {
    var request: String?
    var offer: String?
    var host: String?
    var visitor: String?
    let pairs: [PairFitDTO]
}
