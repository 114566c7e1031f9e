import Vapor

/// A resource's routes on every surface. Handlers only decode, call a service and render: the
/// service owns the queries and the permission checks (docs/decisions/0015-one-boundary.md).
protocol Controller: Sendable {
    func boot(_ routes: Surfaces)
}

extension Request {
    /// A UUID path parameter; anything else names nothing here (404).
    func uuid(_ name: String, _ noun: String) throws(AppError) -> UUID {
        guard let id = parameters.get(name, as: UUID.self) else {
            throw .notFound("There is no \(noun) \(parameters.get(name) ?? "").")
        }
        return id
    }

    /// A key path parameter.
    func key(_ name: String = "key") throws(AppError) -> String {
        guard let key = parameters.get(name), !key.isEmpty else { throw .notFound("There is nothing here.") }
        return key
    }

    /// The body, decoded: JSON on the API (anything else is a 415), a form on the pages. A missing
    /// or malformed body is a 400 naming the field.
    func input<T: Decodable>(_ type: T.Type) throws -> T {
        if url.path.hasPrefix("/api/") && headers.contentType?.subType != "json" {
            throw AppError.unsupportedMediaType(
                FieldProblem("Content-Type", "json-only", "send the body as JSON, with Content-Type: application/json"))
        }
        guard let body = body.data, body.readableBytes > 0 else {
            throw AppError.invalid([FieldProblem("(body)", "required", "the request needs a body")], status: .badRequest)
        }
        return try content.decode(T.self)
    }

    /// JSON with a status and, for new things, where they live.
    func created<T: Content>(_ value: T, at location: String) async throws -> Response {
        let response = try await value.encodeResponse(status: .created, for: self)
        response.headers.replaceOrAdd(name: .location, value: location)
        return response
    }
}
