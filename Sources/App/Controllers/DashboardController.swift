import Vapor

/// The page a person lands on after signing in: what is theirs and what to do next, by role. A
/// participant's and a coordinator's are remembered until something they show changes
/// (`rememberedPage`, decision 0030).
struct DashboardController: Controller {
    func boot(_ routes: Surfaces) {
        routes.pages.access(.signedIn).get("dashboard", use: dashboard)
    }

    @Sendable func dashboard(req: Request) async throws -> Response {
        let context = req.context
        let caller = try context.signedIn()
        switch caller.role {
        case .admin:
            // Not remembered: it shows the mail queue, which the data stamp does not watch.
            return try await req.page(
                "dashboard-support", title: "Support office",
                try await context.dashboards.supportOffice(mailKeptHere: req.application.mailTransport.keepsReadableCopy))
        case .coordinator:
            return try await req.rememberedPage {
                ("dashboard-coordinator", "Your partnership", try await context.dashboards.coordinator())
            }
        case .participant:
            // Written in Swift (`ParticipantDashboardPage`): everyone lands here.
            return try await req.rememberedPage {
                let dashboard = try await context.dashboards.participant()
                let unread = (try? await context.bell.counts().messages) ?? 0
                return (
                    "dashboard", "Your dashboard",
                    ParticipantDashboardPage.View(html: ParticipantDashboardPage.html(dashboard, unreadMessages: unread))
                )
            }
        }
    }
}
