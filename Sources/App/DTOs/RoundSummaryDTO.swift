import Vapor

/// A matching round in a list.
struct RoundSummaryDTO: Content {
    let id: UUID
    let partnership: String?
    let partnershipName: String?
    let createdAt: Date?
    let sentAt: Date?
    let objective: Double
    let gap: Double
}
