import Vapor

/// The home page.
struct HomeController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.access(.anyone).get(use: home)
    }

    @Sendable
    func home(req: Request) async throws -> View {
        try await req.view.render("home", HomePage(layout: req.layout("Exchanges between Europe's clusters")))
    }
}

struct HomePage: Encodable {
    let layout: Layout
    let purposes = [
        "Learn from actors in another cluster",
        "Explore growth opportunities in new markets",
        "Take up new technologies, digitalisation and green low-carbon solutions",
        "Invest in strategic interregional collaboration",
    ]
}
