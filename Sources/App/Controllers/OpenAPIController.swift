import Vapor

/// `GET /openapi.json`: the OpenAPI 3.1 document of the JSON API, kept in
/// `Resources/OpenAPI/openapi.json`. A test proves that it lists exactly the API's routes, and
/// schemathesis checks live answers against its schemas.
struct OpenAPIController: Controller {
    func boot(_ routes: Surfaces) {
        routes.root.access(.anyone).get("openapi.json", use: document)
    }

    @Sendable func document(req: Request) async throws -> Response {
        let path = req.application.directory.resourcesDirectory + "OpenAPI/openapi.json"
        let response = try await req.fileio.asyncStreamFile(at: path)
        response.headers.contentType = .json
        return response
    }
}
