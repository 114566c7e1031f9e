import Vapor

/// Logos and photos: uploaded in the API (the picture as the body) and on the pages (a form with
/// a file), read by anyone (logos of validated organisations) or by those signed in (photos).
struct PictureController: Controller {
    func boot(_ routes: Surfaces) {
        let api = routes.api.access(.signedIn)
        api.upload(.PUT, "organisations", ":key", "logo", limit: Pictures.uploadLimit, use: putLogo)
        api.delete("organisations", ":key", "logo", use: deleteLogo)
        api.upload(.PUT, "me", "photo", limit: Pictures.uploadLimit, use: putPhoto)
        api.delete("me", "photo", use: deletePhoto)

        routes.pages.access(.anyone).get("organisations", ":key", "logo", use: logo)
        let pages = routes.pages.access(.signedIn)
        pages.get("photos", ":id", use: photo)
        pages.upload(.POST, "organisations", ":key", "logo", limit: Pictures.uploadLimit, use: logoPage)
        pages.post("organisations", ":key", "logo", "remove", use: removeLogoPage)
        pages.upload(.POST, "account", "photo", limit: Pictures.uploadLimit, use: photoPage)
        pages.post("account", "photo", "remove", use: removePhotoPage)
    }

    struct Saved: Content {
        var logo: String?
        var photo: String?
    }

    // MARK: API

    @Sendable func putLogo(req: Request) async throws -> Saved {
        Saved(logo: try await req.context.pictures.setLogo(try req.key(), Self.body(req)))
    }

    @Sendable func deleteLogo(req: Request) async throws -> HTTPStatus {
        try await req.context.pictures.removeLogo(try req.key())
        return .noContent
    }

    @Sendable func putPhoto(req: Request) async throws -> Saved {
        Saved(photo: try await req.context.pictures.setPhoto(Self.body(req)))
    }

    @Sendable func deletePhoto(req: Request) async throws -> HTTPStatus {
        try await req.context.pictures.removePhoto()
        return .noContent
    }

    /// The picture is the body, whatever its declared type: its first bytes say what it is.
    private static func body(_ req: Request) -> Data { req.body.data.map { Data(buffer: $0) } ?? Data() }

    // MARK: Reading

    @Sendable func logo(req: Request) async throws -> Response {
        Self.picture(try await req.context.pictures.logo(try req.key()), cache: "public, max-age=86400")
    }

    @Sendable func photo(req: Request) async throws -> Response {
        Self.picture(try await req.context.pictures.photo(try req.uuid("id", "photo")), cache: "private, max-age=86400")
    }

    private static func picture(_ file: StoredFile, cache: String) -> Response {
        let response = Response(status: .ok, body: .init(data: file.data))
        response.headers.replaceOrAdd(name: .contentType, value: file.contentType)
        response.headers.replaceOrAdd(name: .cacheControl, value: cache)
        response.headers.replaceOrAdd(name: .contentDisposition, value: "inline")
        return response
    }

    // MARK: Pages

    struct Upload: Content {
        var picture: File?
    }

    private static func uploaded(_ req: Request) throws -> Data {
        let file = try req.content.decode(Upload.self).picture
        return file.map { Data(buffer: $0.data) } ?? Data()
    }

    @Sendable func logoPage(req: Request) async throws -> Response {
        let key = try req.key()
        do {
            _ = try await req.context.pictures.setLogo(key, try Self.uploaded(req))
            return req.redirect(to: "/organisations/\(key)", flash: "The logo is saved: it shows on your organisation's page.")
        } catch let error as AppError where !error.problems.isEmpty {
            return req.redirect(to: "/organisations/\(key)/edit#logo", flash: "The logo is not saved: \(error.inWords)")
        }
    }

    @Sendable func removeLogoPage(req: Request) async throws -> Response {
        let key = try req.key()
        try await req.context.pictures.removeLogo(key)
        return req.redirect(to: "/organisations/\(key)/edit#logo", flash: "The logo is removed.")
    }

    @Sendable func photoPage(req: Request) async throws -> Response {
        do {
            _ = try await req.context.pictures.setPhoto(try Self.uploaded(req))
            return req.redirect(
                to: "/account#photo", flash: "Your photo is saved: those signed in see it beside your name.")
        } catch let error as AppError where !error.problems.isEmpty {
            return req.redirect(to: "/account#photo", flash: "Your photo is not saved: \(error.inWords)")
        }
    }

    @Sendable func removePhotoPage(req: Request) async throws -> Response {
        try await req.context.pictures.removePhoto()
        return req.redirect(to: "/account#photo", flash: "Your photo is removed.")
    }
}
