import Vapor

/// Following as JSON: what one follows, follow and stop, the digest's choice, and "I'm interested".
extension FollowController {
    func bootAPI(_ routes: Surfaces) {
        let api = routes.api.access(.signedIn)
        api.get("follows", use: listAPI)
        api.post("follows", use: followAPI)
        api.delete("follows", ":id", use: unfollowAPI)
        api.put("digest", use: digestAPI)
        api.post("offers", ":key", "interest", use: interestInOfferAPI)
        api.post("requests", ":key", "interest", use: interestInRequestAPI)
    }

    @Sendable func listAPI(req: Request) async throws -> FollowingDTO {
        let following = req.context.following
        return FollowingDTO(follows: try await following.list(), digest: try await following.digest()?.rawValue ?? "none")
    }

    /// 201 with the new follow; 200 with the existing one when it was already followed.
    @Sendable func followAPI(req: Request) async throws -> Response {
        let input = try req.input(FollowInput.self)
        let followed = try await req.context.following.follow(input.kind, input.target)
        guard followed.created else { return try await followed.item.encodeResponse(status: .ok, for: req) }
        return try await req.created(followed.item, at: "/api/v1/follows/\(followed.item.id)")
    }

    @Sendable func unfollowAPI(req: Request) async throws -> HTTPStatus {
        _ = try await req.context.following.unfollow(try req.uuid("id", "follow"))
        return .noContent
    }

    @Sendable func digestAPI(req: Request) async throws -> DigestDTO {
        let input = try req.input(DigestInput.self)
        let message = try await req.context.following.setDigest(input.frequency)
        return DigestDTO(frequency: try await req.context.following.digest()?.rawValue ?? "none", message: message)
    }

    @Sendable func interestInOfferAPI(req: Request) async throws -> Response { try await interestAPI(req, offer: true) }

    @Sendable func interestInRequestAPI(req: Request) async throws -> Response { try await interestAPI(req, offer: false) }

    private func interestAPI(_ req: Request, offer: Bool) async throws -> Response {
        let opened = try await req.context.following.interest(inOffer: offer, key: try req.key())
        return try await req.created(
            InterestReceipt(thread: opened.thread, with: opened.with), at: "/api/v1/messages/\(opened.thread)")
    }
}
