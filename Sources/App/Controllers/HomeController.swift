import ProgrammeRules
import Vapor

/// The home page.
struct HomeController: Controller {
    func boot(_ routes: Surfaces) {
        routes.pages.access(.anyone).get(use: home)
    }

    struct HomeView: Encodable {
        /// "up to EUR 1,100": the rate table's cap, when it has one.
        let cap: String?
        let purposes = [
            "Learn from actors in another cluster",
            "Explore growth opportunities in new markets",
            "Take up new technologies, digitalisation and green low-carbon solutions",
            "Invest in strategic interregional collaboration",
        ]
    }

    @Sendable func home(req: Request) async throws -> Response {
        let cap = try await req.context.settings.current().rateTable.capCents
        return try await req.page(
            "home", title: "Exchanges between Europe's clusters",
            HomeView(cap: cap.map { Money.format(cents: $0, currency: "EUR") }))
    }
}
