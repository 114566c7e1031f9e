import ProgrammeRules
import Vapor

/// Every refusal the platform gives. Services throw it; `ProblemMiddleware` maps it once to
/// problem details (RFC 9457) for the API and to an error page for browsers, and form handlers
/// show its field problems beside the fields (docs/decisions/0015-one-boundary.md).
enum AppError: Error, Sendable {
    /// The route needs an account and nobody is signed in (401).
    case unauthenticated
    /// Nothing by that name (404).
    case notFound(String)
    /// Something the caller may not see (404, worded as `notFound`): ids and keys never leak.
    case forbiddenAsNotFound(String)
    /// The caller sees the resource but may not do this (403).
    case forbidden(String)
    /// The state of things does not allow it now (409): a phase, a duplicate, a round already sent.
    case conflict(FieldProblem)
    /// Input that breaks the rules of a form or a body, every field at once (422, or 400 for
    /// malformed query parameters).
    case invalid([FieldProblem], status: HTTPResponseStatus)
    /// A rule of the programme is broken (422); `rule` is the rules library's stable id.
    case ruleBroken(rule: String, field: String, message: String)
    /// Too many attempts; try again after the given seconds (429).
    case tooManyRequests(String, retryAfter: Int)
    /// The server is busy with this kind of work; try again after the given seconds (503).
    case unavailable(String, retryAfter: Int)
    /// A file or body larger than the field allows (413).
    case payloadTooLarge(FieldProblem)
    /// A file or body of a type the field does not take (415).
    case unsupportedMediaType(FieldProblem)
    /// A link that worked once and no longer does (410).
    case gone(FieldProblem)

    // MARK: Shorthands

    static func invalid(_ field: String, _ rule: String, _ message: String) -> AppError {
        .invalid([FieldProblem(field, rule, message)], status: .unprocessableEntity)
    }

    static func invalid(_ problems: [FieldProblem]) -> AppError {
        .invalid(problems, status: .unprocessableEntity)
    }

    /// A malformed query parameter (400).
    static func badQuery(_ field: String, _ rule: String, _ message: String) -> AppError {
        .invalid([FieldProblem(field, rule, message)], status: .badRequest)
    }

    static func conflict(_ field: String, _ rule: String, _ message: String) -> AppError {
        .conflict(FieldProblem(field, rule, message))
    }

    /// "No offer has the key "x"." for a resource that does not exist or may not be seen.
    static func noSuch(_ noun: String, key: String) -> AppError {
        .notFound("No \(noun) has the key \"\(key)\".")
    }

    /// The programme's rule as the rules library states it.
    static func broken(_ violation: RuleViolation, field: String) -> AppError {
        .ruleBroken(rule: violation.rule.rawValue, field: field, message: violation.message)
    }

    // MARK: What it says

    var status: HTTPResponseStatus {
        switch self {
        case .unauthenticated: .unauthorized
        case .notFound, .forbiddenAsNotFound: .notFound
        case .forbidden: .forbidden
        case .conflict: .conflict
        case .invalid(_, let status): status
        case .ruleBroken: .unprocessableEntity
        case .tooManyRequests: .tooManyRequests
        case .unavailable: .serviceUnavailable
        case .payloadTooLarge: .payloadTooLarge
        case .unsupportedMediaType: .unsupportedMediaType
        case .gone: .gone
        }
    }

    /// The stable identifier in the problem's `type` (`/problems/{identifier}`).
    var identifier: String {
        switch self {
        case .unauthenticated: "unauthenticated"
        case .notFound, .forbiddenAsNotFound: "not-found"
        case .forbidden: "forbidden"
        case .conflict(let problem), .payloadTooLarge(let problem), .unsupportedMediaType(let problem), .gone(let problem):
            problem.rule
        case .invalid(let problems, _): problems.first?.rule ?? "invalid-input"
        case .ruleBroken(let rule, _, _): rule
        case .tooManyRequests: "too-many-requests"
        case .unavailable: "busy"
        }
    }

    /// One sentence for people.
    var detail: String {
        switch self {
        case .unauthenticated: "Sign in first: this needs an account."
        case .notFound(let message), .forbiddenAsNotFound(let message), .forbidden(let message): message
        case .conflict(let problem), .payloadTooLarge(let problem), .unsupportedMediaType(let problem), .gone(let problem):
            problem.message
        case .invalid(let problems, _):
            problems.map { "\($0.field): \($0.message)" }.joined(separator: "; ")
        case .ruleBroken(_, _, let message): message
        case .tooManyRequests(let message, _), .unavailable(let message, _): message
        }
    }

    /// The fields at fault, for forms and for the problem's `errors`.
    var problems: [FieldProblem] {
        switch self {
        case .conflict(let problem), .payloadTooLarge(let problem), .unsupportedMediaType(let problem), .gone(let problem):
            [problem]
        case .invalid(let problems, _): problems
        case .ruleBroken(let rule, let field, let message): [FieldProblem(field, rule, message)]
        default: []
        }
    }

    var headers: HTTPHeaders {
        switch self {
        case .unauthenticated: ["WWW-Authenticate": "Bearer"]
        case .tooManyRequests(_, let seconds), .unavailable(_, let seconds): ["Retry-After": String(seconds)]
        default: [:]
        }
    }

    /// The problems keyed by field ("sectors[1]" is shown beside "sectors"), for forms.
    /// The refusal in sentences for a notice: each field problem names its field (`FieldProblem.sentence`).
    var inWords: String {
        problems.isEmpty ? detail : problems.map(\.sentence).joined(separator: "; ")
    }

    var fieldMessages: [String: String] {
        Dictionary(problems.map { (String($0.field.prefix { $0 != "[" }), $0.message) }, uniquingKeysWith: { first, _ in first })
    }
}
extension AppError: CustomStringConvertible {
    /// One line naming the fields, for commands.
    var description: String {
        problems.isEmpty ? detail : problems.map { "\($0.field): \($0.message)" }.joined(separator: "; ")
    }
}
