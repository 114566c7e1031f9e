import Fluent
import Foundation
import Vapor

/// "I'm interested" in an offer or a request: a conversation opens from the caller's organisation
/// to its owner, who is told by e-mail and answers in the messages.
extension Following {
    /// Opens the conversation; returns its id and the owner's name.
    func interest(inOffer isOffer: Bool, key: String) async throws -> (thread: UUID, with: String) {
        _ = try context.signedIn()
        let owner: Organisation
        let title: String
        if isOffer {
            guard let offer = try await Offer.query(on: db).filter(\.$key == key).with(\.$host).first() else {
                throw AppError.noSuch("offer", key: key)
            }
            (owner, title) = (offer.host, offer.title)
        } else {
            guard let request = try await VisitRequest.query(on: db).filter(\.$key == key).with(\.$visitor).first() else {
                throw AppError.noSuch("request", key: key)
            }
            (owner, title) = (request.visitor, request.title)
        }
        let scope = try await context.exchangeScope()
        let mine = try await Organisation.query(on: db).filter(\.$id ~~ Array(scope.organisations))
            .filter(\.$validationStatus == .validated).filter(\.$id != owner.requireID()).sort(\.$name).first()
        guard let mine else {
            throw AppError.invalid(
                "organisation", "member-needed",
                "you speak for a validated organisation: add yours or ask to join it first")
        }
        let noun = isOffer ? "offer" : "request"
        var input = ThreadInput()
        input.from = mine.key
        input.to = owner.key
        input.subject = "Interested in your \(noun): \(title)"
        input.body =
            "\(mine.name) is interested in your \(noun) \"\(title)\". Answer here to talk about dates and what you "
            + "would each bring."
        input.about = isOffer ? "/offers/\(key)" : "/requests/\(key)"
        let thread = try await context.messages.start(input)
        return (thread.id, owner.name)
    }
}
