import Vapor

/// The home page.
struct HomeController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(use: home)
    }

    @Sendable
    func home(req: Request) async throws -> View {
        try await req.view.render("home", HomePage())
    }
}

struct HomePage: Encodable {
    let title = "ClusterXchange"
    let purposes = [
        "Learn from actors in another cluster",
        "Explore growth opportunities in new markets",
        "Take up new technologies, digitalisation and green low-carbon solutions",
        "Invest in strategic interregional collaboration",
    ]
}
