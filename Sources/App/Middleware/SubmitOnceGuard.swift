import Fluent
import Vapor

/// A form sent twice acts once. Forms of signed-in people carry a one-time token (`_once`, new on
/// every page); the first submission claims it, with the method and path, in a unique row; a second
/// one (a double click, the back button and send again) is sent to where the first led, with a
/// word that it was already done. A submission that fails (a form shown again with its errors)
/// gives its claim back. Forms without the token are not concerned.
struct SubmitOnceGuard: AsyncMiddleware {
    static let fieldName = "_once"
    /// Claims older than this are swept.
    static let keep: TimeInterval = 24 * 3600

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard request.method == .POST, request.browserSession != nil, let user = request.auth.get(User.self),
            let userID = user.id
        else { return try await next.respond(to: request) }
        struct Form: Decodable { let _once: String? }
        guard let token = (try? request.content.decode(Form.self))?._once, SecretToken.isWellFormed(token) else {
            return try await next.respond(to: request)
        }
        let digest = SecretToken.digest("\(token) POST \(request.url.path)")
        let db = request.database
        let claim = FormSubmission(digest: digest, userID: userID, createdAt: Date())
        do {
            try await claim.create(on: db)
        } catch let error as any DatabaseError where error.isConstraintFailure {
            let first = try await FormSubmission.query(on: db).filter(\.$digest == digest).first()
            guard first?.userID == userID, let location = first?.location else {
                throw AppError.conflict(
                    Self.fieldName, "already-sent", "This form is already being sent: wait a moment, then reload the page.")
            }
            return request.redirect(to: location, flash: "This was already sent; here is what it did.")
        }
        let response: Response
        do {
            response = try await next.respond(to: request)
        } catch {
            try? await claim.delete(on: db)
            throw error
        }
        if (300..<400).contains(response.status.code), let location = response.headers.first(name: .location) {
            claim.location = String(location.prefix(1_000))
            try await claim.update(on: db)
        } else {
            try await claim.delete(on: db)
        }
        return response
    }
}
