import Vapor

/// "My organisations", the page a signed-in person comes back to.
struct MyController: Controller {
    func boot(_ routes: Surfaces) {
        routes.pages.access(.signedIn).get("my", use: mine)
    }

    @Sendable func mine(req: Request) async throws -> Response {
        try await req.page("my", title: "My organisations", try await req.context.myOrganisations.overview())
    }
}
