import AsyncKit
import FluentKit
import Vapor

/// RFC 9457 problem details, with the fields at fault. Built once from any error: our own
/// `AppError`, a body that does not decode, a duplicate the database refused, or Vapor's own
/// refusals (no such route, a body too large). A 5xx never shows its internal text.
struct Problem: Content {
    let type: String
    let title: String
    let status: Int
    let detail: String
    let instance: String
    let errors: [FieldProblem]?

    static let internalDetail = "Something went wrong on our side; it has been logged."

    init(_ error: any Error, instance: String) {
        var identifier = "internal-error"
        var status = HTTPResponseStatus.internalServerError
        var detail = Self.internalDetail
        var errors: [FieldProblem]?
        switch error {
        case let error as AppError:
            status = error.status
            identifier = error.identifier
            detail = error.detail
            errors = error.problems.isEmpty ? nil : error.problems
        case let decoding as DecodingError:
            status = .badRequest
            identifier = "malformed-body"
            detail = decoding.summary
            errors = [FieldProblem(decoding.fieldPath, decoding.rule, decoding.summary)]
        case let database as any DatabaseError where database.isConstraintFailure:
            status = .conflict
            identifier = "duplicate"
            detail = "This already exists (someone may have just done the same); reload and check."
        case is ConnectionPoolTimeoutError:
            // Every database connection stayed busy for the pool's whole wait: an overload, said as one.
            status = .serviceUnavailable
            identifier = "busy"
            detail = "The platform is very busy right now: please try again in a few seconds."
        case let abort as any AbortError:
            status = abort.status
            identifier = Self.identifier(for: abort.status)
            detail = abort.status.code >= 500 ? Self.internalDetail : abort.reason
        default:
            break
        }
        self.type = "/problems/\(identifier)"
        self.title = status.reasonPhrase
        self.status = Int(status.code)
        self.detail = detail
        self.instance = instance
        self.errors = errors
    }

    /// Vapor's own refusals (a route that does not exist, a body too large or of the wrong type).
    static func identifier(for status: HTTPResponseStatus) -> String {
        switch status {
        case .notFound: "not-found"
        case .payloadTooLarge: "body-too-large"
        case .unsupportedMediaType: "unsupported-media-type"
        case .badRequest: "bad-request"
        case .methodNotAllowed: "method-not-allowed"
        default: status.code >= 500 ? "internal-error" : String(status.code)
        }
    }

    func jsonResponse(headers: HTTPHeaders) throws -> Response {
        var headers = headers
        headers.replaceOrAdd(name: .contentType, value: "application/problem+json; charset=utf-8")
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        return Response(
            status: HTTPResponseStatus(statusCode: status), headers: headers, body: .init(data: try encoder.encode(self)))
    }
}
