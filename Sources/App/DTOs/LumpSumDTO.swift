import Vapor

/// The lump sum: quoted while the exchange is open, frozen when funding is approved.
struct LumpSumDTO: Content {
    let amountCents: Int
    let reasons: [String]
    /// The rate table it comes from, "name version".
    let table: String
    let frozen: Bool
    /// The quote before the rate table in force changed.
    let previousAmountCents: Int?
}
