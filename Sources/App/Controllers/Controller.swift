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

    /// A JSON (or form) body, decoded; a malformed body is a 400 naming the field.
    func input<T: Decodable>(_ type: T.Type) throws -> T {
        try content.decode(T.self)
    }

    /// JSON with a status and, for new things, where they live.
    func created<T: Content>(_ value: T, at location: String) async throws -> Response {
        let response = try await value.encodeResponse(status: .created, for: self)
        response.headers.replaceOrAdd(name: .location, value: location)
        return response
    }
}
