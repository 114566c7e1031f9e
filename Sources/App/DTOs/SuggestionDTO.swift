import Matching
import ProgrammeRules
import Vapor

/// A suggested pair as the API and the pages show it.
struct SuggestionDTO: Content {
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
