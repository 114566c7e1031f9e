import Vapor

/// One pair a matching round proposes.
struct RoundProposalDTO: Content {
    let request: String
    let requestTitle: String
    let visitor: String
    let visitorName: String
    let offer: String
    let offerTitle: String
    let host: String
    let hostName: String
    let score: Double
    /// The lump sum of the stay, charged to the visitor's partnership's budget.
    let costCents: Int
    let reasons: [String]
    let stay: StayDTO
    /// The exchange the proposal became when the round was sent.
    let exchange: UUID?
}
