import Vapor

/// A person's own data (GDPR): `GET /api/v1/me/data` and `DELETE /api/v1/me` in the API, and the
/// same from the account page (download my data; erase my account after typing the password).
struct PersonalDataController: Controller {
    func boot(_ routes: Surfaces) {
        let api = routes.api.access(.signedIn)
        api.get("me", "data", use: data)
        api.delete("me", use: erase)
        let pages = routes.pages.access(.signedIn)
        pages.get("account", "data", use: download)
        pages.post("account", "erase", use: erasePage)
    }

    struct EraseInput: Content {
        var password: String?
    }

    @Sendable func data(req: Request) async throws -> PersonalData.Export {
        try await req.context.personalData.export()
    }

    @Sendable func erase(req: Request) async throws -> HTTPStatus {
        try await req.context.personalData.erase(password: try req.input(EraseInput.self).password)
        return .noContent
    }

    /// The same document as a file to keep.
    @Sendable func download(req: Request) async throws -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        let data = try encoder.encode(try await req.context.personalData.export())
        return Download.response(.init(data: data), contentType: "application/json", filename: "clusterxchange-my-data.json")
    }

    @Sendable func erasePage(req: Request) async throws -> Response {
        do {
            try await req.context.personalData.erase(password: try req.input(EraseInput.self).password)
        } catch let error as AppError where !error.problems.isEmpty {
            return req.redirect(to: "/account#erase", flash: "Your account is not erased: \(error.inWords)")
        }
        req.auth.logout(User.self)
        req.browserSession?.signOut()
        return req.redirect(
            to: "/",
            flash: "Your account is erased: your name and address are gone, and you are signed out. Thank you for taking part.")
    }
}
