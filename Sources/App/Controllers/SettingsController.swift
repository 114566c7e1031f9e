import Vapor

/// The programme's settings, for the support office: virtual exchanges, open proposals, the rate
/// table in force.
struct SettingsController: Controller {
    func boot(_ routes: Surfaces) {
        let api = routes.api.access(.admin)
        api.get("programme-settings", use: show)
        api.put("programme-settings", use: update)
    }

    @Sendable func show(req: Request) async throws -> ProgrammeSettingsDTO {
        try await req.context.settings.current()
    }

    @Sendable func update(req: Request) async throws -> ProgrammeSettingsDTO {
        try await req.context.settings.update(try req.input(ProgrammeSettingsInput.self))
    }
}
