import Matching
import Vapor

/// Why a pair is, or is not, suggested.
struct PairFitDTO: Content {
    let offer: String
    let offerTitle: String
    let request: String
    let requestTitle: String
    let suggestible: Bool
    let obstacles: [Obstacle]
    let score: Double
    let reasons: [String]
}
