import Vapor

/// The page a person lands on after signing in: what is theirs and what to do next, by role.
struct DashboardController: Controller {
    func boot(_ routes: Surfaces) {
        routes.pages.access(.signedIn).get("dashboard", use: dashboard)
    }

    @Sendable func dashboard(req: Request) async throws -> Response {
        let context = req.context
        let caller = try context.signedIn()
        switch caller.role {
        case .admin:
            return try await req.page("dashboard-support", title: "Support office", try await context.dashboards.supportOffice())
        case .coordinator:
            return try await req.page(
                "dashboard-coordinator", title: "Your partnership", try await context.dashboards.coordinator())
        case .participant:
            // Written in Swift (`ParticipantDashboardPage`): everyone lands here.
            let dashboard = try await context.dashboards.participant()
            let unread = (try? await context.bell.counts().messages) ?? 0
            return try await req.page(
                "dashboard", title: "Your dashboard",
                ParticipantDashboardPage.View(html: ParticipantDashboardPage.html(dashboard, unreadMessages: unread)))
        }
    }
}
