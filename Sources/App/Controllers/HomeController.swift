import Vapor

/// The home page.
struct HomeController: Controller {
    func boot(_ routes: Surfaces) {
        routes.pages.access(.anyone).get(use: home)
    }

    struct HomeView: Encodable {
        let purposes = [
            "Learn from actors in another cluster",
            "Explore growth opportunities in new markets",
            "Take up new technologies, digitalisation and green low-carbon solutions",
            "Invest in strategic interregional collaboration",
        ]
    }

    @Sendable func home(req: Request) async throws -> Response {
        try await req.page("home", title: "Exchanges between Europe's clusters", HomeView())
    }
}
