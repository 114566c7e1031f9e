import Vapor

/// Following and the digest: the follow buttons' target, the following page, and the digests'
/// one-click unsubscribe (RFC 8058: a GET shows a button, only a POST unsubscribes).
struct FollowController: Controller {
    func boot(_ routes: Surfaces) {
        let pages = routes.pages.access(.signedIn)
        pages.post("follows", use: follow)
        pages.post("follows", ":id", "delete", use: unfollow)
        pages.get("following", use: page)
        pages.post("following", "digest", use: digest)
        pages.post("offers", ":key", "interest", use: interestInOffer)
        pages.post("requests", ":key", "interest", use: interestInRequest)
        let root = routes.root.access(.anyone)
        root.get("unsubscribe", ":token", use: unsubscribePage)
        root.post("unsubscribe", ":token", use: unsubscribe)
        bootAPI(routes)
    }

    struct FollowForm: Content {
        var kind: String?
        var target: String?
        /// The page to return to (a path on this site).
        var back: String?
    }

    @Sendable func follow(req: Request) async throws -> Response {
        let form = try req.content.decode(FollowForm.self)
        let back = LocalPath.checked(form.back) ?? "/following"
        do {
            return req.redirect(to: back, flash: try await req.context.following.follow(form.kind, form.target).message)
        } catch let error as AppError where !error.problems.isEmpty {
            return req.redirect(to: back, flash: "Not followed: \(error.fieldMessages.values.sorted().joined(separator: "; ")).")
        }
    }

    @Sendable func unfollow(req: Request) async throws -> Response {
        let said = try await req.context.following.unfollow(try req.uuid("id", "follow"))
        return req.redirect(to: "/following", flash: said)
    }

    @Sendable func interestInOffer(req: Request) async throws -> Response { try await interest(req, offer: true) }

    @Sendable func interestInRequest(req: Request) async throws -> Response { try await interest(req, offer: false) }

    /// Opens the conversation with the owner and shows it; without an organisation, says why on the listing.
    private func interest(_ req: Request, offer: Bool) async throws -> Response {
        let key = try req.key()
        do {
            let opened = try await req.context.following.interest(inOffer: offer, key: key)
            return req.redirect(
                to: "/messages/\(opened.thread)",
                flash: "\(opened.with) is told you are interested; their answer will come here and by e-mail.")
        } catch let error as AppError where !error.problems.isEmpty {
            return req.redirect(
                to: offer ? "/offers/\(key)" : "/requests/\(key)",
                flash: "Not sent: \(error.fieldMessages.values.sorted().joined(separator: "; ")).")
        }
    }

    struct PageView: Encodable {
        let items: [Following.Item]
        let frequency: String
    }

    @Sendable func page(req: Request) async throws -> Response {
        let following = req.context.following
        let view = PageView(items: try await following.list(), frequency: try await following.digest()?.rawValue ?? "none")
        return try await req.page("following", title: "What you follow", view)
    }

    struct DigestForm: Content { var frequency: String? }

    @Sendable func digest(req: Request) async throws -> Response {
        let said = try await req.context.following.setDigest(try req.content.decode(DigestForm.self).frequency)
        return req.redirect(to: "/following", flash: said)
    }

    struct UnsubscribeView: Encodable {
        let token: String
        let known: Bool
        let done: Bool
    }

    @Sendable func unsubscribePage(req: Request) async throws -> Response {
        let token = try req.key("token")
        let known = try await Following.isUnsubscribeLink(token, on: req.db)
        return try await req.page(
            "unsubscribe", title: "Stop the digest", UnsubscribeView(token: token, known: known, done: false), forms: true)
    }

    /// Mail programs post `List-Unsubscribe=One-Click` here; the page's button posts the same.
    @Sendable func unsubscribe(req: Request) async throws -> Response {
        let token = try req.key("token")
        let done = try await Following.unsubscribe(token: token, on: req.db)
        guard done else { throw AppError.notFound("This link is not known (any longer): choose on your following page.") }
        return try await req.page(
            "unsubscribe", title: "Digest stopped", UnsubscribeView(token: token, known: true, done: true), forms: true)
    }
}
